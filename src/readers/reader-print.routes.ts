/** Routes: printed reader cards (one, or a batch on A4 with cut marks) and the consent form, as PDF. */
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../app/db';
import { forbidden, notFound } from '../app/errors';
import type { App, AppContext } from '../app/http';
import { requestLanguage, t } from '../app/i18n';
import { problems, ZIdParams } from '../app/route-helpers';
import { findLibrary, findNetwork, resolveScope } from '../network';
import { LANGUAGES, type TLanguage } from '../staff/staff.schemas';
import { ageOn, GUARDIAN_REQUIRED_UNDER } from './age';
import { renderConsentForm } from './consent.pdf';
import { CARD_LAYOUTS, renderReaderCards, type ReaderCard } from './reader-cards.pdf';
import { readerStaff, servedReader } from './readers.route-guards';
import { canServeReadersOf } from './readers.policy';
import { CURRENT_CONSENT_VERSION } from './readers.schemas';
import { findReader, type Reader } from './readers.service';

const sendPdf = (reply: FastifyReply, filename: string, body: Buffer) =>
  reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(body);

const fullName = (r: Reader) => [r.surname, r.firstName, r.patronymic].filter(Boolean).join(' ');

/** The library printed on a reader's card: the desk's own library when it is in the reader's network. */
async function cardLibrary(db: Db, reader: Reader, deskLibraryId: string | null) {
  const desk = deskLibraryId ? await findLibrary(db, deskLibraryId) : null;
  if (desk && desk.networkId === reader.networkId) return desk;
  return reader.homeLibraryId ? findLibrary(db, reader.homeLibraryId) : null;
}

async function cardOf(db: Db, reader: Reader, deskLibraryId: string | null, lang: TLanguage): Promise<ReaderCard> {
  const [network, library] = await Promise.all([
    findNetwork(db, reader.networkId),
    cardLibrary(db, reader, deskLibraryId),
  ]);
  return {
    // The short name fits the card's band; the full one is on the consent form.
    networkName: network?.shortName || network?.name || '',
    libraryName: library?.name ?? '',
    fullName: fullName(reader),
    cardNumber: reader.cardNumber,
    label: t(lang, 'readers.card.label'),
  };
}

export function registerReaderPrintRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ZLayout = z.object({ layout: z.enum(CARD_LAYOUTS).default('card') });

  api.get(
    '/api/v1/readers/:id/card.pdf',
    {
      schema: {
        tags: ['readers'],
        summary:
          "A reader's card as PDF, card size or on A4 (network admin, director, librarian of the reader's network)",
        params: ZIdParams,
        querystring: ZLayout,
        response: problems(401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const { actor, reader } = await servedReader(db, request, request.params.id);
      if (reader.isAnonymised || reader.mergedIntoId) throw forbidden();
      const card = await cardOf(db, reader, actor.libraryId, requestLanguage(request));
      return sendPdf(reply, `card-${reader.cardNumber}.pdf`, await renderReaderCards([card], request.query.layout));
    },
  );

  api.get(
    '/api/v1/readers/cards.pdf',
    {
      schema: {
        tags: ['readers'],
        summary:
          'Cards of the chosen readers, ten an A4 sheet with cut marks (network admin, director, librarian of their network)',
        querystring: z.object({
          ids: z
            .string()
            .transform((s) => [
              ...new Set(
                s
                  .split(',')
                  .map((x) => x.trim())
                  .filter(Boolean),
              ),
            ])
            .pipe(z.array(z.uuid()).min(1).max(500)),
          layout: z.enum(CARD_LAYOUTS).default('a4'),
        }),
        response: problems(401, 403, 422),
      },
    },
    async (request, reply) => {
      const actor = readerStaff(request);
      const scope = await resolveScope(db, actor);
      const lang = requestLanguage(request);
      const cards: ReaderCard[] = [];
      for (const id of request.query.ids) {
        const reader = await findReader(db, id);
        if (!reader || reader.isAnonymised || reader.mergedIntoId) continue;
        if (!canServeReadersOf(actor.role, scope, reader.networkId)) throw forbidden();
        cards.push(await cardOf(db, reader, actor.libraryId, lang));
      }
      return sendPdf(reply, 'cards.pdf', await renderReaderCards(cards, request.query.layout));
    },
  );

  api.get(
    '/api/v1/readers/:id/consent.pdf',
    {
      schema: {
        tags: ['readers'],
        summary:
          "A reader's consent form, filled, with the guardian block for a minor (network admin, director, librarian of the reader's network)",
        params: ZIdParams,
        querystring: z.object({ language: z.enum(LANGUAGES).optional() }),
        response: problems(401, 403, 404),
      },
    },
    async (request, reply) => {
      const { actor, reader } = await servedReader(db, request, request.params.id);
      if (reader.isAnonymised) throw forbidden();
      const [network, library] = await Promise.all([
        findNetwork(db, reader.networkId),
        cardLibrary(db, reader, actor.libraryId),
      ]);
      const pdf = await renderConsentForm({
        language: request.query.language ?? requestLanguage(request),
        country: network?.country ?? 'KG',
        networkName: network?.name ?? '',
        libraryName: library?.name ?? '',
        version: reader.consentVersion || CURRENT_CONSENT_VERSION,
        isMinor: !!reader.birthDate && ageOn(reader.birthDate) < GUARDIAN_REQUIRED_UNDER,
        reader: {
          fullName: fullName(reader),
          birthDate: reader.birthDate ?? '',
          address: reader.address,
          phone: reader.phone,
          cardNumber: reader.cardNumber,
          guardianName: reader.guardianName,
          guardianRelation: reader.guardianRelation,
          guardianPhone: reader.guardianPhone,
        },
      });
      return sendPdf(reply, `consent-${reader.cardNumber}.pdf`, pdf);
    },
  );

  api.get(
    '/api/v1/libraries/:id/consent-form.pdf',
    {
      schema: {
        tags: ['readers'],
        summary:
          'A blank consent form of a library, for an adult or a minor (network admin, director, librarian of its network)',
        params: ZIdParams,
        querystring: z.object({
          language: z.enum(LANGUAGES).optional(),
          minor: z.enum(['true', 'false']).default('false'),
        }),
        response: problems(401, 403, 404),
      },
    },
    async (request, reply) => {
      const actor = readerStaff(request);
      const library = await findLibrary(db, request.params.id);
      if (!library) throw notFound();
      if (!canServeReadersOf(actor.role, await resolveScope(db, actor), library.networkId)) throw forbidden();
      const network = await findNetwork(db, library.networkId);
      const pdf = await renderConsentForm({
        language: request.query.language ?? requestLanguage(request),
        country: network?.country ?? 'KG',
        networkName: network?.name ?? '',
        libraryName: library.name,
        version: CURRENT_CONSENT_VERSION,
        isMinor: request.query.minor === 'true',
        reader: null,
      });
      return sendPdf(reply, 'consent-form.pdf', pdf);
    },
  );
}
