/**
 * Copy cataloguing: SRU servers configured by the network admin, searched by the cataloguer, and a
 * found record imported into the union catalogue after a check against the records already in it.
 */
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { writeAudit, type AuditActor } from '../../audit';
import type { ResolvedScope } from '../../network';
import { CatalogError } from '../catalog.errors';
import { findMatch } from '../import/match';
import type { MarcFormat, MarcRecord } from '../marc/record';
import { columnsFromMarc, insertRecord } from '../records.service';
import type { TCopySearch, TSruServerInput } from './copy.schemas';
import { buildCql, searchSru, SruClientError } from './sru-client';
import { sruServers } from './sru-servers.tables';

export type SruServer = typeof sruServers.$inferSelect;

/** The server of a search gave no usable answer; `failure` says why, for the librarian. */
export class SruUnreachable extends Error {
  constructor(public readonly failure: SruClientError) {
    super(failure.message);
  }
}

/** Servers offered to a person: the installation's own and those of the networks they work in. */
export async function listSruServers(db: Db, scope: ResolvedScope, options: { activeOnly?: boolean } = {}) {
  const visible = scope.isAll
    ? undefined
    : or(isNull(sruServers.networkId), scope.readNetworkIds.size ? inArray(sruServers.networkId, [...scope.readNetworkIds]) : undefined);
  return db
    .select()
    .from(sruServers)
    .where(and(visible, options.activeOnly ? eq(sruServers.isActive, true) : undefined))
    .orderBy(asc(sruServers.name));
}

export async function findSruServer(db: Db, id: string): Promise<SruServer | null> {
  return (await db.select().from(sruServers).where(eq(sruServers.id, id)))[0] ?? null;
}

export async function createSruServer(db: Db, actor: AuditActor, input: TSruServerInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(sruServers).values(input).returning();
    await writeAudit(tx, actor, { action: 'sru_server.create', objectType: 'sru_server', objectId: row!.id, networkId: row!.networkId, summary: row!.name, after: row });
    return row!;
  });
}

export async function updateSruServer(db: Db, actor: AuditActor, before: SruServer, input: TSruServerInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(sruServers).set({ ...input, updatedAt: new Date() }).where(eq(sruServers.id, before.id)).returning();
    await writeAudit(tx, actor, { action: 'sru_server.update', objectType: 'sru_server', objectId: before.id, networkId: row!.networkId, summary: row!.name, before, after: row });
    return row!;
  });
}

export async function deleteSruServer(db: Db, actor: AuditActor, before: SruServer) {
  await db.transaction(async (tx) => {
    await tx.delete(sruServers).where(eq(sruServers.id, before.id));
    await writeAudit(tx, actor, { action: 'sru_server.delete', objectType: 'sru_server', objectId: before.id, networkId: before.networkId, summary: before.name, before });
  });
}

/** The format records of this server are catalogued in. */
export const formatOfServer = (server: Pick<SruServer, 'recordSchema'>): MarcFormat => (server.recordSchema === 'rusmarc' ? 'rusmarc' : 'marc21');

/** Searches the server and describes each record found as the catalogue would, with its match here. */
export async function searchSruServer(db: Db, server: SruServer, q: TCopySearch) {
  const query = buildCql(q);
  let result;
  try {
    result = await searchSru(server, query, q.start, q.max);
  } catch (error) {
    if (error instanceof SruClientError) throw new SruUnreachable(error);
    throw error;
  }
  const format = formatOfServer(server);
  const hits = [];
  for (const { position, marc } of result.records) {
    const c = columnsFromMarc(marc, format);
    hits.push({
      position,
      format,
      marc,
      title: c.title,
      authors: c.authors,
      publisher: c.publisher,
      place: c.place,
      year: c.year,
      isbns: c.isbns,
      description: c.description,
      controlNumber: c.controlNumber,
      matchId: await findMatch(db, c, 'isbn'),
    });
  }
  return { query, total: result.total, start: q.start, hits, diagnostics: result.diagnostics, unreadable: result.unreadable };
}

/**
 * Imports a record found on the server: refused (409) while a matching record is already in the
 * catalogue, unless the cataloguer insists; audited as a copy from that server.
 */
export async function importFromSru(db: Db, actor: AuditActor, server: SruServer, marc: MarcRecord, allowDuplicate: boolean) {
  const format = formatOfServer(server);
  return db.transaction(async (tx) => {
    const columns = columnsFromMarc(marc, format);
    const match = await findMatch(tx, columns, 'isbn');
    if (match && !allowDuplicate) throw new CatalogError(409, 'copy_duplicate', 'catalog.copy_duplicate', 'marc');
    const record = await insertRecord(tx, actor, marc, format);
    await writeAudit(tx, actor, {
      action: 'bib_record.copy_catalogue',
      objectType: 'bib_record',
      objectId: record.id,
      summary: `${record.title} ← ${server.name}`,
      after: { serverId: server.id, server: server.name, baseUrl: server.baseUrl, database: server.database, matchedRecordId: match },
    });
    return record;
  });
}
