/** All routes of circulation, and its daily work (expired holds, automatic blocks). */
import type { App, AppServices } from '../app/http';
import { registerDeskRoutes } from './desk.routes';
import { registerDepositRoutes } from './deposits.routes';
import { registerHoldRoutes } from './holds.routes';
import { registerOverdueRoutes } from './overdue.routes';
import { registerRuleRoutes } from './rules.routes';
import { registerCirculationJobs } from './circulation.jobs';

export function registerCirculationRoutes(app: App, ctx: AppServices) {
  registerDeskRoutes(app, ctx);
  registerHoldRoutes(app, ctx);
  registerRuleRoutes(app, ctx);
  registerOverdueRoutes(app, ctx);
  registerDepositRoutes(app, ctx);
  registerCirculationJobs(app, ctx);
}
