/** Routes: partners (names and contacts for the network's staff) and their cooperation agreements. */
import type { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import { forbidden, notFound } from '../app/errors';
import type { App, AppServices } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { auditActor, problems, ZIdParams, ZPaged } from '../app/route-helpers';
import { buildXlsx, sendXlsx } from '../app/xlsx';
import { findNetwork, resolveScope } from '../network';
import { attachAgreementFile, createAgreement, findAgreement, listAgreements, updateAgreement } from './agreements.service';
import {
  canManagePartners,
  canReadNetworkFinance,
  canReadPartners,
  FINANCE_ROLES,
  PARTNER_READER_ROLES,
} from './partners.policy';
import { ZAgreementOut, ZPartnerDetail, ZPartnerOut, ZPartnerQuery, ZPartnerRow } from './partners.route-schemas';
import { ZAgreementInput, ZPartnerInput } from './partners.schemas';
import { createPartner, findPartner, listPartners, updatePartner } from './partners.service';

const ZFileQuery = z.object({ fileName: z.string().trim().min(1).max(200) });

export function registerPartnerRoutes(app: App, { database, files }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  const visibleNetworks = async (actor: Parameters<typeof resolveScope>[1]) => {
    const scope = await resolveScope(db, actor);
    return scope.isAll ? null : [...scope.readNetworkIds];
  };

  api.get(
    '/api/v1/partners',
    {
      schema: {
        tags: ['partners'],
        summary: "Partners of the person's networks, names and contacts (network staff; not municipal officials)",
        querystring: ZPartnerQuery,
        response: { 200: ZPaged(ZPartnerRow), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, PARTNER_READER_ROLES);
      const result = await listPartners(db, request.query, await visibleNetworks(actor));
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  api.get(
    '/api/v1/partners.xlsx',
    {
      schema: { tags: ['partners'], summary: 'Partners as XLSX (network staff)', querystring: ZPartnerQuery.omit({ page: true, pageSize: true }) },
    },
    async (request, reply) => {
      const actor = requireRole(request, PARTNER_READER_ROLES);
      const lang = requestLanguage(request);
      const { items } = await listPartners(db, { ...request.query, page: 1, pageSize: 100000 }, await visibleNetworks(actor));
      const body = await buildXlsx(
        t(lang, 'sheet.partners'),
        [
          { header: t(lang, 'col.name'), value: (r) => r.name, width: 36 },
          { header: t(lang, 'col.kind'), value: (r) => t(lang, `partner.kind.${r.kind}`), width: 22 },
          { header: t(lang, 'col.address'), value: (r) => r.address, width: 30 },
          { header: t(lang, 'col.phone'), value: (r) => r.phone },
          { header: t(lang, 'col.email'), value: (r) => r.email },
          { header: t(lang, 'col.contacts'), value: (r) => r.contacts.map((c) => [c.name, c.position, c.phone].filter(Boolean).join(', ')).join('; '), width: 40 },
        ],
        items,
      );
      return sendXlsx(reply, 'partners.xlsx', body);
    },
  );

  api.post(
    '/api/v1/networks/:id/partners',
    {
      schema: {
        tags: ['partners'],
        summary: 'Add a partner to a network (network admin, director, methodologist of that network)',
        params: ZIdParams,
        body: ZPartnerInput,
        response: { 201: ZPartnerOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, FINANCE_ROLES);
      const network = await findNetwork(db, request.params.id);
      if (!network) throw notFound();
      if (!canManagePartners(actor.role, await resolveScope(db, actor), network.id)) throw forbidden();
      return reply.code(201).send(await createPartner(db, auditActor(request, actor), network.id, request.body));
    },
  );

  api.get(
    '/api/v1/partners/:id',
    {
      schema: {
        tags: ['partners'],
        summary: 'A partner with contacts (network staff of its network)',
        params: ZIdParams,
        response: { 200: ZPartnerDetail, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, PARTNER_READER_ROLES);
      const partner = await findPartner(db, request.params.id);
      if (!partner) throw notFound();
      const scope = await resolveScope(db, actor);
      if (!canReadPartners(actor.role, scope, partner.networkId)) throw forbidden();
      return {
        ...partner,
        canManage: canManagePartners(actor.role, scope, partner.networkId),
        canSeeFinance: canReadNetworkFinance(actor.role, scope, partner.networkId),
      };
    },
  );

  api.put(
    '/api/v1/partners/:id',
    {
      schema: {
        tags: ['partners'],
        summary: 'Change a partner (network admin, director, methodologist of its network)',
        params: ZIdParams,
        body: ZPartnerInput,
        response: { 200: ZPartnerOut, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, FINANCE_ROLES);
      const partner = await findPartner(db, request.params.id);
      if (!partner) throw notFound();
      if (!canManagePartners(actor.role, await resolveScope(db, actor), partner.networkId)) throw forbidden();
      return updatePartner(db, auditActor(request, actor), partner, request.body);
    },
  );

  api.get(
    '/api/v1/partners/:id/agreements',
    {
      schema: {
        tags: ['partners'],
        summary: "A partner's cooperation agreements (network admin, director, methodologist of its network)",
        params: ZIdParams,
        response: { 200: z.array(ZAgreementOut), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, FINANCE_ROLES);
      const partner = await findPartner(db, request.params.id);
      if (!partner) throw notFound();
      if (!canReadNetworkFinance(actor.role, await resolveScope(db, actor), partner.networkId)) throw forbidden();
      return listAgreements(db, partner.id);
    },
  );

  api.post(
    '/api/v1/partners/:id/agreements',
    {
      schema: {
        tags: ['partners'],
        summary: 'Record a cooperation agreement (network admin, director, methodologist of the network)',
        params: ZIdParams,
        body: ZAgreementInput,
        response: { 201: ZAgreementOut.omit({ libraryName: true }), ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, FINANCE_ROLES);
      const partner = await findPartner(db, request.params.id);
      if (!partner) throw notFound();
      if (!canManagePartners(actor.role, await resolveScope(db, actor), partner.networkId)) throw forbidden();
      return reply.code(201).send(await createAgreement(db, auditActor(request, actor), partner, request.body));
    },
  );

  /** The agreement and its partner, when the person may change them. */
  const agreementForChange = async (request: Parameters<typeof requireRole>[0], id: string) => {
    const actor = requireRole(request, FINANCE_ROLES);
    const agreement = await findAgreement(db, id);
    if (!agreement) throw notFound();
    const partner = (await findPartner(db, agreement.partnerId))!;
    if (!canManagePartners(actor.role, await resolveScope(db, actor), partner.networkId)) throw forbidden();
    return { actor, agreement, partner };
  };

  api.put(
    '/api/v1/agreements/:id',
    {
      schema: {
        tags: ['partners'],
        summary: 'Change an agreement (network admin, director, methodologist of the network)',
        params: ZIdParams,
        body: ZAgreementInput,
        response: { 200: ZAgreementOut.omit({ libraryName: true }), ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { actor, agreement, partner } = await agreementForChange(request, request.params.id);
      return updateAgreement(db, auditActor(request, actor), partner, agreement, request.body);
    },
  );

  void app.register(async (scoped) => {
    // The signed scan arrives as the raw body and is streamed to the file store.
    scoped.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/agreements/:id/file',
      {
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags: ['partners'],
          summary: "Attach the agreement's signed file (raw body, application/octet-stream; network admin, director, methodologist)",
          params: ZIdParams,
          querystring: ZFileQuery,
          response: { 200: ZAgreementOut.omit({ libraryName: true }), ...problems(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const { actor, agreement, partner } = await agreementForChange(request, request.params.id);
        const stored = await files.put(request.body as Readable, { originalName: request.query.fileName, createdBy: actor.id });
        return attachAgreementFile(db, auditActor(request, actor), partner, agreement, { sha256: stored.sha256, fileName: request.query.fileName });
      },
    );
  });

  api.get(
    '/api/v1/agreements/:id/file',
    {
      schema: {
        tags: ['partners'],
        summary: "Download the agreement's file (network admin, director, methodologist of the network)",
        params: ZIdParams,
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, FINANCE_ROLES);
      const agreement = await findAgreement(db, request.params.id);
      if (!agreement?.fileSha256) throw notFound();
      const partner = (await findPartner(db, agreement.partnerId))!;
      if (!canReadNetworkFinance(actor.role, await resolveScope(db, actor), partner.networkId)) throw forbidden();
      const name = agreement.fileName || 'agreement';
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(files.open(agreement.fileSha256));
    },
  );
}
