/** All routes of the network domain. */
import type { App, AppContext } from '../app/http';
import { registerLibraryRoutes } from './libraries.routes';
import { registerMonitoringRoutes } from './monitoring.routes';
import { registerMunicipalityRoutes } from './municipalities.routes';
import { registerOrganisationRoutes } from './organisation.routes';

export function registerNetworkRoutes(app: App, ctx: AppContext) {
  registerOrganisationRoutes(app, ctx);
  registerLibraryRoutes(app, ctx);
  registerMunicipalityRoutes(app, ctx);
  registerMonitoringRoutes(app, ctx);
}
