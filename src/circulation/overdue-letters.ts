/**
 * Overdue notices: the e-mail text and the printable letters (A4, one reader a page, DejaVu embedded
 * so Cyrillic and the Kyrgyz letters print anywhere), in the language of the person sending them.
 */
import { t } from '../app/i18n';
import type { TLanguage } from '../staff/staff.schemas';
import type { OverdueLetter } from './overdue.service';
import { openPdf } from '../app/pdf';

export function noticeText(lang: TLanguage, libraryName: string, letter: OverdueLetter): { subject: string; text: string } {
  const lines = [
    t(lang, 'circulation.notice_greeting', { name: letter.readerName }),
    '',
    t(lang, 'circulation.notice_body', { library: libraryName }),
    '',
    ...letter.loans.map((l) => `• ${t(lang, 'circulation.notice_item', { title: l.title, barcode: l.barcode, due: l.dueOn })}`),
    '',
    t(lang, 'circulation.notice_signature', { library: libraryName }),
  ];
  return { subject: t(lang, 'circulation.notice_subject', { library: libraryName }), text: lines.join('\n') };
}

export async function renderOverdueLetters(lang: TLanguage, libraryName: string, letters: OverdueLetter[], today: string): Promise<Buffer> {
  const { doc, end } = await openPdf({ size: 'A4', margin: 56, autoFirstPage: false, info: { Title: t(lang, 'circulation.letter_title') } });
  for (const letter of letters.length ? letters : [null]) {
    doc.addPage();
    doc.font('regular').fontSize(10).text(libraryName, { align: 'right' }).text(today, { align: 'right' }).moveDown(2);
    doc.font('bold').fontSize(14).text(t(lang, 'circulation.letter_title'), { align: 'center' }).moveDown();
    if (!letter) continue;
    const { text } = noticeText(lang, libraryName, letter);
    doc.font('regular').fontSize(11).text(`${letter.readerName} (${letter.cardNumber})`).moveDown().text(text);
  }
  return end();
}
