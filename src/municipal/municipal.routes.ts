/** All routes of the municipal information centre, in one encapsulated plugin (it reads raw uploads). */
import type { App, AppServices } from '../app/http';
import { registerRequestRoutes } from './requests.routes';
import { registerStatsRoutes } from './stats.routes';

export async function registerMunicipalRoutes(app: App, services: AppServices) {
  await app.register(async (scoped) => {
    // Files cited in answers are uploaded as the raw body.
    scoped.addContentTypeParser(
      ['application/octet-stream', 'application/pdf', 'image/jpeg', 'image/png'],
      { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    registerRequestRoutes(scoped, services);
    registerStatsRoutes(scoped, services);
  });
}
