/** All routes of the readers domain. */
import type { App, AppContext } from '../app/http';
import { registerAccountRoutes } from './account/account.routes';
import { registerCategoryRoutes } from './categories.routes';
import { registerReaderPrintRoutes } from './reader-print.routes';
import { registerReaderRecordRoutes } from './reader-records.routes';
import { registerReaderRoutes } from './readers.routes';

export function registerReadersDomainRoutes(app: App, ctx: AppContext) {
  registerCategoryRoutes(app, ctx);
  registerReaderRoutes(app, ctx);
  registerReaderRecordRoutes(app, ctx);
  registerReaderPrintRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
}
