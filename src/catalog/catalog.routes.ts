/** All routes of the catalogue domain. */
import type { App, AppServices } from '../app/http';
import { registerCardRoutes } from './cards.routes';
import { registerCopyListRoutes } from './copies.routes';
import { registerCopyRoutes } from './copy/copy.routes';
import { registerExtremistRoutes } from './extremist/extremist.routes';
import { registerItemRoutes } from './items.routes';
import { registerLabelRoutes } from './labels.routes';
import { registerRecordRoutes } from './records.routes';
import { registerSearchRoutes } from './search.routes';

export function registerCatalogRoutes(app: App, ctx: AppServices) {
  registerSearchRoutes(app, ctx);
  registerRecordRoutes(app, ctx);
  registerItemRoutes(app, ctx);
  registerCopyListRoutes(app, ctx);
  registerLabelRoutes(app, ctx);
  registerCardRoutes(app, ctx);
  registerCopyRoutes(app, ctx);
  registerExtremistRoutes(app, ctx);
}
