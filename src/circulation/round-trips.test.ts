/**
 * The loan desk's cost in database round trips: a checkout and a return at scanner speed are each one
 * statement that reads, decides and writes; the librarian's session, just used, is not read again. Counted at the
 * drivers (node-postgres' Client.query, PGlite.query), so BEGIN/COMMIT count too.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../test/harness';
import { buildCopy, buildDesk, buildReader, buildRecord } from './circulation.test-support';

const counted: string[] = [];
type Query = (...args: unknown[]) => unknown;
const originals = { pg: Reflect.get(pg.Client.prototype, 'query') as Query, pglite: Reflect.get(PGlite.prototype, 'query') as Query };

function startCounting() {
  counted.length = 0;
  const text = (q: unknown) => (typeof q === 'string' ? q : ((q as { text?: string })?.text ?? '?')).replace(/\s+/g, ' ').slice(0, 60);
  Reflect.set(pg.Client.prototype, 'query', function (this: pg.Client, ...args: unknown[]) {
    counted.push(text(args[0]));
    return originals.pg.apply(this, args);
  });
  Reflect.set(PGlite.prototype, 'query', function (this: PGlite, ...args: unknown[]) {
    counted.push(text(args[0]));
    return originals.pglite.apply(this, args);
  });
}

function stopCounting(): string[] {
  Reflect.set(pg.Client.prototype, 'query', originals.pg);
  Reflect.set(PGlite.prototype, 'query', originals.pglite);
  return [...counted];
}

afterEach(() => void stopCounting());

describeOnEachDatabase('round trips per desk action', (ctx) => {
  it('checkout and return: one statement each with a session in use', async () => {
    const db = ctx.database.db;
    const d = await buildDesk(db, ctx.app);
    const reader = await buildReader(db, d.branchA);
    const copy = await buildCopy(db, (await buildRecord(db)).id, d.branchA);
    // The desk opens the reader first: the session has just been read.
    expect((await d.deskA.get(`/api/v1/circulation/desk/reader?libraryId=${d.branchA.id}&readerId=${reader.id}`)).statusCode).toBe(200);

    startCounting();
    const out = await d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: reader.id, barcode: copy.barcode });
    const checkout = stopCounting();
    expect(out.statusCode).toBe(201);

    startCounting();
    const back = await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: copy.barcode });
    const checkin = stopCounting();
    expect(back.statusCode).toBe(200);

    console.log(`[${ctx.kind}] checkout: ${checkout.length} statements\n  ${checkout.join('\n  ')}`);
    console.log(`[${ctx.kind}] return: ${checkin.length} statements\n  ${checkin.join('\n  ')}`);
    expect(checkout).toHaveLength(1);
    expect(checkin).toHaveLength(1);
  });
});
