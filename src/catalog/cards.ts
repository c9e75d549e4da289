/**
 * Catalogue cards (каталожные карточки) of records as a PDF: the standard 125 × 75 mm card, one to a page
 * for card stock or three to an A4 sheet with cut lines. The main card of the alphabetical catalogue:
 * the call number at the top left (ББК index, the author mark under it), the heading (first author),
 * the description after ГОСТ Р 7.0.100-2018 with a paragraph indent, the subject tracings, then at the
 * bottom the inventory numbers of the library's copies and the ББК / УДК indexes, either side of the rod
 * hole. A description too long for one card goes on to a continuation card with the same call number and
 * heading. Set in DejaVu Sans, embedded, as the labels are.
 */
import { openPdf } from '../app/pdf';

export interface CardRecord {
  /** The library's call number of the record's copies (or one suggested from ББК and the author mark). */
  callNumber: string;
  /** The heading: the first author as catalogued ("Айтматов, Ч."), or empty for a title entry. */
  heading: string;
  /** The description after ГОСТ, without the heading. */
  description: string;
  subjects: readonly string[];
  bbk: readonly string[];
  udc: readonly string[];
  inventoryNumbers: readonly string[];
}

export const CARD_LAYOUTS = ['card', 'a4'] as const;
export type TCardLayout = (typeof CARD_LAYOUTS)[number];

const MM = 72 / 25.4;
const CARD = { width: 125 * MM, height: 75 * MM };
const A4 = { width: 210 * MM, height: 297 * MM };
/** Left column (call number), body start, right and bottom margins, paragraph indent: mm. */
const EDGE = 5 * MM;
const BODY = 27 * MM;
const RIGHT = 5 * MM;
const INDENT = 6 * MM;
/** The rod hole of a catalogue drawer, bottom centre: the footer's text stays either side of it. */
const HOLE_LEFT = (125 / 2 - 6) * MM;
const HOLE_RIGHT = (125 / 2 + 6) * MM;
const SIZE = 8;
const LEADING = SIZE * 1.25;

/** "84(5Кир)6 А 36" → ["84(5Кир)6", "А 36"]: the author mark under the index, as on the spine. */
export function callNumberLines(callNumber: string): string[] {
  const text = callNumber.trim();
  const mark = /^(.*\S)\s+(\p{Lu}\s?\d{2,3})$/u.exec(text);
  return mark ? [mark[1]!, mark[2]!] : text ? [text] : [];
}

/** The subject tracings as they are written under the description: "1. Кыргызская литература. 2. …". */
export function tracings(subjects: readonly string[]): string {
  return subjects.map((s, i) => `${i + 1}. ${s.replace(/[.\s]+$/, '')}.`).join(' ');
}

/** Words that never end a line: the number after them goes with them ("ISBN 5-655-00012-3", "№ 3"). */
const GLUED = new Set(['ISBN', 'ISSN', '№']);

/** The units a card's text is broken into lines at: words, each of GLUED joined to the word after it. */
export function cardWords(text: string): string[] {
  const words: string[] = [];
  let glued = false;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (glued) words[words.length - 1] += ` ${word}`;
    else words.push(word);
    glued = GLUED.has(word);
  }
  return words;
}

/** Where a call number or an inventory number too wide for its column may break: after these signs. */
const CALL_NUMBER_BREAKS = /[-=)/.,:;]/;

/**
 * A word cut into pieces that each `fit`: after the last break sign that keeps the piece fitting
 * ("84(2Кир=" | "Кир)6-44"), or, with no such sign, after as many letters as fit.
 */
