/**
 * АКТ сверки фонда с Федеральным списком экстремистских материалов as a PDF: date, network,
 * commission, the list's edition, counts checked and matched, the confirmed documents with what was
 * done with their copies, and a signature line for each member. The act is a document of Russian
 * record-keeping, so it is always in Russian; DejaVu Sans is embedded for the Cyrillic letters.
 */
import { openPdf } from '../../app/pdf';

export interface ActData {
  checkedOn: string;
  networkName: string;
  commission: string[];
  listEdition: string | null;
  listEntries: number;
  recordsChecked: number;
  matchesFound: number;
  dismissed: number;
  pending: number;
  confirmed: { entryNumber: number; description: string; copies: number; action: string | null }[];
}

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

export async function renderExtremistAct(data: ActData): Promise<Buffer> {
  const { doc, end } = await openPdf({ size: 'A4', margins: { top: 56, bottom: 56, left: 70, right: 50 }, info: { Title: 'Акт сверки фонда с ФСЭМ' } });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  doc.font('regular').fontSize(10).text(data.networkName, { align: 'center' });
  doc.moveDown(1.2);
  doc.font('bold').fontSize(13).text('АКТ', { align: 'center' });
  doc.fontSize(12).text('сверки фонда с Федеральным списком экстремистских материалов', { align: 'center' });
  doc.moveDown(0.6);
  doc.font('regular').fontSize(11).text(`от ${ruDate(data.checkedOn)}`, { align: 'right' });
  doc.moveDown(0.8);

  // The members are written as typed, "Должность — Фамилия И. О.", so each stands on its own line.
  const [chair, ...members] = data.commission;
  const indented = (text: string) => {
    doc.text(text, left + 14, doc.y, { width: width - 14 });
    doc.x = left;
  };
  doc.text('Комиссия в составе:');
  indented(`председатель комиссии: ${chair ?? '—'}${members.length ? ';' : ''}`);
  if (members.length) indented(`члены комиссии: ${members.join('; ')}`);
  doc.moveDown(0.5);
  const edition = data.listEdition ? ` в редакции от ${ruDate(data.listEdition)}` : '';
  doc.text(
    `провела сверку фонда с Федеральным списком экстремистских материалов${edition} (записей в списке: ${data.listEntries}), размещённым на официальном сайте Министерства юстиции Российской Федерации.`,
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
    doc.text('Документов, включённых в Федеральный список экстремистских материалов, в фонде не выявлено.', { align: 'justify' });
  } else {
    doc.font('bold').text('Выявлены документы, включённые в Федеральный список экстремистских материалов:');
    doc.moveDown(0.4);
    const cols = [28, 52, width - 28 - 52 - 50 - 90, 50, 90];
    const heads = ['№', '№ в списке', 'Документ', 'Экз.', 'Решение'];
    const row = (cells: string[], font: 'regular' | 'bold') => {
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
    row(heads, 'bold');
    data.confirmed.forEach((m, i) =>
      row([String(i + 1), String(m.entryNumber), m.description, String(m.copies), m.action === 'withdraw' ? 'изъяты из фонда' : 'отмечены в каталоге'], 'regular'),
    );
    doc.fontSize(11);
  }

  doc.moveDown(2);
  doc.font('regular').fontSize(11);
  data.commission.forEach((member, i) => {
    if (doc.y + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.text(i === 0 ? 'Председатель комиссии:' : i === 1 ? 'Члены комиссии:' : ' ', left, doc.y);
    doc.text(`____________________ / ${member} /`, left + 150, doc.y - doc.currentLineHeight(), { width: width - 150 });
    doc.moveDown(0.8);
  });
  return end();
}
