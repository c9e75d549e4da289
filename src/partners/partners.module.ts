/** All routes of the partners domain. */
import type { App, AppServices } from '../app/http';
import { registerContributionRoutes } from './contributions.routes';
import { registerGrantRoutes } from './grants.routes';
import { registerPartnerRoutes } from './partners.routes';

export function registerPartnersRoutes(app: App, services: AppServices) {
  registerPartnerRoutes(app, services);
  registerContributionRoutes(app, services);
  registerGrantRoutes(app, services);
}
