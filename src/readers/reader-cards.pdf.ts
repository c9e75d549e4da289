/**
 * Reader cards: the ID-1 card size (85.6 × 54 mm, a bank card) with the network's and the library's
 * names, the reader's name, the card number as a Code 128 barcode with its digits and as a QR code.
 * One card a page for a card printer, or ten on an A4 sheet with cut marks. DejaVu Sans is embedded,
 * so Cyrillic and the Kyrgyz letters ң ө ү print on any machine.
 */
import { loadBarcodes } from '../app/lazy-packages';
import { openPdf } from '../app/pdf';

export interface ReaderCard {
  networkName: string;
  libraryName: string;
  fullName: string;
  cardNumber: string;
  label: string;
}

export const CARD_LAYOUTS = ['card', 'a4'] as const;
export type TCardLayout = (typeof CARD_LAYOUTS)[number];

const MM = 72 / 25.4;
const CARD = { width: 85.6 * MM, height: 54 * MM };
const A4 = { width: 210 * MM, height: 297 * MM, columns: 2, rows: 5 };
export const CARDS_PER_SHEET = A4.columns * A4.rows;

async function barcodes(cardNumber: string) {
  const { toBuffer } = await loadBarcodes();
  const [bars, qr] = await Promise.all([
    toBuffer({ bcid: 'code128', text: cardNumber, scale: 3, height: 10 }),
    toBuffer({ bcid: 'qrcode', text: cardNumber, scale: 4 }),
  ]);
  return { bars, qr };
}

/** Renders the cards; `layout` 'card' gives one card a page, 'a4' ten a sheet with cut marks. */
export async function renderReaderCards(cards: readonly ReaderCard[], layout: TCardLayout): Promise<Buffer> {
  const { doc, end } = await openPdf({
    margin: 0,
    autoFirstPage: false,
    info: { Title: cards[0]?.label ?? 'Cards', Creator: 'Kitepkana' },
  });

  const fit = (text: string, width: number) => {
    if (doc.widthOfString(text) <= width) return text;
    let cut = text;
    while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}…`;
  };
  const line = (
    text: string,
    x: number,
    y: number,
    width: number,
    font: 'regular' | 'bold',
    size: number,
    color = '#000',
  ) => {
    doc.font(font).fontSize(size).fillColor(color);
    doc.text(fit(text, width), x, y, { width, lineBreak: false });
  };

  async function drawCard(card: ReaderCard, ox: number, oy: number) {
    const pad = 4 * MM;
    const w = CARD.width - 2 * pad;
    // A coloured band with the network's name: the card is recognisable at a glance.
    doc.rect(ox, oy, CARD.width, 11 * MM).fill('#0b7285');
    line(card.networkName, ox + pad, oy + 2 * MM, w, 'bold', 7.5, '#fff');
    line(card.libraryName, ox + pad, oy + 6 * MM, w, 'regular', 6, '#fff');
    line(card.label.toUpperCase(), ox + pad, oy + 13.5 * MM, w, 'regular', 6, '#555');
    const qrSize = 20 * MM;
    const textWidth = w - qrSize - 2 * MM;
    doc.font('bold').fontSize(10);
    doc
      .fillColor('#000')
      .text(card.fullName, ox + pad, oy + 17 * MM, { width: textWidth, height: 13 * MM, ellipsis: true });
    const { bars, qr } = await barcodes(card.cardNumber);
    doc.image(qr, ox + CARD.width - pad - qrSize, oy + 14 * MM, { width: qrSize, height: qrSize });
    const barsTop = oy + 36 * MM;
    const barsWidth = Math.min(textWidth + 8 * MM, (bars.readUInt32BE(16) * 0.33 * MM) / 3);
    doc.image(bars, ox + pad, barsTop, { width: barsWidth, height: 10 * MM });
    line(card.cardNumber, ox + pad, barsTop + 10.8 * MM, barsWidth, 'bold', 8);
  }

  function cutMarks(left: number, top: number) {
    const length = 5 * MM;
    const gap = 1.5 * MM;
    doc.lineWidth(0.4).strokeColor('#000');
    for (let c = 0; c <= A4.columns; c++) {
      const x = left + c * CARD.width;
      doc
        .moveTo(x, top - gap - length)
        .lineTo(x, top - gap)
        .stroke();
      const bottom = top + A4.rows * CARD.height;
      doc
        .moveTo(x, bottom + gap)
        .lineTo(x, bottom + gap + length)
        .stroke();
    }
    for (let r = 0; r <= A4.rows; r++) {
      const y = top + r * CARD.height;
      doc
        .moveTo(left - gap - length, y)
        .lineTo(left - gap, y)
        .stroke();
      const right = left + A4.columns * CARD.width;
      doc
        .moveTo(right + gap, y)
        .lineTo(right + gap + length, y)
        .stroke();
    }
  }

  if (layout === 'card') {
    for (const card of cards) {
      doc.addPage({ size: [CARD.width, CARD.height], margin: 0 });
      await drawCard(card, 0, 0);
    }
  } else {
    const left = (A4.width - A4.columns * CARD.width) / 2;
    const top = (A4.height - A4.rows * CARD.height) / 2;
    for (const [i, card] of cards.entries()) {
      const slot = i % CARDS_PER_SHEET;
      if (slot === 0) {
        doc.addPage({ size: 'A4', margin: 0 });
        cutMarks(left, top);
      }
      await drawCard(card, left + (slot % A4.columns) * CARD.width, top + Math.floor(slot / A4.columns) * CARD.height);
    }
  }
  if (cards.length === 0) doc.addPage({ size: 'A4', margin: 0 });
  return end();
}
