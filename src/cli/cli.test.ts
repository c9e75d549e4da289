/**
 * The command line with wrong input, none of it reaching a database: files that are not what they are
 * taken for, output paths that must not be replaced, unknown options, a closed stdout, a data folder
 * that is a file. Every refusal is a plain sentence and exit 1 (2 for wrong usage).
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCommand } from './commands';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kp-cli-'));
// The first bytes are all the checks read: a record length, a leader, and no more.
const ISO = Buffer.from('00100nam  2200037   450 001000600000\x1e12345\x1e\x1d', 'latin1');
const XML = '\ufeff\n  <?xml version="1.0"?><collection xmlns="http://www.loc.gov/MARC21/slim"></collection>\n';

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Runs a command in this process; what it printed (stdout and stderr together) is in `said`. */
async function run(name: string, ...args: string[]) {
  const said: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => void said.push(String(text)));
  vi.spyOn(console, 'error').mockImplementation((text: string) => void said.push(String(text)));
  const code = await runCommand(name, args);
  vi.restoreAllMocks();
  return { code, said: said.join('\n') };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('MARC files that are not what they are taken for', () => {
  it('import refuses ISO 2709 given as MARCXML and MARCXML given as ISO 2709, naming what the file looks like', async () => {
    const iso = file('records.iso', ISO);
    const xml = file('records.xml', XML);
    const asXml = await run('import', 'marc', iso, '--format', 'marcxml');
    expect(asXml).toMatchObject({ code: 1 });
    expect(asXml.said).toContain(`${iso} looks like ISO 2709, not MARCXML`);
    const asIso = await run('import', 'marc', xml, '--format', 'iso2709');
    expect(asIso).toMatchObject({ code: 1 });
    expect(asIso.said).toContain(`${xml} looks like MARCXML, not ISO 2709`);
  });

  it('import refuses a file that is neither, an empty file and a folder', async () => {
    const text = await run('import', 'marc', file('notes.txt', 'Дорогой читатель,\nэто не MARC.\n'));
    expect(text).toMatchObject({ code: 1 });
    expect(text.said).toMatch(/is neither ISO 2709 .* nor MARCXML/);
    const pdf = file('act.pdf', '%PDF-1.3\n7 0 obj\n\x1d\x1e stream');
    const asPdf = await run('import', 'marc', pdf);
    expect(asPdf).toMatchObject({ code: 1 });
    expect(asPdf.said).toContain(`${pdf} is a PDF file, not MARC records`);
    const empty = await run('import', 'marc', file('empty.mrc', ''));
    expect(empty).toMatchObject({ code: 1 });
    expect(empty.said).toContain('empty.mrc is empty');
    const folder = await run('import', 'marc', dir);
    expect(folder).toMatchObject({ code: 1 });
    expect(folder.said).toContain(`${dir} is a folder, not a file`);
  });

  it('with --json, a refused file still ends stdout with a JSON line that has an "error"', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((text: string) => void lines.push(String(text)));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await runCommand('import', ['marc', file('empty.json.mrc', ''), '--json'])).toBe(1);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({
      read: 0,
      created: 0,
      matched: 0,
      rejected: 0,
      errors: [],
      error: expect.stringContaining('is empty'),
    });
  });

  it('convert refuses MARCXML, text, an empty file and a folder', async () => {
    const out = join(dir, 'converted.xml');
    const xml = await run('convert', 'marc', file('in.xml', XML), '--out', out);
    expect(xml).toMatchObject({ code: 1 });
    expect(xml.said).toContain('looks like MARCXML, not ISO 2709');
    const text = await run('convert', 'marc', file('in.txt', 'hello\n'), '--out', out);
    expect(text).toMatchObject({ code: 1 });
    expect(text.said).toContain('does not look like ISO 2709');
    const empty = await run('convert', 'marc', file('in.mrc', ''), '--out', out);
    expect(empty).toMatchObject({ code: 1 });
    expect(empty.said).toContain('is empty');
    const folder = await run('convert', 'marc', dir, '--out', out);
    expect(folder).toMatchObject({ code: 1 });
    expect(folder.said).toContain('is a folder');
    expect(existsSync(out)).toBe(false);
  });
});

