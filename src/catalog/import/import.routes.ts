/** Routes: starting a MARC import from the staff app (upload → background job) and its report. */
import type { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../app/auth';
import { AppError, forbidden, notFound } from '../../app/errors';
import type { App, AppServices } from '../../app/http';
import { requestLanguage, t } from '../../app/i18n';
import { enqueueJob, findJob } from '../../app/jobs';
import { canFollowJob, ZJobOut } from '../../app/jobs.routes';
import { auditActor, problems, ZIdParams, ZPaged, ZPageQuery, ZQueryBool, ZTimestamp } from '../../app/route-helpers';
import { buildXlsxSheets, sendXlsx } from '../../app/xlsx';
import { findLibrary, resolveScope } from '../../network';
import { RECORD_EDITOR_ROLES } from '../catalog.policy';
import { normalizeEncodingName } from '../marc';
import { listImports } from './import-history';
import { IMPORT_JOB, importJobHandler, type ImportJobPayload } from './import.job';
import type { ImportSummary } from './import.service';
import { headOf, otherFileKind, sniffContainer } from './sources';

const CONTAINER_NAMES = { iso2709: 'ISO 2709', marcxml: 'MARCXML' } as const;

const ZImportQuery = z.object({
  libraryId: z.uuid().optional(),
  format: z.enum(['iso2709', 'marcxml', 'auto']).default('auto'),
  schema: z.enum(['rusmarc', 'marc21', 'auto']).default('auto'),
  encoding: z.enum(['auto', 'utf-8', 'cp1251', 'cp866', 'koi8-r', 'marc-8']).default('auto'),
  match: z.enum(['isbn', 'control-number', 'none']).default('isbn'),
  /** Matched records take the file's content (see ImportOptions.replace). */
  replace: ZQueryBool.default(false),
  fileName: z.string().max(200).default('import.mrc'),
});

const ZImportRun = z.object({
  id: z.uuid(),
  fileName: z.string(),
  size: z.number(),
  libraryName: z.string().nullable(),
  startedBy: z.string(),
  status: ZJobOut.shape.status,
  progress: ZJobOut.shape.progress,
  error: z.string().nullable(),
  createdAt: ZTimestamp,
  finishedAt: ZTimestamp.nullable(),
  counts: z
    .object({
      read: z.number(),
      created: z.number(),
      matched: z.number(),
      rejected: z.number(),
      copies: z.number(),
      /** Set when the import replaced matched records (the replace option). */
      replaced: z.number().nullable(),
      /** The ISO 2709 encoding read in, whether it was chosen by hand, and the one the bytes read better in when they disagree. */
      encoding: z.string().nullable(),
      encodingChosen: z.boolean(),
      encodingDetected: z.string().nullable(),
    })
    .nullable(),
});

export function registerImportRoutes(app: App, services: AppServices) {
  const { database, jobs, files } = services;
  const { db } = database;
  jobs.register(IMPORT_JOB, importJobHandler(files, database.kind === 'pglite'));

  void app.register(async (scoped) => {
    // The file arrives as the raw body and is streamed to the file store, whatever its size.
    scoped.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    const api = scoped.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/api/v1/catalog/imports',
      {
        bodyLimit: 2 * 1024 * 1024 * 1024,
        schema: {
          tags: ['catalog'],
          summary: 'Upload a MARC file (raw body, application/octet-stream) and start its import (cataloguer, methodologist, director, network admin; copies only into a library in scope)',
          querystring: ZImportQuery,
          response: { 202: z.object({ jobId: z.uuid() }), ...problems(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, RECORD_EDITOR_ROLES);
        const query = request.query;
        const scope = await resolveScope(db, actor);
        // The job belongs to the library's network, or to the person's own network: its managers follow it.
        let networkId: string | null = scope.networkIds.size === 1 ? [...scope.networkIds][0]! : null;
        if (query.libraryId) {
          const library = await findLibrary(db, query.libraryId);
          if (!library) throw notFound();
          if (!scope.isAll && !scope.libraryIds.has(library.id)) throw forbidden();
          networkId = library.networkId;
        }
        const stored = await files.put(request.body as Readable, {
          originalName: query.fileName,
          mediaType: 'application/marc',
          createdBy: actor.id,
        });
        // An empty file, a text file or the other container than the one chosen would be read as one
        // broken record: the person is told at once instead, in the upload form.
        const head = await headOf(files.open(stored.sha256), 64 * 1024);
        const kind = sniffContainer(head);
        if (kind === 'empty') throw new AppError(422, 'import_file_empty', 'import.file_empty');
        const other = otherFileKind(head);
        if (other) throw new AppError(422, 'import_file_not_marc', 'import.file_is_other', [], { kind: other });
        if (kind === 'unknown') throw new AppError(422, 'import_file_not_marc', 'import.file_not_marc');
        if (query.format !== 'auto' && kind !== query.format) {
          throw new AppError(422, 'import_file_other_format', 'import.file_other_format', [], {
            found: CONTAINER_NAMES[kind],
            wanted: CONTAINER_NAMES[query.format],
          });
        }
        const who = auditActor(request, actor);
        const payload: ImportJobPayload = {
          sha256: stored.sha256,
          size: stored.size,
          fileName: query.fileName,
          libraryId: query.libraryId ?? null,
          container: query.format,
          schema: query.schema,
          encoding: normalizeEncodingName(query.encoding) ?? 'auto',
          match: query.match,
          replace: query.replace,
          language: requestLanguage(request),
          actorId: actor.id,
          actorLogin: who.login,
        };
        const job = await enqueueJob(db, { kind: IMPORT_JOB, payload, createdBy: actor.id, networkId });
        return reply.code(202).send({ jobId: job.id });
      },
    );

    api.get(
      '/api/v1/catalog/imports',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Earlier imports, newest first, searchable by file name (who started them; managers see their networks’ imports)',
          querystring: ZPageQuery.extend({ q: z.string().max(200).optional() }),
          response: { 200: ZPaged(ZImportRun), ...problems(401, 403) },
        },
      },
      async (request) => {
        const actor = requireRole(request, RECORD_EDITOR_ROLES);
        return listImports(db, actor, await resolveScope(db, actor), request.query);
      },
    );

    api.get(
      '/api/v1/catalog/imports/:id/report.xlsx',
      {
        schema: {
          tags: ['catalog'],
          summary: 'The report of a finished import as XLSX: counts and every refused record (who started it; managers of its network)',
          params: ZIdParams,
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, RECORD_EDITOR_ROLES);
        const job = await findJob(db, request.params.id);
        if (!job || job.kind !== IMPORT_JOB || !job.result) throw notFound();
        if (!canFollowJob(actor, await resolveScope(db, actor), job)) throw forbidden();
        const lang = requestLanguage(request);
        const s = job.result as ImportSummary;
        // The totals on one sheet, the refused records in file order on the next (numbers as numbers, to sort and filter).
        const totals: [string, string | number][] = [
          [t(lang, 'import.read'), s.read],
          [t(lang, 'import.created'), s.created],
          [t(lang, 'import.matched'), s.matched],
          [t(lang, 'import.rejected'), s.rejected],
          [t(lang, 'import.copies'), s.items.created],
          [t(lang, 'import.schema'), s.schema === 'marc21' ? 'MARC 21' : s.schema === 'rusmarc' ? 'RUSMARC' : '—'],
          [t(lang, 'import.encoding'), s.encoding ?? '—'],
          ...(s.encodingDetected ? [[t(lang, 'import.encoding_detected'), s.encodingDetected] as [string, string]] : []),
          ...(s.utf8Records ? [[t(lang, 'import.utf8_records'), s.utf8Records] as [string, number]] : []),
          ...(s.replaced !== undefined ? [[t(lang, 'import.replaced'), s.replaced] as [string, number]] : []),
          [t(lang, 'import.file_name'), (job.payload as ImportJobPayload).fileName],
        ];
        const refused = [...s.errors].sort((a, b) => a.index - b.index);
        const body = await buildXlsxSheets([
          {
            name: t(lang, 'import.sheet'),
            columns: [
              { header: t(lang, 'import.col_total'), value: (r: (typeof totals)[number]) => r[0], width: 30 },
              { header: t(lang, 'import.col_value'), value: (r: (typeof totals)[number]) => r[1], width: 16 },
            ],
            rows: totals,
          },
          {
            name: t(lang, 'import.sheet_refused'),
            columns: [
              { header: t(lang, 'import.col_record'), value: (e: (typeof refused)[number]) => e.index + 1, width: 12 },
              { header: t(lang, 'import.col_offset'), value: (e: (typeof refused)[number]) => (e.offset >= 0 ? e.offset : null), width: 14 },
              { header: t(lang, 'import.col_reason'), value: (e: (typeof refused)[number]) => (e.detail ? `${e.reason} (${e.detail})` : e.reason), width: 80 },
            ],
            rows: refused,
          },
        ]);
        // Named after the file imported and the day, so that the reports of several imports can be told apart.
        const base = (job.payload as ImportJobPayload).fileName.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60);
        const day = (job.finishedAt ?? job.createdAt).toISOString().slice(0, 10);
        return sendXlsx(reply, `import-${base || 'file'}-${day}.xlsx`, body);
      },
    );
  });
}
