/** Builds the staff web app with Vite (used by `npm start` on a fresh clone). */
export async function buildWebApp(): Promise<void> {
  console.log('Building the staff app (first start only)…');
  const { build } = await import('vite');
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
