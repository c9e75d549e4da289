/** Routes: the report to a municipality (or one library) for a period, as PDF, XLSX or JSON figures. */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireRole } from '../../app/auth';
import { AppError, forbidden, notFound } from '../../app/errors';
import type { App, AppServices } from '../../app/http';
import { t, type MessageKey } from '../../app/i18n';
import type { CirculationSummary } from '../../circulation';
import { problems } from '../../app/route-helpers';
import { buildXlsx, sendXlsx } from '../../app/xlsx';
import { libraries, municipalities, resolveScope } from '../../network';
import { canReportOnLibrary, canReportOnMunicipality, REPORT_ROLES } from '../municipal.policy';
import { ZReportQuery, type TReportQuery } from '../municipal.schemas';
import { gatherReport } from './report.data';
import { renderReportPdf } from './report.pdf';

export function registerReportRoutes(app: App, { database }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function load(request: FastifyRequest, query: TReportQuery) {
    const actor = requireRole(request, REPORT_ROLES);
    if (query.to < query.from) {
      throw new AppError(422, 'validation_failed', 'error.validation', [{ field: 'to', code: 'period_order', key: 'validation.period_order' }]);
    }
    const scope = await resolveScope(db, actor);
    if (query.municipalityId) {
      const [m] = await db.select().from(municipalities).where(eq(municipalities.id, query.municipalityId));
      if (!m) throw notFound();
      if (!canReportOnMunicipality(actor.role, scope, m)) throw forbidden();
    } else if (query.libraryId) {
      const [lib] = await db.select().from(libraries).where(eq(libraries.id, query.libraryId));
      if (!lib) throw notFound();
      if (!canReportOnLibrary(actor.role, scope, lib)) throw forbidden();
    } else {
      throw new AppError(422, 'report_scope', 'error.report_scope', [{ field: 'municipalityId', code: 'required', key: 'error.report_scope' }]);
    }
    const data = await gatherReport(db, query, query);
    if (!data) throw notFound();
    return data;
  }

  const filename = (query: TReportQuery, ext: string) => `report-${query.from}-${query.to}.${ext}`;

  api.get(
    '/api/v1/municipal/report',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Figures of the report to a municipality or library (managers of its network; the official of that municipality)',
        querystring: ZReportQuery,
        response: { 200: z.unknown(), ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => load(request, request.query),
  );

  api.get(
    '/api/v1/municipal/report.pdf',
    {
      schema: {
        tags: ['municipal'],
        summary: 'The report to a municipality or library as PDF, Russian or Kyrgyz (managers of its network; the official of that municipality)',
        querystring: ZReportQuery,
      },
    },
    async (request, reply) => {
      const data = await load(request, request.query);
      const pdf = await renderReportPdf(data, request.query.lang);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename(request.query, 'pdf')}"`).send(pdf);
    },
  );

  api.get(
    '/api/v1/municipal/report.xlsx',
    {
      schema: {
        tags: ['municipal'],
        summary: 'The report to a municipality or library as XLSX (managers of its network; the official of that municipality)',
        querystring: ZReportQuery,
      },
    },
    async (request, reply) => {
      const data = await load(request, request.query);
      const lang = request.query.lang;
      const rows: [string, string, string | number][] = [
        [t(lang, 'report.title'), data.title, `${data.period.from} – ${data.period.to}`],
        ...circulationRows(data.circulation, (key) => t(lang, key)),
        [t(lang, 'report.events_section'), t(lang, 'report.fig_events'), data.events.held],
        [t(lang, 'report.events_section'), t(lang, 'report.fig_attendance'), data.events.attendance.total],
        [t(lang, 'report.events_section'), t(lang, 'report.age_children'), data.events.attendance.children],
        [t(lang, 'report.events_section'), t(lang, 'report.age_youth'), data.events.attendance.youth],
        [t(lang, 'report.events_section'), t(lang, 'report.age_adults'), data.events.attendance.adults],
        ...data.events.byForm.map((f): [string, string, number] => [t(lang, 'report.events_section'), lang === 'ky' ? f.nameKy || f.name : f.name, f.held]),
        [t(lang, 'report.requests_section'), t(lang, 'municipal.col.total'), data.requests.total],
        [t(lang, 'report.requests_section'), t(lang, 'municipal.col.answered_count'), data.requests.answered],
        ...data.requests.list.map((r): [string, string, string] => [t(lang, 'report.requests_section'), `№ ${r.number}. ${r.topic}`, t(lang, `municipal.status.${r.status}`)]),
        ...data.contributions.map((c): [string, string, string] => [t(lang, 'report.contributions_section'), `${c.purpose || '—'} (${c.partners.join(', ')})`, `${c.total} ${c.currency}`]),
        ...data.needs.map((n): [string, string, string] => [
          t(lang, 'report.needs_section'),
          n.name,
          [n.condition ? t(lang, `report.condition_${n.condition as 'good' | 'needs_repair' | 'emergency'}`) : '—', `${t(lang, 'report.col_internet')}: ${n.hasInternet === null ? '—' : n.hasInternet ? t(lang, 'report.yes') : t(lang, 'report.no')}`, `${t(lang, 'report.col_computers')}: ${n.computers ?? '—'}`].join('; '),
        ]),
        ...data.openDecisions.map((d): [string, string, string] => [t(lang, 'report.open_decisions'), `${d.text} (${d.libraryName})`, d.dueOn ?? '']),
      ];
      const body = await buildXlsx(
        t(lang, 'report.sheet'),
        [
          { header: t(lang, 'report.col_section'), value: (r) => r[0], width: 40 },
          { header: t(lang, 'report.col_indicator'), value: (r) => r[1], width: 60 },
          { header: t(lang, 'report.col_value'), value: (r) => r[2], width: 30 },
        ],
        rows,
      );
      return sendXlsx(reply, filename(request.query, 'xlsx'), body);
    },
  );
}

/** The readers section of the XLSX: totals, then readers and loans by age group. */
function circulationRows(c: CirculationSummary, tr: (key: MessageKey) => string): [string, string, string | number][] {
  const section = tr('report.readers_section');
  if (!c.readers.total && !c.visits.total && !c.loans.total) return [[section, tr('report.no_data'), '']];
  const ages = [
    ['report.age_children', 'children'],
    ['report.age_youth', 'youth'],
    ['report.age_adults', 'adults'],
  ] as const;
  return [
    [section, tr('report.fig_readers'), c.readers.total],
    ...ages.map(([key, field]): [string, string, number] => [section, `${tr('report.fig_readers')}: ${tr(key)}`, c.readers[field]]),
    [section, tr('report.fig_visits'), c.visits.total],
    [section, tr('report.fig_loans'), c.loans.total],
    ...ages.map(([key, field]): [string, string, number] => [section, `${tr('report.fig_loans')}: ${tr(key)}`, c.loans[field]]),
  ];
}
