/**
 * `kitepkana reindex` — recomputes every record's search text, list columns and description from its
 * MARC record (reindex.service.ts), with a progress bar on stderr. For after an upgrade that changes how
 * they are derived; the MARC records themselves are not touched. Exit codes: 0 done, 1 failed, 2 wrong usage.
 */
import cliProgress from 'cli-progress';
import { loadConfig } from '../app/config';
import { openMigratedDatabase } from '../app/db';
import { SYSTEM_ACTOR } from '../audit';
import { countOf, readCommandArgs } from '../cli/command-args';
import { reindexRecords } from './reindex.service';

const HELP = `Usage: kitepkana reindex
  Recomputes what search, lists and the bibliographic description are made of, for every record, from
  its MARC record (which stays as it is). Run it after an upgrade that says so; searching goes on meanwhile.

  -h, --help   show this help

Exit codes: 0 done, 1 failed, 2 wrong usage.`;

export const reindexCommand = {
  summary: 'Recompute every record’s search text and description from its MARC record (after an upgrade)',
  usage: 'kitepkana reindex',
  async run(args: string[]): Promise<number> {
    const parsed = readCommandArgs('reindex', HELP, args, {});
    if (parsed.exit !== null) return parsed.exit;
    if (parsed.positionals.length) {
      console.error(`kitepkana reindex: takes no arguments (got "${parsed.positionals.join(' ')}")\n\n${HELP}`);
      return 2;
    }
    const database = await openMigratedDatabase(loadConfig());
    const bar = new cliProgress.SingleBar(
      { format: 'reindex [{bar}] {percentage}% | {value}/{total} records', stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    try {
      const summary = await reindexRecords(database.db, SYSTEM_ACTOR, (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      });
      if (started) bar.stop();
      console.log(`Reindexed ${countOf(summary.records, 'record')}: ${summary.changed} changed.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
