/**
 * `kitepkana convert marc FILE --out FILE.xml [--encoding …]` — an ISO 2709 file (as ИРБИС and other
 * systems export it) to MARCXML in UTF-8, without the database: to send records to a library that
 * takes MARCXML, or to read an export before importing it. Records that cannot be read are reported
 * and left out; the others are written.
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { countOf, readCommandArgs } from '../../cli/command-args';
import { outFileProblem, writeOutFile } from '../../cli/out-file';
import { checkMarcFile } from '../import/marc-file';
import { iso2709ToMarcXml, normalizeEncodingName, type MarcParseError } from '../marc';

const HELP = `Usage: kitepkana convert marc FILE --out FILE.xml [options]
  Converts an ISO 2709 file to MARCXML (UTF-8), record by record; the database is not used.
  Records that cannot be read are listed and left out.

  --encoding auto|utf-8|cp1251|cp866|koi8-r|marc-8
                                 encoding of FILE (default auto: detected; the leader often lies)
  --out FILE                     where to write (refuses to overwrite without --force; not "-")
  --force                        overwrite FILE (only a regular file: never a folder, a link or a device)
  -h, --help                     show this help

Exit codes: 0 done, 1 failed, 2 wrong usage.`;

function usage(message: string): number {
  console.error(`kitepkana convert: ${message}\n\n${HELP}`);
  return 2;
}

export const convertCommand = {
  summary: 'Convert an ISO 2709 file to MARCXML: kitepkana convert marc FILE --out FILE.xml [--encoding …]',
  usage: 'kitepkana convert marc FILE --out FILE.xml [--encoding auto|utf-8|cp1251|cp866|koi8-r|marc-8] [--force]',
  async run(args: string[]): Promise<number> {
    const parsed = readCommandArgs('convert', HELP, args, {
      encoding: { type: 'string', default: 'auto' },
      out: { type: 'string' },
      force: { type: 'boolean' },
    });
    if (parsed.exit !== null) return parsed.exit;
    const { values, positionals } = parsed;
    if (positionals[0] !== 'marc') return usage('what to convert? only "marc" is known');
    if (positionals.length !== 2) return usage('give one ISO 2709 file to convert');
    const encoding = normalizeEncodingName(values.encoding);
    if (!encoding) return usage('--encoding must be one of auto, utf-8, cp1251, cp866, koi8-r, marc-8');
    if (!values.out) return usage('--out FILE is missing');
    const input = resolve(positionals[1]!);
    const check = checkMarcFile(positionals[1]!, 'iso2709', ': convert reads ISO 2709 only (MARCXML can be imported as it is)');
    if (check.problem !== null) {
      console.error(`kitepkana convert: ${check.problem}`);
      return 1;
    }
    const problem = outFileProblem(values.out, values.force);
    if (problem) {
      console.error(`kitepkana convert: ${problem}`);
      return 1;
    }
    const errors: MarcParseError[] = [];
    const summary = await writeOutFile(values.out, (stream) =>
      iso2709ToMarcXml(createReadStream(input, { highWaterMark: 1 << 20 }), stream, { encoding, onError: (error) => errors.push(error) }),
    );
    console.error(`Wrote ${countOf(summary.records, 'record')} to ${values.out}; ${summary.errors} could not be read.`);
    for (const e of errors.slice(0, 20)) console.error(`  record ${e.index} at byte ${e.offset}: ${e.reason}`);
    if (errors.length > 20) console.error(`  … and ${errors.length - 20} more`);
    return 0;
  },
};
