/**
 * Backup and restore on PGlite and (with TEST_DATABASE_URL) PostgreSQL, and across them: each suite
 * backs up its database and restores it into an empty database of every kind, then compares every row.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../app/db';
import { runCommand } from '../cli/commands';
import { buildDemoIfEmpty } from '../demo';
import { createDemoDatabase } from '../test/demo-database';
import { createTestDatabase, databaseKinds, describeOnEachDatabase } from '../test/harness';
import { buildNetwork } from '../test/factories';
import { addAwkwardRows, rewriteLines, rowCount, snapshot, type Snapshot } from './backup.test-support';
import { terminalProgress } from './backup.progress';
import { BackupError, createBackup, readHeader, restoreBackup } from './index';

describeOnEachDatabase(
  'backup and restore',
  (ctx) => {
    let dir: string;
    let file: string;
    let source: Snapshot;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kp-backup-'));
      await buildDemoIfEmpty(ctx.database.db);
      await addAwkwardRows(ctx.database.db);
      file = join(dir, 'full.kpbak');
      const summary = await createBackup(ctx.database, file);
      source = await snapshot(ctx.database);
      expect(summary.rows).toBe(rowCount(source));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** A target database that is closed (and on PostgreSQL dropped) whatever the test does. */
    async function withTarget(kind: Database['kind'], body: (target: Database) => Promise<void>) {
      const target = await createTestDatabase(kind);
      try {
        await body(target);
      } finally {
        await target.close();
      }
    }

    it('holds the whole demo region and the awkward rows', async () => {
      const header = await readHeader(file);
      expect(header.database).toBe(ctx.kind);
      expect(header.migrations.length).toBeGreaterThan(0);
      expect(header.tables.map((t) => t.name)).not.toContain('sessions');
      expect(source.sessions).toBe(1);
      for (const table of [
        'libraries',
        'library_passports',
        'monitoring_checks',
        'staff_users',
        'audit_log',
        'settings',
      ]) {
        expect(source.tables[table]?.length, table).toBeGreaterThan(0);
      }
      expect(rowCount(source)).toBeGreaterThan(200);
    });

    for (const kind of databaseKinds()) {
      it(`restores into an empty ${kind} database identically, row by row`, async () => {
        await withTarget(kind, async (target) => {
          const summary = await restoreBackup(target, file);
          const restored = await snapshot(target);
          expect(Object.keys(restored.tables)).toEqual(Object.keys(source.tables));
          for (const [table, rows] of Object.entries(source.tables))
            expect(restored.tables[table], table).toEqual(rows);
          expect(restored.sequences).toEqual(source.sequences); // audit_log's counter kept its gap
          expect(restored.sessions).toBe(0); // logins do not survive a restore
          expect(summary.rows).toBe(rowCount(source));
          // The restored database works: a new audit entry gets an id after the saved counter.
          const [next] = await target.query<{ id: string }>(
            `insert into audit_log (actor_login, action, object_type, object_id) values ('t', 't', 't', 't') returning id::text as id`,
          );
          const [seq = '0'] = source.sequences['audit_log_id_seq']?.split('/') ?? [];
          expect(BigInt(next?.id ?? 0)).toBeGreaterThan(BigInt(seq));
        });
      });
    }

    it('refuses a database that holds data unless forced, then replaces everything', async () => {
      await withTarget(ctx.kind, async (target) => {
        await buildNetwork(target.db, { name: 'Чужая ЦБС' });
        const before = await snapshot(target);
        await expect(restoreBackup(target, file)).rejects.toThrow(/already holds data.*--force/s);
        expect(await snapshot(target)).toEqual(before);
        await restoreBackup(target, file, { force: true });
        expect((await snapshot(target)).tables).toEqual(source.tables);
      });
    });

    it('leaves the database unchanged when the file is truncated, garbage or damaged', async () => {
      const good = readFileSync(file);
      const bad = (name: string, bytes: Buffer | string) => {
        const path = join(dir, name);
        writeFileSync(path, bytes);
        return path;
      };
      const badRow = (lines: string[]) => {
        const i = lines.findIndex((l) => l.startsWith('{"table":"libraries"'));
        lines[i + 2] = lines[i + 2]!.replace(/^\["[^"]+"/, '["not-a-uuid"');
        return lines;
      };
      const orphan = (lines: string[]) => {
        const i = lines.findIndex((l) => l.startsWith('{"table":"networks"'));
        lines[i + 1] = lines[i + 1]!.replace(/^(\["[^"]+",)"[^"]+"/, '$1"00000000-0000-4000-8000-000000000000"');
        return lines;
      };
      const extraRow = (lines: string[]) => {
        const i = lines.findIndex((l, j) => j > 1 && l.startsWith('{')); // the second table's marker
        return [...lines.slice(0, i), lines[i - 1]!, ...lines.slice(i)];
      };
      const cases: [string, string, RegExp][] = [
        ['truncated', bad('truncated.kpbak', good.subarray(0, Math.floor(good.length * 0.6))), /damaged|truncated/],
        [
          'cut after a row',
          bad(
            'cut.kpbak',
            rewriteLines(good, (l) => l.slice(0, l.length - 5)),
          ),
          /truncated/,
        ],
        [
          'garbage',
          bad('garbage.kpbak', Buffer.from('this is not a backup at all\n'.repeat(50))),
          /damaged or not a Kitepkana backup/,
        ],
        ['gzip of text', bad('text.kpbak', gzipSync('hello\nworld\n')), /header is not valid JSON/],
        ['bad value', bad('badvalue.kpbak', rewriteLines(good, badRow)), /could not restore table "libraries".*uuid/s],
        [
          'lost row',
          bad(
            'lost.kpbak',
            rewriteLines(good, (l) => l.filter((_, i) => i !== 3)),
          ),
          /fewer rows than the header/,
        ],
        [
          'lost marker',
          bad(
            'marker.kpbak',
            rewriteLines(good, (l) => l.filter((x) => !x.startsWith('{"table":"regions"'))),
          ),
          /damaged/,
        ],
        ['extra row', bad('extra.kpbak', rewriteLines(good, extraRow)), /start of table.*damaged/],
        ['empty', bad('empty.kpbak', Buffer.alloc(0)), /is empty/],
        [
          'a newer format',
          bad(
            'newer.kpbak',
            rewriteLines(good, (l) => [l[0]!.replace('"version":1,', '"version":2,'), ...l.slice(1)]),
          ),
          /format version 2, and this Kitepkana reads version 1/,
        ],
        [
          'broken reference',
          bad('fk.kpbak', rewriteLines(good, orphan)),
          /break foreign key networks_region_id_regions_id_fk/,
        ],
      ];
      await withTarget(ctx.kind, async (target) => {
        await restoreBackup(target, file); // a target with data: --force below would wipe it if not rolled back
        await buildNetwork(target.db, { name: 'Добавлено после восстановления — ң' });
        const before = await snapshot(target, { digest: true });
        for (const [name, path, message] of cases) {
          const attempt = restoreBackup(target, path, { force: true });
          await expect(attempt, name).rejects.toThrow(BackupError);
          await expect(attempt, name).rejects.toThrow(message);
          expect(await snapshot(target, { digest: true }), name).toEqual(before);
        }
      });
      // Ten failed restores of a whole demo-sized database each roll back a transaction.
    }, 300_000);

    it('refuses a backup whose migrations differ from the database', async () => {
      const newer = join(dir, 'newer.kpbak');
      writeFileSync(
        newer,
        rewriteLines(readFileSync(file), ([head, ...rest]) => {
          const header = JSON.parse(head!) as { migrations: object[] };
          header.migrations.push({ hash: 'f'.repeat(64), createdAt: 4102444800000, name: '21000101_future' });
          return [JSON.stringify(header), ...rest];
        }),
      );
      await withTarget(ctx.kind, async (target) => {
        await expect(restoreBackup(target, newer)).rejects.toThrow(/newer Kitepkana.*21000101_future.*upgrade/);
        await target.query(`insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, 4102444800000)`, [
          'e'.repeat(64),
        ]);
        await expect(restoreBackup(target, file)).rejects.toThrow(/older Kitepkana.*eeeeeeeeeeee/);
      });
    });

    it('includes tables added later: identity ids, self-references across batches, exotic types', async () => {
      const table = `create table public.kp_later_domain (
      id bigint generated always as identity primary key,
      parent_id bigint references public.kp_later_domain (id),
      label text not null,
      doc json, tags text[], price numeric(40, 20), ratio double precision, took interval, raw bytea, day date,
      search tsvector generated always as (to_tsvector('simple', label)) stored)`;
      // Row i points at row i + 1500: children come before their parents, several batches apart.
      const fill = `insert into public.kp_later_domain (id, parent_id, label, doc, tags, price, ratio, took, raw, day)
      overriding system value
      select i, case when i <= 1500 then i + 1500 end, 'ряд ' || i || ' ң',
             '{"b": 1,   "a": [null, "x"], "a": 2}'::json, array['ө', null, 'with "quote"', ''],
             12345678901234567890.12345678901234567890 / i, 1.0 / 3 * i, make_interval(days => i, secs => 0.000001 * i),
             decode(md5(i::text), 'hex'), date '2000-02-29' + i
        from generate_series(1, 3000) i`;
      await withTarget(ctx.kind, async (from) => {
        await withTarget(ctx.kind, async (to) => {
          for (const db of [from, to]) await db.query(table);
          await from.query(fill);
          await from.query(`select setval('public.kp_later_domain_id_seq', 5000)`);
          const path = join(dir, 'later.kpbak');
          await createBackup(from, path, { force: true, batchRows: 700 });
          await restoreBackup(to, path);
          const restored = await snapshot(to);
          expect(restored).toEqual(await snapshot(from));
          expect(restored.tables.kp_later_domain).toHaveLength(3000);
          const [row] = await to.query<{ doc: string; search: string }>(
            `select doc::text as doc, search::text as search from kp_later_domain where id = 7`,
          );
          expect(row).toEqual({ doc: '{"b": 1,   "a": [null, "x"], "a": 2}', search: "'7':2 'ряд':1 'ң':3" });
        });
      });
    });

    it('does not overwrite an existing file unless forced', async () => {
      const again = join(dir, 'again.kpbak');
      writeFileSync(again, 'keep me');
      await expect(createBackup(ctx.database, again)).rejects.toThrow(/already exists.*--force/);
      expect(readFileSync(again, 'utf8')).toBe('keep me');
      await createBackup(ctx.database, again, { force: true });
      expect((await readHeader(again)).tables.length).toBeGreaterThan(0);
      expect(existsSync(`${again}.partial-${process.pid}`)).toBe(false);
    });
  },
  {
    // On PGlite, a copy of the run's loaded demo (the browser tests share it) when there is one already;
    // buildDemoIfEmpty in beforeAll then finds it loaded.
    database: (kind) => (kind === 'pglite' ? createDemoDatabase() : createTestDatabase(kind)),
  },
);

describe('backup and restore commands', () => {
  /** Runs a command with its console output swallowed (the messages are checked by hand in the report). */
  const quiet = async (name: string, args: string[]) => {
    const spies = [
      vi.spyOn(console, 'log').mockImplementation(() => {}),
      vi.spyOn(console, 'error').mockImplementation(() => {}),
    ];
    try {
      return await runCommand(name, args);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  };

  it('exit 2 on wrong usage, 0 on --help, 1 on a refusal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-backup-cli-'));
    try {
      const existing = join(dir, 'existing.kpbak');
      writeFileSync(existing, 'x');
      expect(await quiet('backup', [])).toBe(2);
      expect(await quiet('restore', [])).toBe(2);
      expect(await quiet('backup', ['a', 'b'])).toBe(2);
      expect(await quiet('backup', ['--bogus', 'a'])).toBe(2);
      expect(await quiet('restore', ['--help'])).toBe(0);
      expect(await quiet('backup', [existing])).toBe(1); // refused before any database is opened
      expect(await quiet('restore', [join(dir, 'missing.kpbak')])).toBe(1);
      expect(await quiet('restore', [existing])).toBe(1); // not a backup: fails before migrating anything
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints one plain line per table when stderr is not a terminal', () => {
    let out = '';
    const stream = { isTTY: false, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream;
    const progress = terminalProgress('backup', stream);
    progress.begin([
      { name: 'regions', rows: 1 },
      { name: 'libraries', rows: 42 },
    ]);
    progress.tableDone('regions', 1);
    progress.tableDone('libraries', 42);
    progress.end(true);
    expect(out).toBe('backup: 2 tables, 43 rows\n  regions: 1 row\n  libraries: 42 rows\n');
  });
});
