/**
 * OAI-PMH sets: one per library, named by the library's code (letters, digits, - and _, all legal in a
 * setSpec). A record is in a library's set while that library holds a copy of it, written-off copies
 * included, so a deleted record stays visible as deleted to a harvester of that library's set.
 */
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { libraries, networks } from '../../network';
import { bibRecords as R, items } from '../catalog.tables';
import { OaiError } from './oai-args';
import type { XmlWriter } from './xml';

// Written out in full: inside a select list Drizzle prints a column without its table, which the subqueries would misread.
const RECORD_ID = sql.raw('"bib_records"."id"');

const SET_SPEC = /^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/;

export async function listSets(w: XmlWriter, db: Db) {
  // Named with the village where another library has the same name, and with the network: a region
  // holds several networks, each with its "Филиал № 3".
  const rows = await db
    .select({ code: libraries.code, name: sql<string>`${networks.name} || ' — ' || kp_library_label(${libraries.name}, ${libraries.settlement})` })
    .from(libraries)
    .innerJoin(networks, eq(networks.id, libraries.networkId))
    .orderBy(asc(libraries.code));
  if (rows.length === 0) throw new OaiError('noSetHierarchy', 'This repository has no libraries yet, so no sets');
  w.start('ListSets');
  for (const row of rows) w.start('set').leaf('setSpec', row.code).leaf('setName', row.name).end();
  w.end();
}

/** The condition "in this set"; an unknown set matches nothing, a malformed one is a bad argument. */
export async function setCondition(db: Db, set: string): Promise<SQL> {
  if (!SET_SPEC.test(set)) throw new OaiError('badArgument', `Illegal set: ${set}`);
  const [library] = await db.select({ id: libraries.id }).from(libraries).where(eq(libraries.code, set));
  if (!library) throw new OaiError('noRecordsMatch', `No such set: ${set}`);
  return sql`exists (select 1 from ${items} where ${items.recordId} = ${RECORD_ID} and ${items.libraryId} = ${library.id})`;
}

/** The setSpecs of a record, for its header: the codes of the libraries holding a copy. */
export const setSpecsColumn = sql<string[]>`array(select distinct l.code from ${items} i join ${libraries} l on l.id = i.library_id where i.record_id = ${RECORD_ID} order by 1)`;

export async function setSpecsOf(db: Db, recordId: string): Promise<string[]> {
  const [row] = await db.select({ sets: setSpecsColumn }).from(R).where(eq(R.id, recordId));
  return row?.sets ?? [];
}
