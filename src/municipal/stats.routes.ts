/** Routes: statistics of the information centre — by municipality, type and time to answer. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireRole } from '../app/auth';
import type { App, AppServices } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { problems } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { resolveScope } from '../network';
import { REQUEST_READER_ROLES, requestVisibility } from './municipal.policy';
import { ZStatsOut } from './municipal.route-schemas';
import { ZStatsQuery } from './municipal.schemas';
import { requestStatistics } from './requests.queries';

export function registerStatsRoutes(app: App, { database }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/municipal/statistics',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Requests by municipality and type, overdue, time to answer (network managers and librarians; an official: their municipality)',
        querystring: ZStatsQuery,
        response: { 200: ZStatsOut, ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, REQUEST_READER_ROLES);
      const scope = await resolveScope(db, actor);
      return requestStatistics(db, requestVisibility(actor.role, scope), request.query);
    },
  );

  api.get(
    '/api/v1/municipal/statistics.xlsx',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Request statistics by municipality as XLSX (network managers and librarians; an official: their municipality)',
        querystring: ZStatsQuery,
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, REQUEST_READER_ROLES);
      const scope = await resolveScope(db, actor);
      const lang = requestLanguage(request);
      const stats = await requestStatistics(db, requestVisibility(actor.role, scope), request.query);
      const body = await buildXlsx(
        t(lang, 'municipal.sheet.statistics'),
        [
          { header: t(lang, 'municipal.col.municipality'), value: (r) => r.municipalityName, width: 30 },
          { header: t(lang, 'municipal.col.total'), value: (r) => r.total, width: 10 },
          { header: t(lang, 'municipal.col.answered_count'), value: (r) => r.answered, width: 10 },
          { header: t(lang, 'municipal.col.open'), value: (r) => r.open, width: 10 },
          { header: t(lang, 'municipal.col.overdue'), value: (r) => r.overdue, width: 10 },
          { header: t(lang, 'municipal.col.answered_late'), value: (r) => r.answeredLate, width: 12 },
          { header: t(lang, 'municipal.col.avg_hours'), value: (r) => r.avgHoursToAnswer, width: 14 },
        ],
        stats.byMunicipality,
      );
      return sendXlsx(reply, 'requests-statistics.xlsx', body);
    },
  );
}
