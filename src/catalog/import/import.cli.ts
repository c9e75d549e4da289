/**
 * `kitepkana import marc FILE …` — imports a MARC file with a progress bar on stderr. With --json the
 * last line on stdout is the summary as JSON (with an "error" when the import failed). Exit codes:
 * 0 done (even with some records rejected), 1 failed (also: the file is empty or not MARC, or every
 * record was rejected), 2 wrong usage.
 */
import { createReadStream, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Database } from '../../app/db';
import { SYSTEM_ACTOR } from '../../audit';
import { findLibraryByCode, findNetwork } from '../../network';
import { countOf, readCommandArgs } from '../../cli/command-args';
import { openCommandDatabase } from '../../cli/database';
import { errorMessage } from '../../cli/paths';
import { normalizeEncodingName, type EncodingOption } from '../marc';
import { emptySummary, importMarc, type ImportSummary } from './import.service';
import { checkMarcFile } from './marc-file';
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
  --replace                               a matched record already in the catalogue takes the file's
                                          content (its copies stay; edits made to it since are
                                          overwritten): to mend records imported with a wrong encoding
  --json                                  print the summary as JSON on the last line (also when
                                          the import fails: then with an "error")
  -h, --help                              show this help

Exit codes: 0 done (even with some records rejected), 1 failed (also: FILE is empty or not
MARC, or every record was rejected), 2 wrong usage.`;

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
      replace: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (parsed.exit !== null) return parsed.exit;
    const { values, positionals } = parsed;
    const [what, file, ...extra] = positionals;
    let format: ContainerOption, schema: SchemaOption, match: MatchMode, encoding: EncodingOption;
    try {
      if (what !== 'marc') throw new UsageError('what to import? only "marc" is known');
      if (!file) throw new UsageError('FILE is missing');
      if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
      format = oneOf('format', values.format, CONTAINERS, 'auto');
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
    const json = Boolean(values.json);
    // The summary so far, kept when the import fails: with --json a line with its "error" still ends stdout.
    const summary = emptySummary();
    let container: 'iso2709' | 'marcxml' | null = null;
    const fail = (message: string) => {
      console.error(`kitepkana import: ${message}`);
      if (json) console.log(JSON.stringify({ ...jsonSummary(summary, container), error: message }));
      return 1;
    };
    const check = checkMarcFile(file, format, ' (without --format it is told by the first bytes)');
    if (check.problem !== null) return fail(check.problem);
    container = check.container;
    let database: Database;
    try {
      database = await openCommandDatabase();
    } catch (error) {
      return fail(errorMessage(error));
    }
    try {
      const library = values.library ? await findLibraryByCode(database.db, values.library) : null;
      if (values.library && !library) return fail(`no library with code ${values.library}`);
      const network = library ? await findNetwork(database.db, library.networkId) : null;
      const size = statSync(file).size;
      const stream = createReadStream(file, { highWaterMark: 1 << 20 });
      let bytes = 0;
      stream.on('data', (chunk) => (bytes += chunk.length));
      const bar = progressBar(size);
      let completed = false;
      try {
        await importMarc(
          database.db,
          SYSTEM_ACTOR,
          stream,
          {
            container: format,
            schema,
            encoding,
            match,
            replace: Boolean(values.replace),
            library,
            currency: network?.country === 'RU' ? 'RUB' : 'KGS',
            gatherStatistics: database.kind === 'pglite',
            onProgress: (s) => bar.update(bytes, s),
          },
          summary,
        );
        completed = true;
      } finally {
        // The last progress shows the final counts (after a failure too: how far the import came).
        bar.finish(summary, completed ? size : bytes);
      }
      printSummary(summary, container);
      const failed =
        summary.read === 0
          ? `no MARC records found in ${file}`
          : summary.created + summary.matched === 0 && summary.rejected > 0
            ? `every record was rejected (${summary.rejected}): nothing was imported`
            : null;
      if (failed) console.error(`kitepkana import: ${failed}`);
      if (json) console.log(JSON.stringify(jsonSummary(summary, container)));
      return failed ? 1 : 0;
    } catch (error) {
      return fail(errorMessage(error));
    } finally {
      await database.close();
    }
  },
};

/**
 * The --json summary: read, created, matched, rejected and errors as they always were, then the copies
 * created and already there, the container (iso2709 or marcxml), the schema and the ISO 2709 encoding
 * (detected or given; null for MARCXML).
 */
function jsonSummary(s: ImportSummary, container: 'iso2709' | 'marcxml' | null) {
  const { read, created, matched, rejected, errors } = s;
  return {
    read,
    created,
    matched,
    rejected,
    errors,
    ...(s.replaced === undefined ? {} : { replaced: s.replaced }),
    copies: { created: s.items.created, existing: s.items.existing },
    format: container,
    // Told by the records: none when none was read.
    schema: s.read ? s.schema : null,
    encoding: container === 'marcxml' ? null : s.encoding,
  };
}

/** Progress on stderr: a bar on a terminal, else a line every tenth of the file; `finish` shows the final counts. */
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const label = (s: ImportSummary) => `${s.read} read, ${s.created} new, ${s.matched} matched, ${s.rejected} rejected`;
  if (!stream.isTTY) {
    let last = -1;
    let lastLine = '';
    const print = (done: number, s: ImportSummary) => {
      const line = `import: ${Math.round((Math.min(done, total) / Math.max(total, 1)) * 100)}% — ${label(s)}\n`;
      if (line !== lastLine) stream.write(line);
      lastLine = line;
      last = done;
    };
    return {
      update(done: number, s: ImportSummary) {
        if (done === last || (done - last < total / 10 && done < total)) return;
        print(done, s);
      },
      finish: (s: ImportSummary, done = total) => print(done, s),
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: 'import [{bar}] {percentage}% | {label}', stream, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    update: (done: number, s: ImportSummary) => bar.update(Math.min(done, total), { label: label(s) }),
    finish(s: ImportSummary, done = total) {
      bar.update(Math.min(done, total), { label: label(s) });
      bar.stop();
    },
  };
}

function printSummary(s: ImportSummary, container: 'iso2709' | 'marcxml') {
  const mixed = s.utf8Records ? `; ${countOf(s.utf8Records, 'record')} in utf-8` : '';
  const label = `${(s.read && s.schema) || '?'}, ${container === 'marcxml' ? 'xml' : (s.encoding ?? '?')}${mixed}`;
  const lines = [
    `Read ${countOf(s.read, 'record')} (${label}): ${s.created} created, ${s.matched} matched${s.replaced === undefined ? '' : ` (${s.replaced} replaced)`}, ${s.rejected} rejected.`,
    `Copies: ${s.items.created} created, ${s.items.existing} already there.`,
    ...(s.encodingDetected
      ? [
          `Note: the records were read as ${s.encoding} as asked, but their bytes read as ${s.encodingDetected}. If titles are garbled, ` +
            'import the file again with --encoding auto (or the right one) and --replace: the records it matches then take the file\'s content.',
        ]
      : []),
    // Counted from 1, as the staff app's report does (--json keeps the 0-based index).
    ...s.errors.slice(0, 20).map((e) => `  record ${e.index + 1}${e.offset >= 0 ? ` at byte ${e.offset}` : ''}: ${e.reason}`),
    ...(s.errors.length > 20 ? [`  … and ${s.rejected - 20} more`] : []),
  ];
  console.log(lines.join('\n'));
}
