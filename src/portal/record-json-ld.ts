/**
 * The schema.org description of a catalogue record (a Book; a Periodical, Map, recording… by its type) on its OPAC page: values a search engine
 * can take as they are — the title without the ISBD punctuation of the ГОСТ description, people as the
 * record names them in full, each in their role, ISBNs as digits, the language as a BCP 47 tag.
 */
import { normalizeIsbn, type CatalogRecord } from '../catalog';

type Marc = CatalogRecord['marc'];
type DataField = Extract<Marc['fields'][number], { subfields: unknown }>;

function dataFields(marc: Marc, ...tags: string[]): DataField[] {
  return marc.fields.filter((f): f is DataField => 'subfields' in f && tags.includes(f.tag));
}

const subfields = (field: DataField, ...codes: string[]) =>
  field.subfields.filter((s) => codes.includes(s.code)).map((s) => s.value);
const subfield = (field: DataField, code: string) => subfields(field, code)[0] ?? '';

/**
 * A value without the ISBD punctuation that joins it to its neighbours in a description: "Джамиля :"
 * → "Джамиля", "= Jamila" → "Jamila", "Толстой, Лев Николаевич," → "Толстой, Лев Николаевич". The
 * period of an abbreviation or an initial stays ("Айтматов, Ч."), and so does an ellipsis.
 */
export function withoutIsbd(value: string): string {
  let s = value.replace(/\s+/g, ' ').trim();
  for (;;) {
    const before = s;
    s = s
      .replace(/^[=:;/,]+\s*/, '')
      .replace(/\s*[=:;/,]+[\s.]*$/, '')
      .replace(/\s+\.$/, '')
      .replace(/(\p{L}{4,}|\d)\.$/u, '$1')
      .trim();
    if (s === before) return s;
  }
}

/** A general material designation left in a title proper by some exports: "Джамиля [Текст] :". */
const MATERIAL_DESIGNATION =
  /\s*\[(текст|электронный ресурс|text|electronic resource|звукозапись|видеозапись|ноты|карты)\]/giu;

/** A title as running text writes it: "Джамиля ; Первый учитель" → "Джамиля; Первый учитель". */
function titleText(value: string): string {
  return withoutIsbd(value.replace(MATERIAL_DESIGNATION, ''))
    .replace(/\s+:\s+/g, ': ')
    .replace(/\s+;\s+/g, '; ');
}

/** "Title: other title information"; after a title ending in "?" or "!" only a space. */
function joinTitles(title: string, other: string): string {
  if (!other) return title;
  if (!title) return other;
  return /[?!…]$/.test(title) ? `${title} ${other}` : `${title}: ${other}`;
}

/** The name, and the parallel titles (RUSMARC 200 $d; MARC 21 245 $b after an $a ending in "=") apart. */
function namesOf(record: CatalogRecord): { name: string; alternateName: string[] } {
  const title = titleText(record.title);
  const other = titleText(record.otherTitle);
  const field = dataFields(record.marc, record.format === 'rusmarc' ? '200' : '245')[0];
  if (!field) return { name: joinTitles(title, other), alternateName: [] };
  if (record.format === 'marc21') {
    const otherIsParallel = /=\s*$/.test(subfield(field, 'a'));
    return otherIsParallel
      ? { name: title, alternateName: other ? [other] : [] }
      : { name: joinTitles(title, other), alternateName: [] };
  }
  const parallel = subfields(field, 'd').map(titleText).filter(Boolean);
  return { name: joinTitles(title, other), alternateName: [...new Set(parallel)] };
}

type Role = 'author' | 'editor' | 'translator' | 'illustrator' | 'contributor';
interface Agent {
  role: Role;
  type: 'Person' | 'Organization';
  name: string;
}

/** Relator codes (UNIMARC's three digits, MARC's three letters) of the roles schema.org has a property for. */
const RELATOR_CODES: Record<string, Role> = {
  '070': 'author',
  aut: 'author',
  '340': 'editor',
  edt: 'editor',
  '730': 'translator',
  trl: 'translator',
  '440': 'illustrator',
  ill: 'illustrator',
};

