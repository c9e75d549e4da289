/** OAI-PMH 2.0 arguments: verbs and their arguments, UTC datestamps, stateless resumption tokens. */

export type OaiParams = Record<string, string | string[] | undefined>;

export type OaiVerb = 'Identify' | 'ListMetadataFormats' | 'ListSets' | 'ListIdentifiers' | 'ListRecords' | 'GetRecord';

export type OaiErrorCode =
  | 'badVerb'
  | 'badArgument'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy'
  | 'badResumptionToken';

export class OaiError extends Error {
  constructor(
    readonly code: OaiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Each verb's arguments: required, optional, exclusive (resumptionToken). */
const ARGUMENTS: Record<OaiVerb, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};

export function isVerb(value: string): value is OaiVerb {
  return Object.hasOwn(ARGUMENTS, value);
}

/** The request's arguments after checking them against the verb; throws badArgument. */
export function checkArguments(verb: OaiVerb, params: OaiParams): Record<string, string> {
  const spec = ARGUMENTS[verb];
  const args: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'verb' || value === undefined) continue;
    if (Array.isArray(value)) throw new OaiError('badArgument', `The argument ${key} is repeated`);
    const allowed = spec.required.includes(key) || spec.optional.includes(key) || spec.exclusive === key;
    if (!allowed) throw new OaiError('badArgument', `Illegal argument for ${verb}: ${key}`);
    args[key] = value;
  }
  if (spec.exclusive && args[spec.exclusive] !== undefined) {
    if (Object.keys(args).length > 1) throw new OaiError('badArgument', `${spec.exclusive} is an exclusive argument`);
    return args;
  }
  for (const key of spec.required) {
    if (args[key] === undefined || args[key] === '')
      throw new OaiError('badArgument', `Missing required argument: ${key}`);
  }
  return args;
}

/** A datestamp with seconds granularity, UTC. */
export function datestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export interface DateBound {
  date: Date;
  granularity: 'day' | 'seconds';
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

export function parseDate(name: string, value: string | undefined): DateBound | undefined {
  if (value === undefined) return undefined;
  const granularity = DAY.test(value) ? 'day' : SECONDS.test(value) ? 'seconds' : null;
  const date = granularity ? new Date(granularity === 'day' ? `${value}T00:00:00Z` : value) : null;
  // Reject impossible dates (2024-02-30) that Date would roll over.
  if (
    !granularity ||
    !date ||
    Number.isNaN(date.getTime()) ||
    datestamp(date).slice(0, value.length - (granularity === 'seconds' ? 1 : 0)) !== value.replace(/Z$/, '')
  ) {
    throw new OaiError('badArgument', `Illegal ${name} date: ${value} (use YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`);
  }
  return { date, granularity };
}

/** The first instant after an `until` bound (until is inclusive to its granularity). */
export function untilExclusive(bound: DateBound): Date {
  return new Date(bound.date.getTime() + (bound.granularity === 'day' ? 86_400_000 : 1000));
}

export interface ListState {
  metadataPrefix: string;
  from?: string;
  until?: string;
  set?: string;
  /** The last record sent: its updated_at exactly as PostgreSQL prints it (microseconds) and its id. */
  after?: { updatedAt: string; id: string };
  /** How many records were sent before this page. */
  cursor: number;
}

export function encodeToken(state: ListState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)?$/;

export function decodeToken(token: string): ListState {
  const bad = () => new OaiError('badResumptionToken', 'The resumptionToken is invalid or has expired');
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(token)) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!value || typeof value !== 'object') throw bad();
  const s = value as Partial<ListState>;
  const okString = (v: unknown) => v === undefined || typeof v === 'string';
  if (typeof s.metadataPrefix !== 'string' || !okString(s.from) || !okString(s.until) || !okString(s.set)) throw bad();
  if (typeof s.cursor !== 'number' || !Number.isInteger(s.cursor) || s.cursor < 0) throw bad();
  if (!s.after || typeof s.after.id !== 'string' || !UUID.test(s.after.id)) throw bad();
  if (typeof s.after.updatedAt !== 'string' || !PG_TIMESTAMP.test(s.after.updatedAt)) throw bad();
  try {
    parseDate('from', s.from);
    parseDate('until', s.until);
  } catch {
    throw bad();
  }
  return { metadataPrefix: s.metadataPrefix, from: s.from, until: s.until, set: s.set, after: s.after, cursor: s.cursor };
}
