/** Routes: a person's own ИРИ subscriptions (topics = saved catalogue searches) and their digest inbox. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, type Actor } from '../app/auth';
import { forbidden, notFound } from '../app/errors';
import type { App, AppServices } from '../app/http';
import { auditActor, problems, ZIdParams, ZPageQuery } from '../app/route-helpers';
import { networkOfScopeNode } from '../network';
import { SUBSCRIBER_ROLES } from './municipal.policy';
import { ZDigestOut, ZSubscriptionOut } from './municipal.route-schemas';
import { ZSubscriptionInput } from './municipal.schemas';
import {
  buildDigest,
  createSubscription,
  deleteSubscription,
  findDigest,
  findSubscription,
  listDigests,
  listSubscriptions,
  markDigestRead,
  previewSubscription,
  updateSubscription,
} from './subscriptions.service';

export function registerSubscriptionRoutes(app: App, { database }: AppServices) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function ownSubscription(actor: Actor, id: string) {
    const s = await findSubscription(db, id);
    if (!s) throw notFound();
    if (s.ownerId !== actor.id) throw forbidden();
    return s;
  }

  api.get(
    '/api/v1/municipal/subscriptions',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Own ИРИ subscriptions (any staff member, municipal officials included)',
        response: { 200: z.array(ZSubscriptionOut), ...problems(401, 403) },
      },
    },
    async (request) => listSubscriptions(db, requireRole(request, SUBSCRIBER_ROLES).id),
  );

  api.post(
    '/api/v1/municipal/subscriptions',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Subscribe to a topic: a saved search over the catalogue (any staff member, officials included)',
        body: ZSubscriptionInput,
        response: { 201: ZSubscriptionOut, ...problems(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, SUBSCRIBER_ROLES);
      const owner = {
        networkId: await networkOfScopeNode(db, actor.scopeKind, actor.scopeId),
        municipalityId: actor.scopeKind === 'municipality' ? actor.scopeId : null,
      };
      return reply.code(201).send(await createSubscription(db, { ...auditActor(request, actor), id: actor.id }, owner, request.body));
    },
  );

  api.put(
    '/api/v1/municipal/subscriptions/:id',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Change own subscription (its owner)',
        params: ZIdParams,
        body: ZSubscriptionInput,
        response: { 200: ZSubscriptionOut, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, SUBSCRIBER_ROLES);
      return updateSubscription(db, auditActor(request, actor), await ownSubscription(actor, request.params.id), request.body);
    },
  );

  api.delete(
    '/api/v1/municipal/subscriptions/:id',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Unsubscribe (its owner)',
        params: ZIdParams,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, SUBSCRIBER_ROLES);
      await deleteSubscription(db, auditActor(request, actor), await ownSubscription(actor, request.params.id));
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/v1/municipal/subscriptions/:id/preview',
    {
      schema: {
        tags: ['municipal'],
        summary: 'What the topic finds among records catalogued in the last year (its owner)',
        params: ZIdParams,
        response: { 200: z.array(z.object({ id: z.uuid(), title: z.string(), description: z.string(), year: z.number().nullable() })), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, SUBSCRIBER_ROLES);
      const s = await ownSubscription(actor, request.params.id);
      const rows = await previewSubscription(db, s.query, new Date(Date.now() - 365 * 86400_000));
      return rows.map(({ createdAt: _c, ...r }) => r);
    },
  );

  api.post(
    '/api/v1/municipal/subscriptions/:id/digest',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Build the digest of new material now instead of waiting for the schedule (its owner)',
        params: ZIdParams,
        response: { 200: z.object({ digest: ZDigestOut.nullable() }), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, SUBSCRIBER_ROLES);
      return { digest: await buildDigest(db, await ownSubscription(actor, request.params.id)) };
    },
  );

  api.get(
    '/api/v1/municipal/digests',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Own digest inbox, newest first (any staff member, officials included)',
        querystring: ZPageQuery,
        response: {
          200: z.object({ items: z.array(ZDigestOut), total: z.number(), unread: z.number(), page: z.number(), pageSize: z.number() }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      const actor = requireRole(request, SUBSCRIBER_ROLES);
      const result = await listDigests(db, actor.id, request.query.page, request.query.pageSize);
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  api.post(
    '/api/v1/municipal/digests/:id/read',
    {
      schema: {
        tags: ['municipal'],
        summary: 'Mark a digest as read (its owner)',
        params: ZIdParams,
        response: { 200: ZDigestOut, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, SUBSCRIBER_ROLES);
      const digest = await findDigest(db, request.params.id);
      if (!digest) throw notFound();
      if (digest.ownerId !== actor.id) throw forbidden();
      return markDigestRead(db, digest);
    },
  );
}
