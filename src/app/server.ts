/** Starting the server: configuration, database, migrations, demo on first run, HTTP. */
import { decideSearchIndex, loadSearchIndex } from '../catalog/search-index/registry';
import { buildDemoIfEmpty, DEMO_ACCOUNTS } from '../demo';
import type { AppConfig } from './config';
import { migrateDatabase, openDatabase } from './db';
import { buildApp } from './http';

export async function startServer(config: AppConfig) {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  const app = await buildApp({ database, config });
  const demoLoaded = config.demo && (await buildDemoIfEmpty(database.db));
  if (demoLoaded) app.log.info('Demo network loaded.');
  await app.listen({ port: config.port, host: config.host });
  // The planner's statistics give the "about N" of broad catalogue searches and choose the plans. PGlite
  // has no autovacuum to gather them: they are gathered at each start there (about a second for the demo).
  if (database.kind === 'pglite' && !demoLoaded) {
    await database.query('analyze').catch((error: unknown) => app.log.warn({ err: error }, 'analyze failed'));
  }
  // The catalogue's search index in memory, when turned on (or, by default, for a big catalogue), loads
  // in the background (searches are answered by the database's statements meanwhile).
  if (await decideSearchIndex(database.db)) {
    const started = Date.now();
    void loadSearchIndex(database.db).then((loaded) =>
      app.log.info(
        loaded ? `Search index loaded in ${Math.round((Date.now() - started) / 1000)} s.` : 'Search index not loaded.',
      ),
    );
  }
  const where = database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL';
  const base = `http://localhost:${config.port}`;
  const lines = [
    `Kitepkana is running on ${where}.`,
    `  Public portal: ${base}/`,
    `  Staff app:     ${base}/staff`,
    `  API docs:      ${base}/api/docs`,
  ];
  if (config.demo) {
    lines.push('  Demo logins (password for all: demo12345):');
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.login.padEnd(14)} ${a.description}`);
  }
  console.log(lines.join('\n'));
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return { app, database };
}
