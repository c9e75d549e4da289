/** Test pieces of circulation: a network with two branches, a librarian at each, records and copies. */
import { sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import type { App } from '../app/http';
import { bibRecords, items, type TAgeLabel } from '../catalog';
import { birthDateYearsAgo, buildReader } from '../readers/readers.factories';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq } from '../test/factories';

export { birthDateYearsAgo, buildReader };

export async function buildRecord(db: Db, overrides: { ageLabel?: TAgeLabel | null; materialType?: 'book' | 'periodical'; title?: string } = {}) {
  const title = overrides.title ?? uniq('Книга ');
  const [record] = await db
    .insert(bibRecords)
    .values({
      format: 'rusmarc',
      marc: { leader: '00000nam  2200000   450 ', fields: [] },
      title,
      ageLabel: overrides.ageLabel ?? null,
      materialType: overrides.materialType ?? 'book',
    })
    .returning();
  return record!;
}

export async function buildCopy(db: Db, recordId: string, lib: { id: string; networkId: string }, status: 'available' | 'in_repair' = 'available') {
  const [item] = await db
    .insert(items)
    .values({ recordId, libraryId: lib.id, networkId: lib.networkId, inventoryNumber: uniq('I'), barcode: uniq('B'), currency: 'KGS', status })
    .returning();
  return item!;
}

export async function itemStatus(db: Db, itemId: string): Promise<string> {
  const [row] = await db.select({ status: items.status }).from(items).where(sql`${items.id} = ${itemId}`);
  return row!.status;
}

/** A network with two branches, a librarian at each, and a signed-in client for each. */
export async function buildDesk(db: Db, app: App) {
  const network = await buildNetwork(db);
  const branchA = await buildLibrary(db, network.id, { number: 1 });
  const branchB = await buildLibrary(db, network.id, { number: 2 });
  const librarianA = await buildStaff(db, 'librarian', 'library', branchA.id, { language: 'en' });
  const librarianB = await buildStaff(db, 'librarian', 'library', branchB.id, { language: 'en' });
  const director = await buildStaff(db, 'director', 'network', network.id, { language: 'en' });
  return {
    network,
    branchA,
    branchB,
    librarianA,
    deskA: client(app, await login(app, librarianA.login)),
    deskB: client(app, await login(app, librarianB.login)),
    director: client(app, await login(app, director.login)),
  };
}

export type Desk = Awaited<ReturnType<typeof buildDesk>>;