describe('output paths', () => {
  it('--force replaces only a regular file: a symbolic link, a FIFO and a folder stay as they are', async () => {
    const target = file('target.mrc', 'keep me');
    const link = join(dir, 'link.mrc');
    symlinkSync(target, link);
    const fifo = join(dir, 'pipe.mrc');
    execFileSync('mkfifo', [fifo]);
    const folder = join(dir, 'folder.mrc');
    mkdirSync(folder);
    for (const [path, kind] of [
      [link, 'a symbolic link'],
      [fifo, 'a FIFO'],
      [folder, 'a folder'],
    ] as const) {
      for (const command of ['export', 'convert'] as const) {
        const args =
          command === 'export'
            ? ['marc', '--out', path, '--force']
            : ['marc', file('in.iso', ISO), '--out', path, '--force'];
        const r = await run(command, ...args);
        expect(r.code).toBe(1);
        expect(r.said).toContain(`${path} is ${kind}`);
        expect(r.said).toContain('refusing to replace it');
      }
    }
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(folder).isDirectory()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    const backup = await run('backup', folder, '--force');
    expect(backup.code).toBe(1);
    expect(backup.said).toContain('is a folder');
  });

  it('--out - is refused with a message, not written as a file named "-"', async () => {
    const r = await run('export', 'marc', '--out', '-');
    expect(r.code).toBe(1);
    expect(r.said).toContain('writing to standard output ("-") is not supported');
  });

  it.skipIf(!existsSync('/proc/self'))(
    'a folder that takes no new files is said so, without the system error code',
    async () => {
      const r = await run('export', 'marc', '--out', '/proc/kitepkana-nope.mrc');
      expect(r.code).toBe(1);
      expect(r.said).toContain('cannot create /proc/kitepkana-nope.mrc');
      expect(r.said).not.toMatch(/ENOENT|partial/);
    },
  );
});

describe('paths that are not what a command needs', () => {
  it('restore of a folder says it is a folder', async () => {
    const r = await run('restore', dir);
    expect(r.code).toBe(1);
    expect(r.said).toContain(`${dir} is a folder, not a file`);
  });

  it('a KITEPKANA_DATA that is a file is said to be no folder', async () => {
    const data = file('data-is-a-file', 'x');
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('KITEPKANA_DATA', data);
    await expect(runCommand('migrate', [])).rejects.toThrow(
      `the data folder ${data} (KITEPKANA_DATA) is not a folder: it is a file`,
    );
    vi.stubEnv('KITEPKANA_DATA', join(data, 'below'));
    const r = await run('restore', file('not-a-backup', 'x'));
    expect(r.code).toBe(1);
    expect(r.said).toContain(`${data} is a file`);
    expect(r.said).not.toContain('EEXIST');
  });
});

describe('the command line itself', () => {
  it('an unknown option is named, with the usage, exit 2', async () => {
    for (const [command, args] of [
      ['export', ['marc', '--x']],
      ['import', ['marc', 'f.mrc', '--x']],
      ['migrate', ['--x']],
      ['backup', ['--x', 'f']],
    ] as const) {
      const r = await run(command, ...args);
      expect(r.code).toBe(2);
      expect(r.said).toContain('unknown option --x');
      expect(r.said).toContain(`kitepkana ${command}`);
      expect(r.said).toContain('Usage:');
      expect(r.said).not.toContain('positional argument');
    }
    const missing = await run('export', 'marc', '--out');
    expect(missing).toMatchObject({ code: 2, said: expect.stringContaining('option --out needs a value') });
  });

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await run('--version')).toEqual({ code: 0, said: version });
  });

  it('the demo command says in its help that --reset is needed only for a database that holds data', async () => {
    const r = await run('demo', '--help');
    expect(r.code).toBe(0);
    expect(r.said).toContain('kitepkana demo [--reset]');
    expect(r.said).toContain('empty database');
  });

  it('ends quietly, exit 0, when stdout is closed early (`kitepkana help | head -1`)', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/kitepkana.js'), 'help'], {
      cwd: dir,
      env: { ...process.env, KITEPKANA_RUN_SOURCES: '1', KITEPKANA_DATA: join(dir, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader goes away before the first line is written: every write meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