/** Relator terms (MARC 21 $e) by how they begin, in the languages of the catalogues. */
const RELATOR_TERMS: [RegExp, Role][] = [
  [/^(author|автор)/i, 'author'],
  [/^(editor|ed\.|ред)/i, 'editor'],
  [/^(translator|trans|пер|котор)/i, 'translator'],
  [/^(illustrator|ill|худож|ил\.)/i, 'illustrator'],
];

/** The role of a name: its relator code or term, else what its field means (main entry, added entry). */
function roleOf(field: DataField, byField: Role): Role {
  const codes = subfields(field, '4').map((c) => c.trim().toLowerCase().replace(/^.*\//, ''));
  const terms = subfields(field, 'e').map((t) => t.trim());
  if (!codes.length && !terms.length) return byField;
  for (const code of codes) if (RELATOR_CODES[code]) return RELATOR_CODES[code];
  for (const term of terms) for (const [pattern, role] of RELATOR_TERMS) if (pattern.test(term)) return role;
  return 'contributor';
}

/** RUSMARC 700-702: $a surname, $g forenames in full, else $b initials. */
function rusmarcPerson(field: DataField): string {
  const surname = withoutIsbd(subfield(field, 'a'));
  const rest = withoutIsbd(subfield(field, 'g')) || withoutIsbd(subfield(field, 'b'));
  return rest ? `${surname}, ${rest}` : surname;
}

/** MARC 21 100/700 $a, with the fuller form of $q when $a gives only initials ("Айтматов, Ч." + "(Чингиз)"). */
function marcPerson(field: DataField): string {
  const name = withoutIsbd(subfield(field, 'a'));
  const fuller = withoutIsbd(subfield(field, 'q').replace(/[()]/g, ''));
  const comma = name.indexOf(',');
  const forenames = comma < 0 ? '' : name.slice(comma + 1).trim();
  if (field.ind1 !== '1' || !fuller || !/^(\p{L}{1,2}\.\s*)+$/u.test(forenames)) return name;
  return `${name.slice(0, comma).trim()}, ${fuller}`;
}

const corporate = (field: DataField) => subfields(field, 'a', 'b').map(withoutIsbd).filter(Boolean).join('. ');

function agentsOf(record: CatalogRecord): Agent[] {
  const rusmarc = record.format === 'rusmarc';
  const person = rusmarc ? rusmarcPerson : marcPerson;
  // Main and alternative responsibility are authors; secondary (RUSMARC 702/712, MARC 21 710) contributors.
  const groups: [string[], Agent['type'], Role][] = rusmarc
    ? [
        [['700', '701'], 'Person', 'author'],
        [['702'], 'Person', 'contributor'],
        [['710', '711'], 'Organization', 'author'],
        [['712'], 'Organization', 'contributor'],
      ]
    : [
        [['100', '700'], 'Person', 'author'],
        [['110', '111', '711'], 'Organization', 'author'],
        [['710'], 'Organization', 'contributor'],
      ];
  const agents: Agent[] = [];
  for (const [tags, type, byField] of groups) {
    for (const field of dataFields(record.marc, ...tags)) {
      const name = type === 'Person' ? person(field) : corporate(field);
      let role = roleOf(field, byField);
      // schema.org's editor and illustrator are people: an organisation in such a role is a contributor.
      if (type === 'Organization' && (role === 'editor' || role === 'illustrator')) role = 'contributor';
      if (name && !agents.some((a) => a.role === role && a.name === name)) agents.push({ role, type, name });
    }
  }
  return agents;
}

const byRole = (agents: Agent[], role: Role) =>
  agents.filter((a) => a.role === role).map((a) => ({ '@type': a.type, name: a.name }));

/** ISBNs as the record's 010/020 $a give them, as digits (and X): no hyphens, no "(в пер.)". */
function isbnsOf(record: CatalogRecord): string[] {
  const values = dataFields(record.marc, record.format === 'rusmarc' ? '010' : '020').flatMap((f) => subfields(f, 'a'));
  const isbns = values
    .map((v) => /[0-9][0-9\s-]{8,}[0-9XxХх]/.exec(v)?.[0] ?? '')
    .map(normalizeIsbn)
    .filter((d) => d.length === 10 || d.length === 13);
  return [...new Set(isbns)];
}

/** "160 с.", "96 с. : ил.", "[2], 160 с.", "xii, 340 p." → the highest page number; null for "2 т." or a disc. */
export function numberOfPages(extent: string): number | null {
  const pages = /^([^:;]*?\d[^:;]*?)\s*(?:с|c|стр|б|бет|p|pp|pages|S)\.?(?=$|[\s:;,)])/u.exec(extent.trim());
  if (!pages?.[1]) return null;
  const numbers = [...pages[1].matchAll(/\d+/g)].map((m) => Number(m[0]));
  const most = Math.max(...numbers);
  return most > 0 && most < 100000 ? most : null;
}

/** ISO 639-2 (bibliographic codes too: ger, fre, chi) → its BCP 47 tag (de, fr, zh); none for "undetermined". */
export function bcp47(code: string): string | undefined {
  if (!/^[a-z]{3}$/.test(code) || ['und', 'zxx', 'mis'].includes(code)) return undefined;
  try {
    return Intl.getCanonicalLocales(code)[0];
  } catch {
    return undefined;
  }
}

/** "[б. и.]", "[s. n.]": the record says the publisher is not known. */
const UNKNOWN_PUBLISHER = /^\[?\s*(б\.\s*и\.?|s\.\s*n\.?|без\s+изд\S*)\s*\]?$/iu;

/** Drops empty values: schema.org consumers read "" as a value. */
function compact(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length),
    ),
  );
}

