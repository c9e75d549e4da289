/** A record as its page shows it: the record, the form's values, the call number, copies by library. */
import { eq } from 'drizzle-orm';
import type { Db } from '../app/db';
import { libraries, type ResolvedScope } from '../network';
import type { TRole } from '../staff/staff.schemas';
import { suggestCallNumber, authorMark } from './author-mark';
import { canEditCopiesIn, canEditRecords, COPY_EDITOR_ROLES, LABEL_PRINTER_ROLES } from './catalog.policy';
import { listItems, type Item } from './items.service';
import { extractRecordFields } from './record-fields';
import { recordToForm } from './record-writer';
import { publicRecord, type CatalogRecord } from './records.service';

/** Libraries where this person may add copies: their scope's, for the roles that handle copies. */
async function copyLibraryIds(db: Db, role: TRole, scope: ResolvedScope): Promise<string[]> {
  if (!COPY_EDITOR_ROLES.includes(role)) return [];
  if (!scope.isAll) return [...scope.libraryIds];
  return (await db.select({ id: libraries.id }).from(libraries).where(eq(libraries.isActive, true))).map((l) => l.id);
}

export async function recordDetail(db: Db, record: CatalogRecord, role: TRole, scope: ResolvedScope) {
  const groups = new Map<
    string,
    {
      libraryId: string;
      libraryName: string;
      networkName: string;
      total: number;
      available: number;
      /** Whether this person may print the library's catalogue card (with its inventory numbers). */
      canPrintCard: boolean;
      items: (Item & { canEdit: boolean })[];
    }
  >();
  const printsCards = LABEL_PRINTER_ROLES.includes(role);
  for (const row of await listItems(db, record.id)) {
    const { item } = row;
    const group = groups.get(item.libraryId) ?? {
      libraryId: item.libraryId,
      libraryName: row.libraryName,
      networkName: row.networkName,
      total: 0,
      available: 0,
      canPrintCard: printsCards && (scope.isAll || scope.libraryIds.has(item.libraryId)),
      items: [],
    };
    if (item.status !== 'written_off') group.total++;
    if (item.status === 'available') group.available++;
    group.items.push({ ...item, canEdit: canEditCopiesIn(role, scope, { id: item.libraryId, networkId: item.networkId }) });
    groups.set(item.libraryId, group);
  }
  return {
    ...publicRecord(record),
    form: recordToForm(extractRecordFields(record.marc, record.format)),
    authorMark: authorMark(record.firstAuthor, record.title),
    suggestedCallNumber: suggestCallNumber(record.bbk, record.firstAuthor, record.title),
    copies: [...groups.values()],
    permissions: { canEdit: canEditRecords(role), copyLibraryIds: await copyLibraryIds(db, role, scope) },
  };
}
