/**
 * `kitepkana import marc FILE …` — imports a MARC file with a progress bar on stderr. With --json the
 * last line on stdout is the summary as JSON. Exit codes: 0 done (even with rejected records),
 * 1 failed, 2 wrong usage.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../app/config';
import { openMigratedDatabase } from '../../app/db';
import { SYSTEM_ACTOR } from '../../audit';
import { findLibraryByCode, findNetwork } from '../../network';
import { countOf, readCommandArgs } from '../../cli/command-args';
import { normalizeEncodingName, type EncodingOption } from '../marc';
import { importMarc, type ImportSummary } from './import.service';
import type { MatchMode } from './match';
import type { ContainerOption, SchemaOption } from './sources';

const HELP = `Usage: kitepkana import marc FILE [options]
  Imports bibliographic records (and copies from holdings fields 899/910, 852/876) into the catalogue.
  Importing the same file again creates nothing new.

  --format iso2709|marcxml|auto           container (default auto: told by the first bytes)
  --schema rusmarc|marc21|auto            MARC schema (default auto: told by the tags)
  --encoding auto|utf-8|cp1251|cp866|koi8-r|marc-8
                                          ISO 2709 encoding (default auto: detected; the leader often lies)
  --library CODE                          library that receives the copies (default: records only)
  --match isbn|control-number|none        how records are matched to existing ones (default isbn)
  --json                                  print the summary as JSON on the last line
  -h, --help                              show this help

Exit codes: 0 done, 1 failed, 2 wrong usage.`;

const CONTAINERS = ['iso2709', 'marcxml', 'auto'] as const;
const SCHEMAS = ['rusmarc', 'marc21', 'auto'] as const;
const MATCHES = ['isbn', 'control-number', 'none'] as const;

class UsageError extends Error {}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export const importCommand = {
  summary: 'Import MARC records: kitepkana import marc FILE [--format …] [--library CODE] [--json]',
  usage: 'kitepkana import marc FILE [--format iso2709|marcxml|auto] [--schema rusmarc|marc21|auto] [--encoding …] [--library CODE] [--match isbn|control-number|none] [--json]',
  async run(args: string[]): Promise<number> {
    const parsed = readCommandArgs('import', HELP, args, {
      format: { type: 'string' },
      schema: { type: 'string' },
      encoding: { type: 'string' },
      library: { type: 'string' },
      match: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (parsed.exit !== null) return parsed.exit;
    const { values, positionals } = parsed;
    const [what, file, ...extra] = positionals;
    let container: ContainerOption, schema: SchemaOption, match: MatchMode, encoding: EncodingOption;
    try {
      if (what !== 'marc') throw new UsageError('what to import? only "marc" is known');
      if (!file) throw new UsageError('FILE is missing');
      if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
      container = oneOf('format', values.format, CONTAINERS, 'auto');
      schema = oneOf('schema', values.schema, SCHEMAS, 'auto');
      match = oneOf('match', values.match, MATCHES, 'isbn');
      const named = normalizeEncodingName(values.encoding ?? 'auto');
      if (!named) throw new UsageError('--encoding must be one of auto, utf-8, cp1251, cp866, koi8-r, marc-8');
      encoding = named;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.error(`kitepkana import: ${error.message}\n\n${HELP}`);
      return 2;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      console.error(`kitepkana import: ${file}: no such file`);
      return 1;
    }
    const database = await openMigratedDatabase(loadConfig());
    try {
      const library = values.library ? await findLibraryByCode(database.db, values.library) : null;
      if (values.library && !library) {
        console.error(`kitepkana import: no library with code ${values.library}`);
        return 1;
      }
      const network = library ? await findNetwork(database.db, library.networkId) : null;
      const size = statSync(file).size;
      const stream = createReadStream(file, { highWaterMark: 1 << 20 });
      let bytes = 0;
      stream.on('data', (chunk) => (bytes += chunk.length));
      const bar = progressBar(size);
      const summary = await importMarc(database.db, SYSTEM_ACTOR, stream, {
        container,
        schema,
        encoding,
        match,
        library,
        currency: network?.country === 'RU' ? 'RUB' : 'KGS',
        gatherStatistics: database.kind === 'pglite',
        onProgress: (s) => bar.update(bytes, s),
      }).finally(() => bar.stop());
      bar.update(size, summary);
      printSummary(summary, Boolean(values.json));
      return 0;
    } finally {
      await database.close();
    }
  },
};

function progressBar(total: number) {
  const label = (s: ImportSummary) => `${s.read} read, ${s.created} new, ${s.matched} matched, ${s.rejected} rejected`;
  if (!process.stderr.isTTY) {
    let last = -1;
    return {
      update(done: number, s: ImportSummary) {
        if (done === last || (done - last < total / 10 && done < total)) return;
        last = done;
        process.stderr.write(`import: ${Math.round((done / Math.max(total, 1)) * 100)}% — ${label(s)}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: 'import [{bar}] {percentage}% | {label}', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    update: (done: number, s: ImportSummary) => bar.update(Math.min(done, total), { label: label(s) }),
    stop: () => bar.stop(),
  };
}

function printSummary(s: ImportSummary, asJson: boolean) {
  const lines = [
    `Read ${countOf(s.read, 'record')} (${s.schema ?? '?'}, ${s.encoding ?? 'xml'}): ${s.created} created, ${s.matched} matched, ${s.rejected} rejected.`,
    `Copies: ${s.items.created} created, ${s.items.existing} already there.`,
    ...s.errors.slice(0, 20).map((e) => `  record ${e.index}${e.offset >= 0 ? ` at byte ${e.offset}` : ''}: ${e.reason}`),
    ...(s.errors.length > 20 ? [`  … and ${s.rejected - 20} more`] : []),
  ];
  console.log(lines.join('\n'));
  if (asJson) {
    const { read, created, matched, rejected, errors } = s;
    console.log(JSON.stringify({ read, created, matched, rejected, errors }));
  }
}
