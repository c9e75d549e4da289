/** Routes of the staff side of readers' portal accounts: set a reader's password at the desk, or e-mail a link. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../app/auth';
import { forbidden, notFound } from '../../app/errors';
import type { App, AppContext } from '../../app/http';
import { auditActor, problems, ZIdParams } from '../../app/route-helpers';
import { resolveScope } from '../../network';
import { ZPassword } from '../../staff/staff.schemas';
import { canServeReadersOf } from '../readers.policy';
import { findReader } from '../readers.service';
import { sendPasswordLink, setPasswordAtDesk } from './account.service';

export const ZDeskPassword = z.object({ password: ZPassword });

export function registerAccountRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** A reader the caller serves: 404 when unknown, 403 outside the caller's network or role. */
  async function servedReader(request: Parameters<typeof requireActor>[0], id: string) {
    const actor = requireActor(request);
    const reader = await findReader(db, id);
    if (!reader) throw notFound();
    if (!canServeReadersOf(actor.role, await resolveScope(db, actor), reader.networkId)) throw forbidden();
    return { actor, reader };
  }

  api.post(
    '/api/v1/readers/:id/password',
    {
      schema: {
        tags: ['readers'],
        summary: "Set the reader's portal password typed at the desk; the reader's portal sessions end (network admin, director, librarian of the reader's network)",
        params: ZIdParams,
        body: ZDeskPassword,
        response: { 204: z.null(), ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { actor, reader } = await servedReader(request, request.params.id);
      await setPasswordAtDesk(db, auditActor(request, actor), reader, request.body.password, actor.libraryId);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/readers/:id/password-link',
    {
      schema: {
        tags: ['readers'],
        summary:
          "E-mail the reader a one-time link to set their portal password, in the language chosen, else the one the reader uses on the portal, else the staff member's (network admin, director, librarian of the reader's network)",
        params: ZIdParams,
        body: z.object({ language: z.enum(['ru', 'ky', 'en']).optional() }).optional(),
        response: { 200: z.object({ sentTo: z.string() }), ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { actor, reader } = await servedReader(request, request.params.id);
      return sendPasswordLink(db, app.mail, auditActor(request, actor), reader, {
        origin: `${request.protocol}://${request.host}`,
        lang: request.body?.language ?? actor.language,
        isLangChosen: !!request.body?.language,
        libraryId: actor.libraryId,
      });
    },
  );
}
