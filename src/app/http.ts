/** The one Fastify application: JSON API, staff web app, public portal. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import helmet from 'helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAuditRoutes } from '../audit/audit.routes';
import { registerCatalogRoutes } from '../catalog/catalog.routes';
import { registerCirculationRoutes } from '../circulation/circulation.routes';
import { registerImportRoutes } from '../catalog/import/import.routes';
import { registerInteropRoutes } from '../catalog/interop/interop.routes';
import { registerExportRoutes } from '../catalog/export/export.routes';
import { registerMunicipalRoutes } from '../municipal';
import { registerAllEventRoutes } from '../events';
import { registerNetworkRoutes } from '../network/network.routes';
import { registerPartnersRoutes } from '../partners/partners.module';
import { registerSeminarsRoutes } from '../seminars/seminars.module';
import { registerPortal } from '../portal/portal.routes';
import { registerReadersDomainRoutes } from '../readers/readers.http';
import { registerSetupRoutes } from '../staff/setup.routes';
import { registerStaffRoutes } from '../staff/staff.routes';
import { registerAuth } from './auth';
import { registerJobRoutes } from './jobs.routes';
import { APP_VERSION, type AppConfig } from './config';
import type { Database } from './db';
import { notFound, registerErrorHandling, registerNotFound, sendProblem } from './errors';
import { LocalFileStore, type FileStore } from './file-store';
import { JobRunner } from './jobs';
import { createMailer, type Mailer } from './mail';

export const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface AppContext {
  database: Database;
  config: AppConfig;
}

/** What route modules receive: the context plus the job runner and file store of this app. */
export interface AppServices extends AppContext {
  jobs: JobRunner;
  files: FileStore;
  /** Outgoing e-mail; `mail.enabled` is false when no SMTP server is configured. */
  mail: Mailer;
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobRunner;
    files: FileStore;
    mail: Mailer;
  }
}

export type App = FastifyInstance;

export async function buildApp(
  context: AppContext,
  options: { logger?: boolean; runJobs?: boolean } = {},
): Promise<FastifyInstance> {
  const { database, config } = context;
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    trustProxy: true,
    bodyLimit: 5 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  const jobs = new JobRunner(database.db, (message, error) => app.log.error({ err: error }, message));
  const files = new LocalFileStore(join(config.dataDir, 'files'), database.db);
  app.decorate('jobs', jobs);
  const mail = createMailer(config);
  app.decorate('files', files);
  app.decorate('mail', mail);
  const ctx: AppServices = { ...context, jobs, files, mail };
  if (options.runJobs !== false) app.addHook('onReady', async () => jobs.start());
  app.addHook('onClose', async () => {
    await jobs.stop();
    mail.close();
  });

  // Security headers and a strict CSP on every response: helmet's middleware, made once (the Fastify
  // plugin makes it again for each request, a few percent of a search's CPU).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // The portal and staff app are served over plain HTTP on village networks too.
    strictTransportSecurity: false,
    // A page of this site learns which page of it led there (a record returns to the search it was
    // found by); other sites learn nothing.
    referrerPolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  // Rural connections are slow: everything larger than 1 KiB (pages, JSON, the staff app's scripts) is compressed.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kitepkana API', version: APP_VERSION, description: 'JSON API of Kitepkana.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kp_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // Only the JSON API is documented; portal pages and the staff app are not API routes.
    hideUntagged: true,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAuth(app, database.db, config);

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Health check (anyone)',
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgresql']), version: z.string() }),
        },
      },
    },
    async () => {
      await database.query('select 1');
      return { status: 'ok' as const, db: database.kind, version: APP_VERSION };
    },
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => {
    registerStaffRoutes(api, ctx);
    registerSetupRoutes(api, ctx);
    registerNetworkRoutes(api, ctx);
    registerCatalogRoutes(api, ctx);
    registerImportRoutes(api, ctx);
    registerExportRoutes(api, ctx);
    registerAuditRoutes(api, ctx);
    registerJobRoutes(api, ctx);
    registerInteropRoutes(api, ctx);
    registerReadersDomainRoutes(api, ctx);
    await registerMunicipalRoutes(api, ctx);
    registerAllEventRoutes(api, ctx);
    registerPartnersRoutes(api, ctx);
    registerSeminarsRoutes(api, ctx);
    registerCirculationRoutes(api, ctx);
  });

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: '/staff/',
      wildcard: false,
      index: 'index.html',
      // Built assets carry a content hash in their name: a branch's browser keeps them until the app changes.
      // The page itself is asked for again every time, so a new build reaches everyone at once.
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    app.get('/staff', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
    // A missing asset (e.g. after a rebuild) must be a 404, not the app's page under the asset's name.
    app.get('/staff/assets/*', { schema: { hide: true } }, (request, reply) => sendProblem(reply, request, notFound()));
    app.get('/staff/*', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
  } else {
    app.get('/staff', { schema: { hide: true } }, (_req, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The staff app is not built: run `npm run build`.'),
    );
  }
  registerNotFound(app, await registerPortal(app, ctx));
  return app;
}
