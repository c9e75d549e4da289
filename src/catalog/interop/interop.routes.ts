/**
 * Routes: the interoperability endpoints at the root, SRU at /sru and OAI-PMH at /oai. Public:
 * anonymous and read-only, like the OPAC; they speak XML, so they are hidden from the JSON API docs.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../app/http';
import { handleOai, type OaiParams } from './oai';
import { handleSru, type SruParams } from './sru';
import { XML_CONTENT_TYPE } from './xml';

/** Query-string or form values as single strings; a repeated parameter keeps the list (OAI-PMH: badArgument). */
function paramsOf(source: unknown): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  if (source && typeof source === 'object') {
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      if (typeof value === 'string') out[key] = value;
      else if (Array.isArray(value)) out[key] = value.map(String);
    }
  }
  return out;
}

function firstValues(params: Record<string, string | string[] | undefined>): SruParams {
  const out: SruParams = {};
  for (const [key, value] of Object.entries(params)) out[key] = Array.isArray(value) ? value[0] : value;
  return out;
}

function sendXml(reply: FastifyReply, xml: string) {
  return reply.type(XML_CONTENT_TYPE).header('cache-control', 'no-store').send(xml);
}

/**
 * The repository identifier when KITEPKANA_OAI_ID is not set: fixed, not the host name a harvester
 * happens to use (through an IP address, a proxy or a new domain it would get every record again under
 * new identifiers). A network that publishes its catalogue sets its own domain.
 */
export const DEFAULT_OAI_ID = 'kitepkana.local';

/** The server as SRU's Explain describes it. */
const sruServer = (request: FastifyRequest) => ({
  host: request.hostname,
  port: request.port ?? (request.protocol === 'https' ? 443 : 80),
  title: 'Kitepkana union catalogue',
});

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${request.url.split('?')[0]}`;
}

export function registerInteropRoutes(app: App, { database, config }: AppContext) {
  const { db } = database;

  app.get(
    '/sru',
    {
      schema: {
        hide: true,
        summary:
          'SRU 1.2 / 2.0 explain and searchRetrieve (CQL) over the union catalogue (public, anonymous, read-only)',
      },
    },
    async (request, reply) => {
      return sendXml(reply, await handleSru(db, sruServer(request), firstValues(paramsOf(request.query))));
    },
  );

  // The same request as a form (SRU's HTTP POST binding; yaz-client's "sru post").
  app.post(
    '/sru',
    {
      schema: {
        hide: true,
        summary: 'SRU request as an application/x-www-form-urlencoded form (public, anonymous, read-only)',
      },
    },
    async (request, reply) => {
      return sendXml(reply, await handleSru(db, sruServer(request), firstValues(paramsOf(request.body))));
    },
  );

  const oai = async (request: FastifyRequest, params: OaiParams, reply: FastifyReply) =>
    sendXml(
      reply,
      await handleOai(
        db,
        {
          baseUrl: baseUrl(request),
          repositoryId: config.oaiRepositoryId ?? DEFAULT_OAI_ID,
          adminEmail: config.adminEmail,
        },
        params,
      ),
    );

  app.get(
    '/oai',
    {
      schema: {
        hide: true,
        summary: 'OAI-PMH 2.0 repository of the union catalogue, oai_dc and marc21 (public, anonymous, read-only)',
      },
    },
    async (request, reply) => oai(request, paramsOf(request.query), reply),
  );
  app.post(
    '/oai',
    {
      schema: {
        hide: true,
        summary: 'OAI-PMH 2.0 request as an application/x-www-form-urlencoded form (public, anonymous, read-only)',
      },
    },
    async (request, reply) => oai(request, paramsOf(request.body), reply),
  );
}
