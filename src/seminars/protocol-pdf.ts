/**
 * The seminar's protocol as a PDF in the usual Russian layout: the organisation, ПРОТОКОЛ №, date and
 * place, Председатель / Секретарь, Присутствовали, Повестка дня, then Слушали / Выступили / questions
 * and answers / Решили (each decision with its responsible person and due date), and signature lines.
 * Set in DejaVu Sans (embedded), so Cyrillic and the Kyrgyz letters ң ө ү print on any machine.
 */
import type { TProtocol } from './seminars.schemas';
import { openPdf } from '../app/pdf';

export interface ProtocolDocument {
  organisation: string;
  protocolNumber: string;
  theme: string;
  heldOn: string;
  place: string;
  agenda: string[];
  protocol: TProtocol;
  participants: { kind: 'staff' | 'guest'; fullName: string; position: string; isSpeaker: boolean; hasAttended: boolean }[];
  decisions: { text: string; responsible: string; dueOn: string }[];
}

/** The headings in the reader's language. */
export interface ProtocolLabels {
  title: (number: string) => string;
  ofSeminar: string;
  chair: string;
  secretary: string;
  present: string;
  guests: string;
  staff: string;
  total: (count: number) => string;
  speakers: string;
  agenda: string;
  heard: string;
  spoke: string;
  questions: string;
  question: string;
  answer: string;
  decided: string;
  responsible: string;
  due: string;
  conclusion: string;
}

const MM = 72 / 25.4;

/** 2011-06-15 → 15.06.2011 */
export const russianDate = (iso: string) => iso.split('-').reverse().join('.');

const person = (p: { fullName: string; position: string }) => (p.position ? `${p.fullName} – ${p.position}` : p.fullName);

export async function renderProtocolPdf(d: ProtocolDocument, l: ProtocolLabels): Promise<Buffer> {
  const { doc, end } = await openPdf({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
    info: { Title: `${l.title(d.protocolNumber)} ${d.theme}`, Creator: 'Kitepkana' },
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  const para = (text: string, options: { bold?: boolean; size?: number; align?: 'left' | 'center' | 'right' | 'justify'; indent?: number; gap?: number } = {}) => {
    doc.font(options.bold ? 'bold' : 'regular').fontSize(options.size ?? 11);
    doc.text(text, left + (options.indent ?? 0), doc.y, { width: width - (options.indent ?? 0), align: options.align ?? 'left' });
    if (options.gap) doc.moveDown(options.gap);
  };
  /** "СЛУШАЛИ:" in bold, followed on the same line by the text. */
  const labelled = (label: string, text: string, indent = 0) => {
    doc.font('bold').fontSize(11).text(`${label} `, left + indent, doc.y, { width: width - indent, continued: true });
    doc.font('regular').text(text);
  };

  para(d.organisation, { align: 'center', size: 10, gap: 1 });
  para(l.title(d.protocolNumber), { bold: true, size: 14, align: 'center' });
  para(`${l.ofSeminar} «${d.theme}»`, { align: 'center', gap: 1 });
  const dateY = doc.y;
  doc.font('regular').fontSize(11).text(russianDate(d.heldOn), left, dateY, { width: width / 2 });
  doc.text(d.place, left + width / 2, dateY, { width: width / 2, align: 'right' });
  doc.x = left;
  doc.moveDown(1);

  const p = d.protocol;
  if (p.chair) labelled(`${l.chair}:`, p.chair);
  if (p.secretary) labelled(`${l.secretary}:`, p.secretary);
  doc.moveDown(0.5);

  const present = d.participants.filter((x) => x.hasAttended);
  para(`${l.present}:`, { bold: true });
  const guests = present.filter((x) => x.kind === 'guest');
  const staff = present.filter((x) => x.kind === 'staff');
  if (guests.length) {
    para(`${l.guests}:`, { indent: 10 * MM });
    guests.forEach((g) => para(person(g), { indent: 15 * MM }));
  }
  if (staff.length) {
    para(`${l.staff}:`, { indent: 10 * MM });
    staff.forEach((s) => para(person(s), { indent: 15 * MM }));
  }
  para(l.total(p.attendeesTotal ?? present.length), { indent: 10 * MM });
  const speakers = present.filter((x) => x.isSpeaker);
  if (speakers.length) {
    para(`${l.speakers}:`, { bold: true });
    speakers.forEach((s) => para(person(s), { indent: 15 * MM }));
  }
  doc.moveDown(0.5);

  if (d.agenda.length) {
    para(`${l.agenda}:`, { bold: true, align: 'center' });
    d.agenda.forEach((item, i) => para(`${i + 1}. ${item}`, { indent: 5 * MM }));
    doc.moveDown(0.5);
  }

  p.heard.forEach((h, i) => {
    labelled(`${p.heard.length > 1 ? `${i + 1}. ` : ''}${l.heard}:`, `${h.speaker} – ${h.topic}`);
    if (h.summary) para(h.summary, { indent: 5 * MM });
    doc.moveDown(0.3);
  });
  if (p.spoke.length) {
    para(`${l.spoke}:`, { bold: true });
    p.spoke.forEach((s) => labelled(`${s.speaker}:`, s.text, 5 * MM));
    doc.moveDown(0.3);
  }
  if (p.questions.length) {
    para(`${l.questions}:`, { bold: true });
    p.questions.forEach((q) => {
      labelled(`${l.question}${q.askedBy ? ` (${q.askedBy})` : ''}:`, q.question, 5 * MM);
      if (q.answer) labelled(`${l.answer}${q.answeredBy ? ` (${q.answeredBy})` : ''}:`, q.answer, 5 * MM);
    });
    doc.moveDown(0.3);
  }
  if (d.decisions.length) {
    para(`${l.decided}:`, { bold: true });
    d.decisions.forEach((dec, i) =>
      para(`${i + 1}. ${dec.text} ${l.responsible}: ${dec.responsible}; ${l.due}: ${russianDate(dec.dueOn)}.`, { indent: 5 * MM }),
    );
    doc.moveDown(0.3);
  }
  if (p.conclusion) labelled(`${l.conclusion}:`, p.conclusion);

  doc.moveDown(2);
  for (const [label, name] of [[l.chair, p.chair], [l.secretary, p.secretary]] as const) {
    if (!name) continue;
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    doc.font('regular').fontSize(11).text(label, left, y, { width: width * 0.25 });
    doc.text('________________', left + width * 0.25, y, { width: width * 0.3 });
    doc.text(name, left + width * 0.55, y, { width: width * 0.45 });
    doc.x = left;
    doc.moveDown(1.2);
  }
  return end();
}
