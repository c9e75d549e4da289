/** The public portal: server-rendered pages that need no JavaScript. */
import type { App, AppContext } from '../app/http';

export async function registerPortal(app: App, _ctx: AppContext) {
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send('<!doctype html><title>Kitepkana</title>'));
}
