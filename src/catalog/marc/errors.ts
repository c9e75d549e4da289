// Typed problems the MARC readers report instead of throwing: an importer must be able to skip a broken
// record, tell the user where it was, and go on.

import type { MarcRecord } from './record';

export type MarcErrorKind =
  | 'leader' // leader too short or its lengths unusable
  | 'base-address' // base address does not point just after the directory
  | 'directory' // directory not a multiple of 12, not digits, or empty
  | 'field-bounds' // a directory entry points outside the record or not at a field terminator
  | 'truncated' // the data ends before the record terminator
  | 'too-long' // no record terminator within the largest record we accept
  | 'xml'; // malformed MARCXML

export class MarcParseError extends Error {
  override readonly name = 'MarcParseError';
  /** 0-based number of the record in the input, counting good and bad ones. */
  readonly index: number;
  /** Byte offset of the record in the file (character position for MARCXML). */
  readonly offset: number;
  readonly kind: MarcErrorKind;
  readonly reason: string;
  /** The fields that could still be read safely, when any: an importer may show them to a person. */
  readonly salvaged: MarcRecord | undefined;

  constructor(index: number, offset: number, kind: MarcErrorKind, reason: string, salvaged?: MarcRecord) {
    super(`record ${index} at byte ${offset}: ${reason}`);
    this.index = index;
    this.offset = offset;
    this.kind = kind;
    this.reason = reason;
    this.salvaged = salvaged;
  }
}

/** Something odd that did not stop the record from being read (it is still yielded). */
export interface MarcWarning {
  index: number;
  offset: number;
  message: string;
  /** 'utf8-record': a record read as UTF-8 in a file detected as another encoding (its text is valid UTF-8). */
  kind?: 'utf8-record';
}

export function isMarcParseError(x: unknown): x is MarcParseError {
  return x instanceof MarcParseError;
}
