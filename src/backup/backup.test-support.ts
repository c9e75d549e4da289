/**
 * Test helpers for backup.test.ts: awkward rows that stress the round trip, and a dump of every table
 * for row-by-row comparison. The dump reads pg_catalog and prints rows with PostgreSQL's record output
 * (`t::text`), a different path from the backup's row_to_json, so it does not share the code it checks.
 */
import { sql } from 'drizzle-orm';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Database, Db } from '../app/db';
import { SYSTEM_ACTOR, writeAudit } from '../audit';
import { settings } from '../app/settings.tables';
import { buildLibrary, buildNetwork, buildStaff, uniq } from '../test/factories';

/** Unicode, JSON oddities, nulls, extreme timestamps, a session, and a sequence ahead of max(id). */
export async function addAwkwardRows(db: Db): Promise<void> {
  const kyrgyz = 'Ала-Тоо: ң ө ү Ң Ө Ү, ёлка, «кавычки» "quotes" \\ back\\slash\nnew line\ttab 📚 ‮rtl';
  const network = await buildNetwork(db, { name: uniq(`ЦБС ${kyrgyz} `), country: 'RU' });
  await buildLibrary(db, network.id, { name: kyrgyz, number: null, isActive: false, settlement: '' });
  await buildLibrary(db, network.id, { number: 2147483647, createdAt: new Date('1900-01-01T00:00:00Z') });
  await db.insert(settings).values([
    {
      key: uniq('edge.json.'),
      value: {
        big: 2 ** 53 + 2, // the largest-magnitude kind JS can hold; exact long digits are in the SQL insert below
        tiny: 1e-7,
        text: kyrgyz,
        empty: {},
        list: [null, true, false, 0, -1.5, '', []],
        nested: { a: { b: { c: [1, { d: 'ү' }] } } },
      },
    },
    { key: uniq('edge.scalar.'), value: 'just a JSON string' },
  ]);
  await db.execute(sql`insert into settings (key, value, updated_at) values
    (${uniq('edge.digits.')}, '{"n": 123456789012345678901234567890.123456789012345678901234567890, "e": 1e400}'::jsonb,
     '2024-02-29 23:59:59.999999+06'),
    (${uniq('edge.infinity.')}, '[]'::jsonb, 'infinity'),
    (${uniq('edge.null.')}, 'null'::jsonb, '-infinity'),
    (${uniq('edge.old.')}, '{}'::jsonb, '0044-03-15 12:00:00+00 BC')`);
  for (let i = 0; i < 3; i++) {
    await writeAudit(db, SYSTEM_ACTOR, {
      action: 'test.edge',
      objectType: 'x',
      objectId: uniq(),
      before: { i },
      after: null,
    });
  }
  // Deleting the newest entry leaves the sequence ahead of max(id): a restore must keep that gap.
  await db.execute(sql`delete from audit_log where id = (select max(id) from audit_log)`);
  const staff = await buildStaff(db, 'network_admin', 'installation', null);
  await db.execute(sql`insert into sessions (token_hash, user_id, csrf_token, expires_at)
    values (${uniq('token-')}, ${staff.id}, 'csrf', now() + interval '1 day')`);
}

export interface Snapshot {
  tables: Record<string, string[]>;
  sequences: Record<string, string>;
  sessions: number;
}

/**
 * Every row of every table of `public` (except sessions, counted apart), ordered by primary key. With
 * `digest`, each table is one line instead: its row count and the md5 of its rows in that order, computed
 * by the database (enough to tell that nothing changed, and far cheaper to take many times).
 */
export async function snapshot(database: Database, { digest = false } = {}): Promise<Snapshot> {
  return database.db.transaction(async (tx) => {
    const rows = async <T>(text: string) => {
      const result: unknown = await tx.execute(sql.raw(text));
      return (result as { rows: T[] }).rows;
    };
    await rows(`set local timezone = 'UTC'`);
    await rows(`set local datestyle = 'ISO, YMD'`);
    await rows(`set local extra_float_digits = 3`);
    const tables = await rows<{ name: string }>(
      `select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'sessions' order by 1`,
    );
    // Key columns of every table in key order, in one pg_catalog query (a query of information_schema
    // per table cost seconds per snapshot); text keys compared bytewise so both servers sort alike.
    const keys = new Map<string, { col: string; text: boolean }[]>();
    for (const k of await rows<{ table: string; col: string; text: boolean }>(
      `select c.relname as "table", a.attname as col,
              format_type(coalesce(nullif(ty.typbasetype, 0), a.atttypid), null) in ('text', 'character varying') as text
         from pg_constraint pk
         join pg_class c on c.oid = pk.conrelid
         join pg_namespace n on n.oid = c.relnamespace
         cross join lateral unnest(pk.conkey) with ordinality as k(attnum, position)
         join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
         join pg_type ty on ty.oid = a.atttypid
        where pk.contype = 'p' and n.nspname = 'public'
        order by c.relname, k.position`,
    )) {
      keys.set(k.table, [...(keys.get(k.table) ?? []), { col: k.col, text: k.text }]);
    }
    const result: Snapshot = { tables: {}, sequences: {}, sessions: 0 };
    for (const { name } of tables) {
      const key = keys.get(name) ?? [];
      const order = key.map((k) => `t."${k.col}"${k.text ? ' collate "C"' : ''}`).join(', ') || 't::text collate "C"';
      const select = digest
        ? `select count(*) || ':' || coalesce(md5(string_agg(t::text, E'\\n' order by ${order})), '') as r from public."${name}" t`
        : `select t::text as r from public."${name}" t order by ${order}`;
      result.tables[name] = (await rows<{ r: string }>(select)).map((r) => r.r);
    }
    const seqs = await rows<{ name: string }>(
      `select sequence_name as name from information_schema.sequences where sequence_schema = 'public'`,
    );
    for (const { name } of seqs) {
      const [s] = await rows<{ v: string }>(
        `select last_value::text || '/' || is_called::text as v from public."${name}"`,
      );
      result.sequences[name] = s?.v ?? '';
    }
    const [n] = await rows<{ n: number }>(`select count(*)::int as n from sessions`);
    result.sessions = n?.n ?? -1;
    return result;
  });
}

export const rowCount = (s: Snapshot) => Object.values(s.tables).reduce((n, rows) => n + rows.length, 0);

/** Rewrites the (small, test-sized) backup's lines: for crafting damaged and mismatched files. */
export function rewriteLines(file: Buffer, change: (lines: string[]) => string[]): Buffer {
  const lines = gunzipSync(file).toString('utf8').split('\n');
  return gzipSync(Buffer.from(change(lines).join('\n'), 'utf8'));
}
