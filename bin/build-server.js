// The server and command line compiled once into JavaScript, dist/server/kitepkana.js and its chunks, so that
// `kitepkana` starts without compiling TypeScript at run time (see docs/decisions/0005-built-cli.md).
// Packages stay outside the bundle; each command's code is a chunk loaded when it runs. Each source file's `import.meta.url` is rewritten to that file's own
// location, so the paths it resolves from there (migrations, fonts, CSS, dist/web) are unchanged.
// `node bin/build-server.js` builds; bin/kitepkana.js imports serverBuild() to check and rebuild.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, 'dist', 'server');
const ENTRY = join(ROOT, 'src', 'cli', 'main.ts');
export const SERVER_BUNDLE = join(OUT_DIR, 'kitepkana.js');
/** The source files that went into the bundle (from esbuild's metafile), relative to the project. */
const INPUTS = join(OUT_DIR, 'inputs.json');

/** True when the bundle exists and no source file it was built from has changed or gone since. */
export function isServerBuildFresh() {
  if (!existsSync(SERVER_BUNDLE) || !existsSync(INPUTS)) return false;
  const built = statSync(SERVER_BUNDLE).mtimeMs;
  try {
    const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
    return inputs.every((file) => statSync(join(ROOT, file)).mtimeMs <= built);
  } catch {
    return false;
  }
}

/** Rewrites `import.meta.url` in a source file to that file's URL, relative to the bundle's location. */
const sourceLocations = {
  name: 'source-locations',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromBundle = relative(OUT_DIR, args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/**
 * Builds dist/server/kitepkana.js (and its source map, for `node --enable-source-maps`). Each file is
 * written under a temporary name and renamed, so a process starting meanwhile never reads half a file.
 */
export async function buildServer() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [ENTRY],
    outdir: OUT_DIR,
    entryNames: 'kitepkana',
    // Chunks (one per command's code, loaded when it runs) sit beside the entry, so the rewritten
    // import.meta.url of every file is relative to the same folder.
    chunkNames: 'chunk-[hash]',
    splitting: true,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'error',
    plugins: [sourceLocations],
  });
  mkdirSync(OUT_DIR, { recursive: true });
  const inputs = Object.keys(result.metafile.inputs).map((file) => relative(ROOT, resolve(ROOT, file)).split('\\').join('/'));
  const files = [...result.outputFiles.map((file) => [file.path, file.contents]), [INPUTS, JSON.stringify(inputs)]];
  // The bundle last: its time is what freshness is measured against.
  files.sort(([a], [b]) => (a === SERVER_BUNDLE) - (b === SERVER_BUNDLE));
  for (const [path, contents] of files) {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  }
  // Chunks of earlier builds (their names carry a hash of their content).
  const written = new Set(files.map(([path]) => basename(path)));
  for (const name of readdirSync(OUT_DIR)) if (/^chunk-.*\.js(\.map)?$/.test(name) && !written.has(name)) rmSync(join(OUT_DIR, name), { force: true });
}

/** The bundle's URL, built first when missing or stale; null when it cannot be built (then tsx runs the sources). */
export async function serverBuild() {
  if (isServerBuildFresh()) return pathToFileURL(SERVER_BUNDLE).href;
  try {
    await buildServer();
    return pathToFileURL(SERVER_BUNDLE).href;
  } catch (error) {
    if (process.env.KITEPKANA_DEBUG) console.error('kitepkana: building dist/server failed, running the sources:', error);
    return null;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
  console.log(`Built ${relative(process.cwd(), SERVER_BUNDLE) || SERVER_BUNDLE} from ${dirname(relative(ROOT, ENTRY))}.`);
}
