/** Routes: first-run setup, open only while the installation has no staff account at all. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { problems } from '../app/route-helpers';
import { ZSetupRequest } from './setup.schemas';
import { runFirstSetup } from './setup.service';
import { countStaff } from './staff.service';

export function registerSetupRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/setup',
    { schema: { tags: ['setup'], summary: 'Whether the first-run setup is needed (anyone)', response: { 200: z.object({ isNeeded: z.boolean() }) } } },
    async () => ({ isNeeded: (await countStaff(db)) === 0 }),
  );

  api.post(
    '/api/v1/setup',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['setup'],
        summary: 'Create the first network and admin account (anyone, only while no account exists)',
        body: ZSetupRequest,
        response: { 201: z.object({ networkId: z.uuid() }), ...problems(409, 422, 429) },
      },
    },
    async (request, reply) => {
      if ((await countStaff(db)) > 0) throw new AppError(409, 'setup_done', 'error.setup_done');
      const { networkId } = await runFirstSetup(db, request.body);
      return reply.code(201).send({ networkId });
    },
  );
}
