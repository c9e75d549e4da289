/**
 * The bibliographic description after ГОСТ Р 7.0.100-2018 (ISBD punctuation), rendered from the
 * normalised fields for lists, record pages and catalogue cards:
 * `Айтматов, Ч. Джамиля : повесть / Чингиз Айтматов. – Бишкек : Кыргызстан, 1988. – 96 с. – ISBN 5-655-00012-3.`
 */
import type { RecordFields } from './record-fields';

/** Areas are separated by ". – " (with the en dash); a period already ending an area is not doubled. */
const AREA_SEPARATOR = '. – ';

const endsWithStop = (text: string) => /[.?!…]$/.test(text);

function joinAreas(areas: readonly string[]): string {
  let out = '';
  for (const area of areas) {
    if (!area) continue;
    if (!out) out = area;
    else out += endsWithStop(out) ? ` – ${area}` : `${AREA_SEPARATOR}${area}`;
  }
  return out && !endsWithStop(out) ? `${out}.` : out;
}

/** ГОСТ puts one to three authors' first name in the heading; with four or more the title comes first. */
export function gostHeading(fields: Pick<RecordFields, 'authors'>): string {
  const count = fields.authors.length;
  if (count === 0 || count > 3) return '';
  const name = fields.authors[0]!;
  return endsWithStop(name) ? name : `${name}.`;
}

function titleArea(fields: RecordFields): string {
  let out = fields.title;
  if (fields.otherTitle) out += ` : ${fields.otherTitle}`;
  if (fields.responsibility) out += ` / ${fields.responsibility}`;
  return out;
}

/**
 * Place : Publisher, Year. A dated record without a place or a publisher says so, as ГОСТ Р 7.0.100-2018
 * has it: "[Б. м.]" (no place), "[б. и.]" (no publisher), both in one pair of brackets when neither is
 * known — "[Б. м.] : Илим, 2001", "Москва : [б. и.], 1985", "[Б. м. : б. и.], 1997". Without a year the
 * area holds what the record gives.
 */
function publicationArea(fields: RecordFields): string {
  const { place, publisher, year } = fields;
  if (year === null) return [place, publisher].filter(Boolean).join(' : ');
  if (!place && !publisher) return `[Б. м. : б. и.], ${year}`;
  return `${place || '[Б. м.]'} : ${publisher || '[б. и.]'}, ${year}`;
}

export function renderGostDescription(fields: RecordFields): string {
  const head = gostHeading(fields);
  const title = titleArea(fields);
  return joinAreas([
    head ? `${head} ${title}` : title,
    fields.edition,
    publicationArea(fields),
    fields.extent,
    fields.series ? `(${fields.series})` : '',
    ...fields.isbns.map((isbn) => `ISBN ${isbn}`),
    fields.issn ? `ISSN ${fields.issn}` : '',
  ]);
}
