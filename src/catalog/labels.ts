/**
 * Spine/barcode labels for copies, printed on A4 sheets of self-adhesive labels: each label carries the
 * library's name, the call number (ББК index + author mark, bold: the part seen on the spine), a Code 128
 * barcode with its digits, the inventory number and a shortened author/title. The text is set in DejaVu
 * Sans, embedded in the PDF, so Cyrillic and the Kyrgyz letters ң ө ү print on any machine.
 */
import { loadBarcodes } from '../app/lazy-packages';
import { openPdf } from '../app/pdf';

export interface LabelCopy {
  barcode: string;
  inventoryNumber: string;
  callNumber: string;
  title: string;
  author: string | null;
  libraryName: string;
}

export const LABEL_LAYOUTS = ['a4-3x8', 'a4-4x10'] as const;
export type TLabelLayout = (typeof LABEL_LAYOUTS)[number];

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };

interface Layout {
  columns: number;
  rows: number;
  /** Label size, mm. */
  width: number;
  height: number;
  /** Inner padding, mm. */
  padding: number;
  /** Blank space kept on each side of the bars, mm, so that scanners find the start and the end. */
  quiet: number;
  /** Font sizes, pt. */
  small: number;
  call: number;
  text: number;
}

const LAYOUTS: Record<TLabelLayout, Layout> = {
  'a4-3x8': { columns: 3, rows: 8, width: 70, height: 37, padding: 2.5, quiet: 3, small: 6, call: 10, text: 7 },
  'a4-4x10': { columns: 4, rows: 10, width: 52.5, height: 29.7, padding: 1.5, quiet: 2.5, small: 5, call: 8, text: 5.5 },
};

export const labelsPerPage = (layout: TLabelLayout) => LAYOUTS[layout].columns * LAYOUTS[layout].rows;

/** Pixels per bar module in the barcode images, and the widest a module is printed, mm. */
const BAR_SCALE = 3;
const MODULE_MAX = 0.33;

/** The bars of a Code 128 barcode as PNG (its digits are set as text); null when the value cannot be encoded. */
async function barcodePng(value: string): Promise<Buffer | null> {
  if (!value || !/^[\x20-\x7e]+$/.test(value)) return null;
  const { toBuffer } = await loadBarcodes();
  try {
    return await toBuffer({ bcid: 'code128', text: value, scale: BAR_SCALE, height: 10 });
  } catch {
    return null;
  }
}

/** "Айтматов, Ч." + "Джамиля" → "Айтматов Ч. Джамиля". */
function authorTitle(author: string | null, title: string): string {
  const who = (author ?? '').replace(/,\s*/g, ' ').trim();
  return who ? `${who}. ${title}`.replace(/\.\. /g, '. ') : title;
}

/**
 * `start`: the place on the first sheet to print from (1 is the top left, counted along the rows), so
 * that a sheet with some labels already used is not wasted.
 */
export async function renderLabels(copies: readonly LabelCopy[], options: { layout: TLabelLayout; start?: number }): Promise<Buffer> {
  const l = LAYOUTS[options.layout];
  const { doc, end } = await openPdf({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: 'Labels', Creator: 'Kitepkana' } });

  /** The text cut to fit a width, with an ellipsis when cut. */
  const fit = (text: string, width: number): string => {
    if (doc.widthOfString(text) <= width) return text;
    let cut = text;
    while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}…`;
  };
  const line = (text: string, x: number, y: number, width: number, font: string, size: number, align: 'left' | 'center' = 'left') => {
    doc.font(font).fontSize(size);
    doc.text(fit(text, width), x, y, { width, lineBreak: false, align });
    return size * 1.2;
  };

  const width = l.width * MM;
  const height = l.height * MM;
  const left = (A4.width - l.columns * width) / 2;
  const top = (A4.height - l.rows * height) / 2;
  const perPage = l.columns * l.rows;
  const pad = l.padding * MM;

  const skipped = Math.min(Math.max((options.start ?? 1) - 1, 0), perPage - 1);
  for (const [i, copy] of copies.entries()) {
    const slot = (i + skipped) % perPage;
    if (slot === 0 || i === 0) doc.addPage({ size: 'A4', margin: 0 });
    const x = left + (slot % l.columns) * width + pad;
    let y = top + Math.floor(slot / l.columns) * height + pad;
    const w = width - 2 * pad;
    const bottom = top + (Math.floor(slot / l.columns) + 1) * height - pad;

    y += line(copy.libraryName, x, y, w, 'regular', l.small);
    // The call number: as large as fits, down to the text size, then cut.
    let size = l.call;
    doc.font('bold');
    while (size > l.text && doc.fontSize(size).widthOfString(copy.callNumber) > w) size -= 0.5;
    // No call number yet: the line is left blank for it to be written in by hand.
    y += line(copy.callNumber, x, y, w, 'bold', size);

    const footer = l.text * 1.2 + l.small * 1.2;
    const png = await barcodePng(copy.barcode);
    const barHeight = bottom - footer - y - 2;
    if (png) {
      // Bars as wide as the space allows but no wider than MODULE_MAX a module, as tall as the space
      // allows; the digits under them set in the label's font, so every label looks alike.
      const pxWidth = png.readUInt32BE(16);
      const barsWidth = Math.min(w - 2 * l.quiet * MM, (pxWidth * MODULE_MAX * MM) / BAR_SCALE);
      const digits = l.text * 1.15;
      doc.image(png, x + (w - barsWidth) / 2, y + 1, { width: barsWidth, height: barHeight - digits - 2 });
      line(copy.barcode, x, y + barHeight - digits, w, 'regular', l.text, 'center');
    } else {
      line(copy.barcode, x, y + barHeight / 2 - l.text / 2, w, 'regular', l.text, 'center');
    }
    y = bottom - footer;
    y += line(`Инв. № ${copy.inventoryNumber}`, x, y, w, 'bold', l.text);
    line(authorTitle(copy.author, copy.title), x, y, w, 'regular', l.small);
  }
  if (copies.length === 0) doc.addPage({ size: 'A4', margin: 0 });
  return end();
}
