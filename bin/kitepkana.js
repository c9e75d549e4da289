#!/usr/bin/env node
// Launcher: runs the compiled CLI in dist/server, (re)built from src/ with esbuild when missing or older
// than its sources (about a second); when it cannot be built, runs the TypeScript sources through tsx.
import { serverBuild } from './build-server.js';

const built = process.env.KITEPKANA_RUN_SOURCES ? null : await serverBuild();
if (built) {
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
