/**
 * `kitepkana import marc` and `kitepkana demo` on a real database: the exit code, the summary line,
 * the --json line and the progress lines. The command's database is the test's (openCommandDatabase
 * is replaced: the test database must stay open after the command closes "its" database).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import type { Database } from '../../app/db';
import { runCommand } from '../../cli/commands';
import type * as CliDatabase from '../../cli/database';
import { describeOnEachDatabase } from '../../test/harness';
import { controlField, dataField, emptyLeader, writeIso2709, type MarcRecord } from '../marc';

const current = vi.hoisted(() => ({ database: undefined as Database | undefined }));
vi.mock('../../cli/database', async (importOriginal) => ({
  ...(await importOriginal<typeof CliDatabase>()),
  openCommandDatabase: async () => ({ ...current.database!, close: async () => {} }),
}));

const dir = mkdtempSync(join(tmpdir(), 'kp-import-cli-'));

/** An ISO 2709 file (UTF-8) of `n` RUSMARC records with titles unique to this run. */
function isoFile(name: string, n: number): string {
  const run = Math.random().toString(36).slice(2, 10);
  const records: MarcRecord[] = Array.from({ length: n }, (_, i) => ({
    leader: emptyLeader('rusmarc'),
    fields: [controlField('001', `cli-${run}-${i}`), dataField('200', '1', ' ', [['a', `Книга ${run} номер ${i}`]])],
  }));
  const path = join(dir, name);
  writeFileSync(path, writeIso2709(records));
  return path;
}

/** Runs a command, keeping what it printed on stdout (console.log), stderr (console.error) and the progress. */
async function run(name: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(...String(text).split('\n')));
  vi.spyOn(console, 'error').mockImplementation((text: string) => void err.push(...String(text).split('\n')));
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (text: string | Uint8Array) => (progress.push(String(text)), true),
  );
  const code = await runCommand(name, args);
  vi.restoreAllMocks();
  return { code, out, err, progress, json: () => JSON.parse(out.at(-1)!) as Record<string, unknown> };
}

describeOnEachDatabase('kitepkana import marc and demo', (ctx) => {
  afterEach(() => vi.restoreAllMocks());

  it('loads the demo into an empty database without --reset, and refuses a database that holds data', async () => {
    current.database = ctx.database;
    const first = await run('demo');
    expect(first.code).toBe(0);
    expect(first.out.join('\n')).toContain('Demo region loaded.');
    expect(
      Number((await ctx.database.query<{ n: number }>('select count(*)::int as n from networks'))[0]!.n),
    ).toBeGreaterThan(0);
    const again = await run('demo');
    expect(again.code).toBe(2);
    expect(again.err.join('\n')).toContain('--reset');
  });

  it('names the ISO 2709 encoding it was given in the summary and the --json line, with copies, format and schema', async () => {
    current.database = ctx.database;
    const r = await run('import', 'marc', isoFile('given.iso', 3), '--encoding', 'utf-8', '--json');
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('Read 3 records (rusmarc, utf-8): 3 created, 0 matched, 0 rejected.');
    expect(r.json()).toEqual({
      read: 3,
      created: 3,
      matched: 0,
      rejected: 0,
      errors: [],
      copies: { created: 0, existing: 0 },
      format: 'iso2709',
      schema: 'rusmarc',
      encoding: 'utf-8',
    });
  });

  it('ends its progress with the final counts', async () => {
    current.database = ctx.database;
    const r = await run('import', 'marc', isoFile('many.iso', 250));
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^Read 250 records \(rusmarc, utf-8\): 250 created/);
    const lines = r.progress.filter((line) => line.startsWith('import: '));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toBe('import: 100% — 250 read, 250 new, 0 matched, 0 rejected\n');
  });

  it('fails (exit 1) when every record is rejected, the --json summary still last', async () => {
    current.database = ctx.database;
    const file = join(dir, 'no-titles.xml');
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">` +
        `<record><leader>00000nam  2200000   4500</leader><controlfield tag="001">nt-1</controlfield></record>` +
        `<record><leader>00000nam  2200000   4500</leader><controlfield tag="001">nt-2</controlfield></record></collection>\n`,
    );
    const r = await run('import', 'marc', file, '--json');
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('every record was rejected');
    expect(r.json()).toMatchObject({ read: 2, created: 0, matched: 0, rejected: 2, format: 'marcxml', encoding: null });
    expect((r.json().errors as unknown[]).length).toBe(2);
  });

  it('fails (exit 1) on XML without MARC records', async () => {
    current.database = ctx.database;
    const file = join(dir, 'page.html');
    writeFileSync(file, '<html><body>not MARC</body></html>\n');
    const r = await run('import', 'marc', file);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('no MARC records found');
  });

  it('prints a JSON line with an "error" last when the import fails', async () => {
    current.database = ctx.database;
    const r = await run('import', 'marc', isoFile('lib.iso', 1), '--library', 'NO-SUCH-LIBRARY', '--json');
    expect(r.code).toBe(1);
    expect(r.json()).toMatchObject({ read: 0, created: 0, error: 'no library with code NO-SUCH-LIBRARY' });
  });
});