const oneOrMany = <T>(list: T[]) => (list.length === 1 ? list[0] : list);

/** The schema.org type of each material type: a periodical, a map or a recording is not a Book. */
const SCHEMA_TYPES: Record<CatalogRecord['materialType'], string> = {
  book: 'Book',
  periodical: 'Periodical',
  'e-resource': 'DigitalDocument',
  audio: 'AudioObject',
  video: 'VideoObject',
  map: 'Map',
  other: 'CreativeWork',
};

export function bookJsonLd(origin: string, record: CatalogRecord) {
  const url = `${origin}/catalog/records/${record.id}`;
  const { name, alternateName } = namesOf(record);
  const agents = agentsOf(record);
  const publisher = withoutIsbd(record.publisher);
  const type = SCHEMA_TYPES[record.materialType] ?? 'CreativeWork';
  const book = type === 'Book';
  return compact({
    '@context': 'https://schema.org',
    '@type': type,
    '@id': url,
    url,
    name,
    alternateName: oneOrMany(alternateName),
    author: byRole(agents, 'author'),
    editor: byRole(agents, 'editor'),
    translator: byRole(agents, 'translator'),
    illustrator: book ? byRole(agents, 'illustrator') : undefined,
    contributor: byRole(agents, 'contributor'),
    isbn: book ? oneOrMany(isbnsOf(record)) : undefined,
    issn: type === 'Periodical' && record.issn ? record.issn : undefined,
    datePublished: record.year === null ? undefined : String(record.year),
    publisher:
      publisher && !UNKNOWN_PUBLISHER.test(publisher) ? { '@type': 'Organization', name: publisher } : undefined,
    inLanguage: bcp47(record.language),
    bookEdition: book ? withoutIsbd(record.edition) : undefined,
    numberOfPages: book ? numberOfPages(record.extent) : undefined,
    about: record.subjects.map((subject) => ({ '@type': 'Thing', name: subject })),
    description: record.summary,
    typicalAgeRange: record.ageLabel ? record.ageLabel.replace('+', '-') : undefined,
  });
}