export function splitWord(word: string, fit: (piece: string) => boolean, breaks: RegExp): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest && !fit(rest)) {
    let end = 1;
    while (end < rest.length && fit(rest.slice(0, end + 1))) end++;
    let cut = end;
    // A sign just before the end would leave a lone character for the next line ("6-" | "8").
    for (let i = end; i > 0; i--) {
      if (breaks.test(rest[i - 1]!) && rest.length - i >= 2) {
        cut = i;
        break;
      }
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

type Line = { text: string; x: number; bold?: boolean };

export async function renderCards(records: readonly CardRecord[], options: { layout: TCardLayout }): Promise<Buffer> {
  const page = options.layout === 'card' ? CARD : A4;
  const { doc, end } = await openPdf({ size: [page.width, page.height], margin: 0, autoFirstPage: false, info: { Title: 'Catalogue cards', Creator: 'Kitepkana' } });

  const fits = (text: string, width: number) => doc.widthOfString(text) <= width;

  /** Words set into lines no wider than `width`; the first line starts `indent` further right. */
  const wrap = (text: string, x: number, width: number, indent = 0, bold = false): Line[] => {
    doc.font(bold ? 'bold' : 'regular').fontSize(SIZE);
    const lines: Line[] = [];
    let current = '';
    let offset = indent;
    const words = cardWords(text).flatMap((word) => splitWord(word, (part) => fits(part, width), CALL_NUMBER_BREAKS));
    for (const word of words) {
      const candidate = current ? `${current} ${word}` : word;
      if (!current || fits(candidate, width - offset)) {
        current = candidate;
        continue;
      }
      lines.push({ text: current, x: x + offset, bold });
      current = word;
      offset = 0;
    }
    if (current) lines.push({ text: current, x: x + offset, bold });
    return lines;
  };

  /** Where each card goes: a page of its own, or the next of three slots on an A4 sheet. */
  let slot = 0;
  const nextCard = (): { x: number; y: number } => {
    if (options.layout === 'card') {
      doc.addPage({ size: [CARD.width, CARD.height], margin: 0 });
      return { x: 0, y: 0 };
    }
    const perPage = 3;
    const left = (A4.width - CARD.width) / 2;
    const top = (A4.height - perPage * CARD.height) / 2;
    if (slot % perPage === 0) {
      doc.addPage({ size: 'A4', margin: 0 });
      // Cut lines around the three cards.
      doc.save().lineWidth(0.3).strokeColor('#999999').dash(2, { space: 2 });
      for (let i = 0; i <= perPage; i++) doc.moveTo(0, top + i * CARD.height).lineTo(A4.width, top + i * CARD.height).stroke();
      doc.moveTo(left, 0).lineTo(left, A4.height).stroke();
      doc.moveTo(left + CARD.width, 0).lineTo(left + CARD.width, A4.height).stroke();
      doc.restore();
    }
    const at = { x: left, y: top + (slot % perPage) * CARD.height };
    slot++;
    return at;
  };

  const text = (line: Line, x0: number, y: number, width: number) => {
    doc.font(line.bold ? 'bold' : 'regular').fontSize(SIZE);
    doc.text(line.text, x0 + line.x, y, { width: width - line.x, lineBreak: false });
  };

  for (const record of records) {
    const bodyWidth = CARD.width - BODY - RIGHT;
    const head = record.heading ? wrap(record.heading, 0, bodyWidth, 0, true) : [];
    const body = [
      ...wrap(record.description, 0, bodyWidth, INDENT),
      ...(record.subjects.length ? [{ text: '', x: 0 }, ...wrap(tracings(record.subjects), 0, bodyWidth, INDENT)] : []),
    ];
    const indexWidth = CARD.width - HOLE_RIGHT - RIGHT;
    const indexes = [record.bbk.length ? `ББК ${record.bbk.join('; ')}` : '', record.udc.length ? `УДК ${record.udc.join('; ')}` : '']
      .filter(Boolean)
      .flatMap((index) => wrap(index, 0, indexWidth).map((line) => line.text));
    // The footer keeps the rod hole at the bottom centre free: inventory numbers to its left, indexes to its right.
    const inventory = record.inventoryNumbers.length ? wrap(`Инв. № ${record.inventoryNumbers.join(', ')}`, 0, HOLE_LEFT - EDGE) : [];
    const footerLines = Math.max(indexes.length, inventory.length);
    // The call number keeps to its column: an index too wide goes on below, the author mark under it.
    const callWidth = BODY - EDGE - 2 * MM;
    const call = callNumberLines(record.callNumber).flatMap((part) => wrap(part, 0, callWidth, 0, true));

    let rest = body;
    let first = true;
    while (first || rest.length) {
      const { x, y: cardTop } = nextCard();
      let y = cardTop + EDGE;
      call.forEach((line, i) => text(line, x + EDGE, y + i * LEADING, callWidth));
      const headLines = first ? head : [...head, { text: '(Продолжение)', x: 0 }];
      for (const line of headLines) {
        text(line, x + BODY, y, bodyWidth);
        y += LEADING;
      }
      // The body goes down to the footer; what does not fit goes on to the next card.
      const bottom = cardTop + CARD.height - EDGE - footerLines * LEADING - (footerLines ? LEADING / 2 : 0);
      const fits = Math.max(1, Math.floor((bottom - y) / LEADING));
      const here = rest.slice(0, fits);
      rest = rest.slice(fits);
      for (const line of here) {
        text(line, x + BODY, y, bodyWidth);
        y += LEADING;
      }
      const footer = cardTop + CARD.height - EDGE - footerLines * LEADING;
      inventory.forEach((line, i) => text(line, x + EDGE, footer + i * LEADING, HOLE_LEFT - EDGE));
      indexes.forEach((index, i) => {
        const top = footer + (footerLines - indexes.length + i) * LEADING;
        doc.font('regular').fontSize(SIZE).text(index, x + HOLE_RIGHT, top, { width: indexWidth, align: 'right', lineBreak: false });
      });
      first = false;
    }
  }
  if (records.length === 0) nextCard();
  return end();
}
