// Public API of the MARC engine: the record model, ISO 2709 and MARCXML readers and writers, encodings
// (with MARC-8), encoding and format detection, and the RUSMARC ↔ MARC 21 crosswalk. Pure library code.

export * from './record';
export { MarcParseError, isMarcParseError, type MarcErrorKind, type MarcWarning } from './errors';
export {
  MARC_ENCODINGS,
  decodeBytes,
  encodeSingleByte,
  normalizeEncodingName,
  type EncodingOption,
  type MarcEncoding,
} from './charsets';
export { decodeMarc8, eaccToUnicode } from './marc8';
export { detectEncoding, textBytesOfRecords, type EncodingGuess } from './detect-encoding';
export { detectFormat, formatScores, type FormatGuess } from './detect-format';
export {
  detectRawEncoding,
  readIso2709,
  readIso2709All,
  readIso2709Stream,
  readIso2709ViewStream,
  readIso2709Views,
  type ReadItem,
  type ReadOptions,
  type ViewItem,
} from './iso2709-reader';
export { splitRecords, type RawRecord } from './iso2709-split';
export { parseRecord, viewRecord, type ParseContext } from './iso2709-parse';
export { MarcView } from './iso2709-view';
export { iso2709ToMarcXml, type Iso2709ToXmlOptions } from './iso2709-xml';
export { MarcWriteError, writeIso2709, writeIso2709Record, type WriteOptions } from './iso2709-writer';
export { readMarcXml, readMarcXmlString, type MarcXmlItem, type MarcXmlReadOptions } from './marcxml-reader';
export {
  MARCXML_HEAD,
  MARCXML_NS,
  MARCXML_TAIL,
  recordToMarcXml,
  toMarcXml,
  writeMarcXml,
  type MarcXmlWriteOptions,
  type XmlDropReport,
} from './marcxml-writer';
export { declareUnicode, rusmarcControlSource, unicode100a, unicodeLeader } from './unicode-marks';
export { rusmarcToMarc21 } from './crosswalk-to-marc21';
export { marc21ToRusmarc } from './crosswalk-to-rusmarc';
export type { CrosswalkOptions } from './crosswalk-common';
