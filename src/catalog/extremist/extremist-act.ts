/**
 * АКТ сверки фонда со списком экстремистских материалов as a PDF: date, network, commission, the
 * list's edition, counts checked and matched, the confirmed documents with what was done with their
 * copies, the copies written off and those withheld from readers by inventory number and library (what
 * the write-off needs), and a signature line for each member. The act is a document of record-keeping
 * in Russian, so it is always in Russian; DejaVu Sans is embedded for the Cyrillic letters. A Russian
 * network checks against the Federal list of the Ministry of Justice; elsewhere the act names no
 * country's list or ministry. While the check is open the act is a draft: ПРОЕКТ on every page, the
 * results called preliminary, nothing said to be final and no lines to sign.
 */
import { openPdf } from '../../app/pdf';

export interface ActCopy {
  inventoryNumber: string;
  libraryName: string;
}

export interface ActData {
  /** The check is not closed: its decisions may still change. */
  isDraft: boolean;
  checkedOn: string;
  networkName: string;
  /** The network's country (ISO 3166): RU names the Federal list, others a list in general words. */
  country: string;
  commission: string[];
  /** The edition's date as the person stated it, or null; then the act names the day it was uploaded. */
  listEdition: string | null;
  listUploadedOn: string | null;
  listEntries: number;
  recordsChecked: number;
  matchesFound: number;
  dismissed: number;
  /** Of the dismissed, those dismissed in an earlier check and carried over. */
  dismissedBefore: number;
  pending: number;
  /** withdraw: the copies were written off; flag: they were withheld from readers, kept until written off. */
  confirmed: { entryNumber: number; description: string; copies: number; action: 'flag' | 'withdraw'; acted: ActCopy[] }[];
}

/** What the act says was done with a confirmed document's copies: exactly what the software did. */
const ACTION_WORDS = { withdraw: 'изъяты из фонда (списаны)', flag: 'сняты с выдачи читателям, хранятся до списания' } as const;

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

/** How the act names the list, by the network's country. */
function listWords(country: string) {
  return country === 'RU'
    ? { instrumental: 'Федеральным списком экстремистских материалов', publisher: ', размещённым на официальном сайте Министерства юстиции Российской Федерации', prepositional: 'Федеральный список экстремистских материалов' }
    : { instrumental: 'списком экстремистских материалов', publisher: '', prepositional: 'список экстремистских материалов' };
}

function editionWords(data: ActData): string {
  if (data.listEdition) return ` в редакции от ${ruDate(data.listEdition)}`;
  return data.listUploadedOn ? ` в редакции, загруженной ${ruDate(data.listUploadedOn)}` : '';
}

/** Spaces that never break: a person's name ("Өмүрбекова Ү. Ң.") stays on one line of the signature. */
const unbroken = (text: string) => text.replace(/ /g, '\u00a0');

/** "Должность — Фамилия И. О." → its position (with the dash, or empty) and the name. */
function splitMember(member: string): { position: string; name: string } {
  const dash = member.lastIndexOf(' — ');
  return dash >= 0 ? { position: `${member.slice(0, dash)} — `, name: member.slice(dash + 3) } : { position: '', name: member };
}

/** A member as listed in the act, the name kept on one line. */
const memberText = (member: string) => {
  const { position, name } = splitMember(member);
  return `${position}${unbroken(name)}`;
};

/** The signature line of a member, the name kept whole with its closing stroke. */
export function signatureLine(member: string): string {
  const { position, name } = splitMember(member);
  return `${position}____________________ /${unbroken(` ${name} /`)}`;
}

