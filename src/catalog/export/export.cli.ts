/**
 * `kitepkana export marc --schema rusmarc|marc21 --format iso2709|marcxml --out FILE [--library CODE]
 * [--query Q]` — writes records (UTF-8) to FILE, with progress on stderr.
 */
import { openCommandDatabase } from '../../cli/database';
import { outFileProblem, writeOutFile } from '../../cli/out-file';
import { findLibraryByCode } from '../../network';
import { countOf, readCommandArgs } from '../../cli/command-args';
import { ZSearchQuery } from '../catalog.schemas';
import { exportMarc } from './export.service';

const HELP = `Usage: kitepkana export marc --out FILE [options]
  Writes catalogue records as MARC (UTF-8); records catalogued in the other schema are converted.

  --schema rusmarc|marc21        MARC schema of the output (default rusmarc)
  --format iso2709|marcxml       container (default iso2709)
  --out FILE                     where to write (refuses to overwrite without --force; not "-")
  --library CODE                 only records with copies in this library
  --query Q                      only records found by this search (as typed in the search box)
  --force                        overwrite FILE (only a regular file: never a folder, a link or a device)
  -h, --help                     show this help

Exit codes: 0 done, 1 failed, 2 wrong usage.`;

function usage(message: string): number {
  console.error(`kitepkana export: ${message}\n\n${HELP}`);
  return 2;
}

export const exportCommand = {
  summary: 'Export MARC records: kitepkana export marc --schema … --format … --out FILE [--library CODE] [--query Q]',
  usage: 'kitepkana export marc --schema rusmarc|marc21 --format iso2709|marcxml --out FILE [--library CODE] [--query Q]',
  async run(args: string[]): Promise<number> {
    const parsed = readCommandArgs('export', HELP, args, {
      schema: { type: 'string', default: 'rusmarc' },
      format: { type: 'string', default: 'iso2709' },
      out: { type: 'string' },
      library: { type: 'string' },
      query: { type: 'string' },
      force: { type: 'boolean' },
    });
    if (parsed.exit !== null) return parsed.exit;
    const { values, positionals } = parsed;
    if (positionals[0] !== 'marc' || positionals.length > 1) return usage('what to export? only "marc" is known');
    const schema = values.schema;
    const format = values.format;
    if (schema !== 'rusmarc' && schema !== 'marc21') return usage('--schema must be rusmarc or marc21');
    if (format !== 'iso2709' && format !== 'marcxml') return usage('--format must be iso2709 or marcxml');
    if (!values.out) return usage('--out FILE is missing');
    const problem = outFileProblem(values.out, values.force);
    if (problem) {
      console.error(`kitepkana export: ${problem}`);
      return 1;
    }
    const database = await openCommandDatabase();
    try {
      const library = values.library ? await findLibraryByCode(database.db, values.library) : null;
      if (values.library && !library) {
        console.error(`kitepkana export: no library with code ${values.library}`);
        return 1;
      }
      const search = values.query ? ZSearchQuery.parse({ q: values.query }) : null;
      let last = 0;
      const count = await writeOutFile(values.out, (stream) =>
        exportMarc(database.db, stream, {
          schema,
          container: format,
          libraryId: library?.id ?? null,
          search,
          onProgress: (n) => {
            if (n - last >= 5000) {
              last = n;
              process.stderr.write(`export: ${n} records\n`);
            }
          },
        }),
      );
      console.log(`Exported ${countOf(count, 'record')} (${schema}, ${format}, UTF-8) to ${values.out}.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
