/** Everything the act of a check says, read from the check, its list and its matches. */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { libraries, networks } from '../../network';
import { items } from '../catalog.tables';
import type { ActData, ActCopy } from './extremist-act';
import { findExtremistList, listCheckMatches, type ExtremistCheck } from './extremist.service';

/** The copies a match acted on, as its confirmation recorded them, by library and inventory number. */
async function copiesOf(db: Db, itemIds: readonly string[]): Promise<ActCopy[]> {
  if (!itemIds.length) return [];
  return db
    .select({ inventoryNumber: items.inventoryNumber, libraryName: sql<string>`kp_library_label(${libraries.name}, ${libraries.settlement})` })
    .from(items)
    .innerJoin(libraries, eq(libraries.id, items.libraryId))
    .where(inArray(items.id, [...itemIds]))
    .orderBy(libraries.name, items.inventoryNumber);
}

/** The network's country decides which list the act names; an open check's act is a draft. */
export async function extremistActData(db: Db, check: ExtremistCheck & { networkName: string; matchesFound: number; matchesPending: number }): Promise<ActData> {
  const [network] = await db.select({ country: networks.country }).from(networks).where(eq(networks.id, check.networkId));
  const list = await findExtremistList(db, check.listId);
  const matches = await listCheckMatches(db, check);
  const confirmed: ActData['confirmed'] = [];
  for (const m of matches.filter((x) => x.decision === 'confirmed').sort((a, b) => a.entryNumber - b.entryNumber)) {
    confirmed.push({
      entryNumber: m.entryNumber,
      description: m.recordDescription || m.recordTitle,
      copies: m.copiesAffected ?? m.copies,
      action: m.action === 'withdraw' ? 'withdraw' : 'flag',
      acted: await copiesOf(db, m.itemIds),
    });
  }
  const dismissed = matches.filter((m) => m.decision === 'dismissed');
  return {
    isDraft: check.status !== 'closed',
    checkedOn: check.checkedOn,
    networkName: check.networkName,
    country: network?.country ?? 'RU',
    commission: check.commission,
    listEdition: list?.publishedOn ?? null,
    listUploadedOn: list ? list.createdAt.toISOString().slice(0, 10) : null,
    listEntries: check.entriesChecked,
    recordsChecked: check.recordsChecked,
    matchesFound: check.matchesFound,
    dismissed: dismissed.length,
    dismissedBefore: dismissed.filter((m) => m.carried).length,
    pending: check.matchesPending,
    confirmed,
  };
}
