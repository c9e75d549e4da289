/** All routes of the seminars domain. */
import type { App, AppServices } from '../app/http';
import { registerSeminarRoutes } from './seminars.routes';
import { registerTaskRoutes } from './tasks.routes';

export function registerSeminarsRoutes(app: App, services: AppServices) {
  registerSeminarRoutes(app, services);
  registerTaskRoutes(app, services);
}
