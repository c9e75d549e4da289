/**
 * The report to the municipality as a PDF: a title block addressed to the head of the municipality,
 * then each section with its figures, simple bar charts and tables. Set in DejaVu Sans, embedded, so
 * Russian and the Kyrgyz letters ң ө ү print everywhere.
 */
import { createRequire } from 'node:module';
import { t, type MessageKey } from '../../app/i18n';
import type { ReportData } from './report.data';
import { loadPdfKit } from '../../app/lazy-packages';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const BRAND = '#0d5c63';
const MARGIN = 50;

type Lang = 'ru' | 'ky';

const day = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const money = (n: number) => new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 }).format(n);

export async function renderReportPdf(data: ReportData, lang: Lang): Promise<Buffer> {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${tr('report.title')} — ${data.title}`, Author: data.networkName } });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * MARGIN;

  const ensure = (height: number) => {
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
  };
  const heading = (text: string) => {
    ensure(60);
    doc.moveDown(0.8);
    const y = doc.y;
    doc.rect(MARGIN, y, 4, 16).fill(BRAND);
    doc.fillColor('#111').font('bold').fontSize(13).text(text, MARGIN + 12, y, { width: width - 12 });
    doc.moveDown(0.4);
    doc.font('regular').fontSize(10).fillColor('#111');
  };
  const para = (text: string, options: { muted?: boolean } = {}) => {
    ensure(20);
    doc.font('regular').fontSize(10).fillColor(options.muted ? '#555' : '#111').text(text, MARGIN, doc.y, { width });
    doc.fillColor('#111');
  };
  /** Big figures side by side: "128 / мероприятий". */
  const figures = (items: { value: string; label: string }[]) => {
    ensure(60);
    const y = doc.y + 4;
    const w = width / items.length;
    items.forEach((item, i) => {
      const x = MARGIN + i * w;
      doc.roundedRect(x + 2, y, w - 4, 50, 4).fill('#eef5f5');
      doc.fillColor(BRAND).font('bold').fontSize(18).text(item.value, x + 8, y + 6, { width: w - 16 });
      doc.fillColor('#333').font('regular').fontSize(8.5).text(item.label, x + 8, y + 30, { width: w - 16 });
    });
    doc.fillColor('#111');
    doc.y = y + 58;
    doc.x = MARGIN;
  };
  /** Horizontal bars with their values. */
  const bars = (rows: { label: string; value: number }[]) => {
    const max = Math.max(1, ...rows.map((r) => r.value));
    const labelW = width * 0.38;
    const barW = width * 0.5;
    for (const row of rows) {
      ensure(18);
      const y = doc.y;
      doc.font('regular').fontSize(9).fillColor('#111').text(row.label, MARGIN, y + 1, { width: labelW - 6, height: 14, ellipsis: true });
      const w = Math.max(1, (row.value / max) * barW);
      doc.rect(MARGIN + labelW, y + 2, w, 10).fill(BRAND);
      doc.fillColor('#111').text(String(row.value), MARGIN + labelW + w + 5, y + 1);
      doc.y = y + 16;
    }
    doc.x = MARGIN;
  };
  const table = (headers: string[], rows: string[][], widths: number[]) => {
    const draw = (cells: string[], bold: boolean) => {
      const heights = cells.map((c, i) => doc.font(bold ? 'bold' : 'regular').fontSize(8.5).heightOfString(c, { width: widths[i]! * width - 6 }));
      const h = Math.max(...heights) + 6;
      ensure(h);
      const y = doc.y;
      if (bold) doc.rect(MARGIN, y, width, h).fill('#eef5f5');
      let x = MARGIN;
      cells.forEach((c, i) => {
        doc.fillColor('#111').font(bold ? 'bold' : 'regular').fontSize(8.5).text(c, x + 3, y + 3, { width: widths[i]! * width - 6 });
        x += widths[i]! * width;
      });
      doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).strokeColor('#cccccc').lineWidth(0.5).stroke();
      doc.y = y + h;
    };
    draw(headers, true);
    for (const r of rows) draw(r, false);
    doc.x = MARGIN;
    doc.moveDown(0.5);
  };

  // Title block.
  doc.rect(0, 0, doc.page.width, 8).fill(BRAND);
  // The network on the left half, the addressee on the right half: long names wrap, never overlap.
  const half = (width - 24) / 2;
  doc.fillColor('#555').font('regular').fontSize(10).text(data.networkName, MARGIN, MARGIN, { width: half });
  let below = doc.y;
  if (data.municipality?.headName) {
    doc.text(`${data.municipality.headTitle || tr('report.head')}: ${data.municipality.headName}`, MARGIN + half + 24, MARGIN, { width: half, align: 'right' });
    below = Math.max(below, doc.y);
  }
  doc.y = below;
  doc.moveDown(1.5);
  doc.fillColor(BRAND).font('bold').fontSize(20).text(tr('report.title'), MARGIN, doc.y, { width });
  doc.fillColor('#111').fontSize(15).text(data.title, { width });
  doc.font('regular').fontSize(11).fillColor('#333').text(tr('report.period', { from: day(data.period.from), to: day(data.period.to) }), { width });
  doc.moveDown(0.5);
  para(`${tr('report.libraries')}: ${data.libraries.map((l) => (l.settlement ? `${l.name} (${l.settlement})` : l.name)).join('; ') || '—'}`);
  if (data.municipality?.population) para(`${tr('report.population')}: ${money(data.municipality.population)}`, { muted: true });

  figures([
    { value: String(data.events.held), label: tr('report.fig_events') },
    { value: String(data.events.attendance.total), label: tr('report.fig_attendance') },
    { value: String(data.requests.answered), label: tr('report.fig_answered') },
    { value: String(data.contributions.length ? data.contributions.reduce((n, c) => n + c.count, 0) : 0), label: tr('report.fig_contributions') },
  ]);

  heading(tr('report.readers_section'));
  const circ = data.circulation;
  if (!circ.readers.total && !circ.visits.total && !circ.loans.total) para(tr('report.no_data'), { muted: true });
  else {
    para(tr('report.readers_summary', { readers: circ.readers.total, visits: circ.visits.total, loans: circ.loans.total }));
    const byAge = (f: typeof circ.readers) => [
      { label: tr('report.age_children'), value: f.children },
      { label: tr('report.age_youth'), value: f.youth },
      { label: tr('report.age_adults'), value: f.adults },
    ];
    bars(byAge(circ.readers));
    doc.moveDown(0.3);
    para(tr('report.loans_by_age'));
    bars(byAge(circ.loans));
  }

  heading(tr('report.events_section'));
  if (!data.events.held) para(tr('report.no_events'), { muted: true });
  else {
    para(tr('report.events_summary', { held: data.events.held, total: data.events.attendance.total }));
    bars([
      { label: tr('report.age_children'), value: data.events.attendance.children },
      { label: tr('report.age_youth'), value: data.events.attendance.youth },
      { label: tr('report.age_adults'), value: data.events.attendance.adults },
    ]);
    doc.moveDown(0.3);
    para(tr('report.by_form'));
    bars(data.events.byForm.map((f) => ({ label: lang === 'ky' ? f.nameKy || f.name : f.name, value: f.held })));
  }

  heading(tr('report.requests_section'));
  if (!data.requests.total) para(tr('report.no_requests'), { muted: true });
  else {
    para(tr('report.requests_summary', { total: data.requests.total, answered: data.requests.answered, onTime: data.requests.onTime }));
    table(
      ['№', tr('municipal.col.received'), tr('municipal.col.type'), tr('municipal.col.topic'), tr('municipal.col.status')],
      data.requests.list.map((r) => [String(r.number), day(r.receivedAt.toISOString()), tr(`municipal.type.${r.type}`), r.topic, tr(`municipal.status.${r.status}`)]),
      [0.07, 0.13, 0.17, 0.45, 0.18],
    );
  }

  heading(tr('report.contributions_section'));
  if (!data.contributions.length) para(tr('report.no_contributions'), { muted: true });
  else {
    table(
      [tr('report.col_purpose'), tr('report.col_partners'), tr('report.col_count'), tr('report.col_sum')],
      data.contributions.map((c) => [c.purpose || '—', c.partners.join(', '), String(c.count), `${money(c.total)} ${c.currency === 'KGS' ? tr('report.som') : tr('report.rub')}`]),
      [0.36, 0.34, 0.1, 0.2],
    );
  }

  heading(tr('report.needs_section'));
  table(
    [tr('report.col_library'), tr('report.col_condition'), tr('report.col_internet'), tr('report.col_computers')],
    data.needs.map((n) => [
      n.name,
      n.condition ? tr(`report.condition_${n.condition as 'good' | 'needs_repair' | 'emergency'}`) : '—',
      n.hasInternet === null ? '—' : n.hasInternet ? tr('report.yes') : tr('report.no'),
      n.computers === null ? '—' : `${n.computers} (${tr('report.with_internet')}: ${n.computersWithInternet ?? 0})`,
    ]),
    [0.4, 0.22, 0.14, 0.24],
  );
  if (data.openDecisions.length) {
    para(tr('report.open_decisions'));
    table(
      [tr('report.col_decision'), tr('report.col_library'), tr('report.col_due')],
      data.openDecisions.map((d) => [d.text, d.libraryName, d.dueOn ? day(d.dueOn) : '—']),
      [0.55, 0.28, 0.17],
    );
  }
  doc.moveDown(1);
  para(tr('report.footer', { date: day(new Date().toISOString()) }), { muted: true });
  doc.end();
  return done;
}