export async function renderExtremistAct(data: ActData): Promise<Buffer> {
  const { doc, end } = await openPdf({ size: 'A4', margins: { top: 56, bottom: 56, left: 70, right: 50 }, info: { Title: 'Акт сверки фонда с ФСЭМ' } });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  /** A row of a bordered table with these column widths, on a new page when it does not fit. */
  const tableRow = (cols: number[]) => (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(9);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 6 }))) + 6;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      doc.rect(x, y, cols[i]!, height).stroke();
      doc.text(cell, x + 3, y + 3, { width: cols[i]! - 6 });
      x += cols[i]!;
    });
    doc.x = left;
    doc.y = y + height;
  };

  if (data.isDraft) {
    // On every page, above the text: a draft must not pass for the act.
    const mark = () => {
      const { x, y } = doc;
      doc.font('bold').fontSize(10).fillColor('#c00000');
      doc.text('ПРОЕКТ — сверка не закрыта, акт не окончательный', left, 30, { width, align: 'center', lineBreak: false });
      doc.fillColor('black');
      doc.x = x;
      doc.y = y;
    };
    mark();
    doc.on('pageAdded', mark);
  }
  doc.font('regular').fontSize(10).text(data.networkName, { align: 'center' });
  doc.moveDown(1.2);
  const list = listWords(data.country);
  doc.font('bold').fontSize(13).text(data.isDraft ? 'ПРОЕКТ АКТА' : 'АКТ', { align: 'center' });
  doc.fontSize(12).text(`сверки фонда с${data.country === 'RU' ? '' : 'о'} ${list.instrumental}`, { align: 'center' });
  doc.moveDown(0.6);
  doc.font('regular').fontSize(11).text(`от ${ruDate(data.checkedOn)}`, { align: 'right' });
  doc.moveDown(0.8);

  // The members are written as typed, "Должность — Фамилия И. О.", so each stands on its own line.
  const [chair, ...members] = data.commission.map(memberText);
  const indented = (text: string) => {
    doc.text(text, left + 14, doc.y, { width: width - 14 });
    doc.x = left;
  };
  doc.text('Комиссия в составе:');
  indented(`председатель комиссии: ${chair ?? '—'}${members.length ? ';' : ''}`);
  if (members.length) indented(`члены комиссии: ${members.join('; ')}`);
  doc.moveDown(0.5);
  doc.text(
    `${data.isDraft ? 'проводит' : 'провела'} сверку фонда с${data.country === 'RU' ? '' : 'о'} ${list.instrumental}${editionWords(data)} (записей в списке: ${data.listEntries})${list.publisher}.`,
    { align: 'justify' },
  );
  doc.moveDown(0.8);
  doc.font('bold').text(data.isDraft ? 'Предварительные результаты сверки (сверка не закрыта):' : 'Результаты сверки:');
  doc.font('regular');
  const dismissedBefore = data.dismissedBefore ? ` (из них отклонено в прежних сверках: ${data.dismissedBefore})` : '';
  const lines: [string, string | number][] = [
    ['Проверено библиографических записей фонда', data.recordsChecked],
    ['Выявлено возможных совпадений', data.matchesFound],
    ['Подтверждено совпадений', data.confirmed.length],
    ['Отклонено после проверки', `${data.dismissed}${dismissedBefore}`],
    ['Не рассмотрено', data.pending],
  ];
  for (const [label, value] of lines) doc.text(`${label}: ${value}`, { indent: 14 });
  doc.moveDown(0.8);

  if (data.confirmed.length === 0) {
    const none = data.isDraft
      ? `Подтверждённых совпадений с${data.country === 'RU' ? '' : 'о'} ${list.instrumental} пока нет.`
      : `Документов, включённых в ${list.prepositional}, в фонде не выявлено.`;
    doc.text(none, { align: 'justify' });
  } else {
    doc.font('bold').text(`${data.isDraft ? 'Подтверждены совпадения с документами' : 'Выявлены документы'}, включённые в ${list.prepositional}:`);
    doc.moveDown(0.4);
    const row = tableRow([28, 52, width - 28 - 52 - 40 - 120, 40, 120]);
    row(['№', '№ в списке', 'Документ', 'Экз.', 'Решение'], 'bold');
    data.confirmed.forEach((m, i) => row([String(i + 1), String(m.entryNumber), m.description, String(m.copies), m.copies ? ACTION_WORDS[m.action] : 'экземпляров в фонде нет'], 'regular'));
    const copyTable = (title: string, action: 'flag' | 'withdraw') => {
      const copies = data.confirmed.filter((m) => m.action === action).flatMap((m) => m.acted.map((c) => ({ ...c, entryNumber: m.entryNumber })));
      if (!copies.length) return;
      doc.moveDown(0.8);
      doc.font('bold').fontSize(11).text(title, left, doc.y);
      doc.moveDown(0.4);
      const copyRow = tableRow([28, 52, 110, width - 28 - 52 - 110]);
      copyRow(['№', '№ в списке', 'Инв. №', 'Библиотека'], 'bold');
      copies.forEach((c, i) => copyRow([String(i + 1), String(c.entryNumber), c.inventoryNumber, c.libraryName], 'regular'));
    };
    copyTable('Изъяты из фонда (списаны) экземпляры:', 'withdraw');
    copyTable('Сняты с выдачи читателям (хранятся до списания) экземпляры:', 'flag');
    doc.fontSize(11);
  }

  doc.moveDown(2);
  doc.font('regular').fontSize(11);
  if (data.isDraft) {
    doc.font('bold').text('Проект: акт подписывается членами комиссии после того, как по каждому совпадению принято решение и сверка закрыта.', left, doc.y, { width });
    return end();
  }
  data.commission.forEach((member, i) => {
    if (doc.y + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.text(i === 0 ? 'Председатель комиссии:' : i === 1 ? 'Члены комиссии:' : ' ', left, doc.y);
    doc.text(signatureLine(member), left + 150, doc.y - doc.currentLineHeight(), { width: width - 150 });
    doc.moveDown(0.8);
  });
  return end();
}
