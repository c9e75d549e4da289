/**
 * For the command line (`import marc`, `convert marc`): whether a MARC file is what it is taken for,
 * told by its first bytes before anything is read or the database opened. An empty file, a text file,
 * MARCXML given as ISO 2709 or the other way round would otherwise be read as one broken record.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { fsReason, inputFileProblem } from '../../cli/paths';
import { otherFileKind, sniffContainer, type ContainerOption } from './sources';

const HEAD_BYTES = 64 * 1024;
const NAMES = { iso2709: 'ISO 2709', marcxml: 'MARCXML' } as const;
const STARTS = { iso2709: 'which starts with a 5-digit record length', marcxml: 'which starts with "<"' } as const;

export type MarcFileCheck =
  { problem: string; container?: undefined } | { problem: null; container: 'iso2709' | 'marcxml' };

/**
 * Reads the first bytes of `given` and says what it holds, or what is wrong with it for `wanted`;
 * `mismatchHint` is added when the file is the other container than the one wanted.
 */
export function checkMarcFile(given: string, wanted: ContainerOption, mismatchHint = ''): MarcFileCheck {
  const problem = inputFileProblem(given);
  if (problem) return { problem };
  let head: Uint8Array;
  try {
    const fd = openSync(given, 'r');
    try {
      const buffer = new Uint8Array(HEAD_BYTES);
      head = buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { problem: `cannot read ${given}: ${fsReason(error) ?? String(error)}` };
  }
  const sniffed = sniffContainer(head);
  if (sniffed === 'empty')
    return { problem: head.length ? `${given} holds only blank space: no records` : `${given} is empty` };
  const other = otherFileKind(head);
  if (other) return { problem: `${given} is a ${other} file, not MARC records (${NAMES.iso2709} or ${NAMES.marcxml})` };
  if (sniffed === 'unknown') {
    if (wanted === 'auto')
      return {
        problem: `${given} is neither ${NAMES.iso2709} (${STARTS.iso2709}) nor ${NAMES.marcxml} (${STARTS.marcxml})`,
      };
    return {
      problem: `${given} does not look like ${NAMES[wanted]}: it does not start as ${NAMES[wanted]} does (${STARTS[wanted]})`,
    };
  }
  if (wanted !== 'auto' && sniffed !== wanted) {
    return { problem: `${given} looks like ${NAMES[sniffed]}, not ${NAMES[wanted]}${mismatchHint}` };
  }
  return { problem: null, container: sniffed };
}
