/** All API routes of the events domain. */
import type { App, AppServices } from '../app/http';
import { registerEventExtraRoutes } from './event-extras.routes';
import { registerEventSetupRoutes } from './event-setup.routes';
import { registerEventRoutes } from './events.routes';

export function registerAllEventRoutes(app: App, services: AppServices) {
  registerEventRoutes(app, services);
  registerEventExtraRoutes(app, services);
  registerEventSetupRoutes(app, services);
}
