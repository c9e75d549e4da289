/**
 * АКТ сверки фонда со списком экстремистских материалов as a PDF: date, network, commission, the
 * list's edition, counts checked and matched, the confirmed documents with what was done with their
 * copies, the withdrawn copies by inventory number and library (what the write-off needs), and a
 * signature line for each member. The act is a document of record-keeping in Russian, so it is always
 * in Russian; DejaVu Sans is embedded for the Cyrillic letters. A Russian network checks against the
 * Federal list of the Ministry of Justice; elsewhere the act names no country's list or ministry.
 */
import { openPdf } from '../../app/pdf';

export interface WithdrawnCopy {
  inventoryNumber: string;
  libraryName: string;
}

export interface ActData {
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
  pending: number;
  confirmed: { entryNumber: number; description: string; copies: number; action: string | null; withdrawn: WithdrawnCopy[] }[];
}

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

  doc.font('regular').fontSize(10).text(data.networkName, { align: 'center' });
  doc.moveDown(1.2);
  const list = listWords(data.country);
  doc.font('bold').fontSize(13).text('АКТ', { align: 'center' });
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
    `провела сверку фонда с${data.country === 'RU' ? '' : 'о'} ${list.instrumental}${editionWords(data)} (записей в списке: ${data.listEntries})${list.publisher}.`,
    { align: 'justify' },
  );
  doc.moveDown(0.8);
  doc.font('bold').text('Результаты сверки:');
  doc.font('regular');
  const lines: [string, number][] = [
    ['Проверено библиографических записей фонда', data.recordsChecked],
    ['Выявлено возможных совпадений', data.matchesFound],
    ['Подтверждено совпадений', data.confirmed.length],
    ['Отклонено после проверки', data.dismissed],
    ['Не рассмотрено', data.pending],
  ];
  for (const [label, value] of lines) doc.text(`${label}: ${value}`, { indent: 14 });
  doc.moveDown(0.8);

  if (data.confirmed.length === 0) {
    doc.text(`Документов, включённых в ${list.prepositional}, в фонде не выявлено.`, { align: 'justify' });
  } else {
    doc.font('bold').text(`Выявлены документы, включённые в ${list.prepositional}:`);
    doc.moveDown(0.4);
    const row = tableRow([28, 52, width - 28 - 52 - 50 - 90, 50, 90]);
    row(['№', '№ в списке', 'Документ', 'Экз.', 'Решение'], 'bold');
    data.confirmed.forEach((m, i) =>
      row([String(i + 1), String(m.entryNumber), m.description, String(m.copies), m.action === 'withdraw' ? 'изъяты из фонда' : 'отмечены в каталоге'], 'regular'),
    );
    const withdrawn = data.confirmed.flatMap((m) => m.withdrawn.map((c) => ({ ...c, entryNumber: m.entryNumber })));
    if (withdrawn.length) {
      doc.moveDown(0.8);
      doc.font('bold').fontSize(11).text('Изъяты из фонда экземпляры:', left, doc.y);
      doc.moveDown(0.4);
      const copyRow = tableRow([28, 52, 110, width - 28 - 52 - 110]);
      copyRow(['№', '№ в списке', 'Инв. №', 'Библиотека'], 'bold');
      withdrawn.forEach((c, i) => copyRow([String(i + 1), String(c.entryNumber), c.inventoryNumber, c.libraryName], 'regular'));
    }
    doc.fontSize(11);
  }

  doc.moveDown(2);
  doc.font('regular').fontSize(11);
  data.commission.forEach((member, i) => {
    if (doc.y + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.text(i === 0 ? 'Председатель комиссии:' : i === 1 ? 'Члены комиссии:' : ' ', left, doc.y);
    doc.text(signatureLine(member), left + 150, doc.y - doc.currentLineHeight(), { width: width - 150 });
    doc.moveDown(0.8);
  });
  return end();
}
