/**
 * Every route of circulation, called by every role, at its own branch's desk, at another branch's
 * desk and in another network, and anonymously. Allowed calls may still be refused for the data
 * (409, 404), never for the person; everything else gets 401/403.
 */
import { it } from 'vitest';
import { servicePoints } from '../network';
import type { TRole } from '../staff/staff.schemas';
import { buildLibrary, buildMunicipality, buildNetwork, uniq, type Session } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { itChecksEveryRole, signInEveryRole, usualScope, type RouteCase } from '../test/role-matrix';
import { buildCopy, buildReader, buildRecord } from './circulation.test-support';
import { depositCollections, holds, loanRules } from './circulation.tables';

interface Fixture {
  networkA: string;
  networkB: string;
  branch1: string;
  branch2: string;
  otherLib: string;
  muni1: string;
  reader: string;
  readerOther: string;
  card: string;
  record: string;
  barcode: string;
  holdBranch1: string;
  holdBranch2: string;
  rule: string;
  collection1: string;
  collection2: string;
  point1: string;
}

const DESK = ['network_admin', 'director', 'librarian'] as const;
const NETWORK_DESK = ['network_admin', 'director'] as const;
const RULE_READERS = ['network_admin', 'director', 'methodologist', 'librarian'] as const;
const RULE_EDITORS = ['network_admin', 'director'] as const;

const ruleBody = (f: Fixture) => ({ networkId: f.networkA, itemType: uniq('t'), loanDays: 7, maxItems: 3, maxRenewals: 1, holdsAllowed: true });

const CASES: RouteCase<Fixture>[] = [
  { name: 'reader panel at own desk', method: 'GET', url: (f) => `/api/v1/circulation/desk/reader?libraryId=${f.branch1}&card=${f.card}`, allowed: DESK },
  { name: 'reader panel at another branch', method: 'GET', url: (f) => `/api/v1/circulation/desk/reader?libraryId=${f.branch2}&card=${f.card}`, allowed: NETWORK_DESK },
  { name: 'reader panel in another network', method: 'GET', url: (f) => `/api/v1/circulation/desk/reader?libraryId=${f.otherLib}&card=${f.card}`, allowed: [] },
  { name: 'checkout at own desk', method: 'POST', url: () => '/api/v1/circulation/checkout', body: (f) => ({ libraryId: f.branch1, readerId: f.reader, barcode: f.barcode }), allowed: DESK },
  { name: 'checkout at another branch desk', method: 'POST', url: () => '/api/v1/circulation/checkout', body: (f) => ({ libraryId: f.branch2, readerId: f.reader, barcode: f.barcode }), allowed: NETWORK_DESK },
  { name: 'checkout in another network', method: 'POST', url: () => '/api/v1/circulation/checkout', body: (f) => ({ libraryId: f.otherLib, readerId: f.readerOther, barcode: f.barcode }), allowed: [] },
  { name: 'return at own desk', method: 'POST', url: () => '/api/v1/circulation/return', body: (f) => ({ libraryId: f.branch1, barcode: f.barcode }), allowed: DESK },
  { name: 'return at another branch desk', method: 'POST', url: () => '/api/v1/circulation/return', body: (f) => ({ libraryId: f.branch2, barcode: f.barcode }), allowed: NETWORK_DESK },
  { name: 'renew at own desk', method: 'POST', url: () => '/api/v1/circulation/renew', body: (f) => ({ libraryId: f.branch1, barcode: f.barcode }), allowed: DESK },
  { name: 'renew in another network', method: 'POST', url: () => '/api/v1/circulation/renew', body: (f) => ({ libraryId: f.otherLib, barcode: f.barcode }), allowed: [] },
  { name: 'in-library use at own desk', method: 'POST', url: () => '/api/v1/circulation/in-library-use', body: (f) => ({ libraryId: f.branch1, readerId: f.reader, barcode: f.barcode }), allowed: DESK },
  { name: 'in-library use at another branch', method: 'POST', url: () => '/api/v1/circulation/in-library-use', body: (f) => ({ libraryId: f.branch2, readerId: f.reader, barcode: f.barcode }), allowed: NETWORK_DESK },
  { name: 'undo', method: 'POST', url: () => '/api/v1/circulation/undo', body: () => ({ actionId: 999999999 }), allowed: DESK },
  { name: 'visits of own library', method: 'GET', url: (f) => `/api/v1/circulation/visits?libraryId=${f.branch1}`, allowed: DESK },
  { name: 'count visits at own library', method: 'POST', url: () => '/api/v1/circulation/visits', body: (f) => ({ libraryId: f.branch1, add: 1 }), allowed: DESK },
  { name: 'count visits at another branch', method: 'POST', url: () => '/api/v1/circulation/visits', body: (f) => ({ libraryId: f.branch2, add: 1 }), allowed: NETWORK_DESK },
  { name: 'place a hold for own branch', method: 'POST', url: () => '/api/v1/circulation/holds', body: (f) => ({ readerId: f.reader, recordId: f.record, pickupLibraryId: f.branch1 }), allowed: DESK },
  { name: 'place a hold in another network', method: 'POST', url: () => '/api/v1/circulation/holds', body: (f) => ({ readerId: f.reader, recordId: f.record, pickupLibraryId: f.otherLib }), allowed: [] },
  { name: 'hold lists of own branch', method: 'GET', url: (f) => `/api/v1/circulation/holds?libraryId=${f.branch1}&kind=ready`, allowed: DESK },
  { name: 'hold lists of another branch', method: 'GET', url: (f) => `/api/v1/circulation/holds?libraryId=${f.branch2}&kind=to_pull`, allowed: NETWORK_DESK },
  { name: 'cancel a hold at own branch', method: 'POST', url: (f) => `/api/v1/circulation/holds/${f.holdBranch1}/cancel`, allowed: DESK },
  { name: 'cancel a hold at another branch', method: 'POST', url: (f) => `/api/v1/circulation/holds/${f.holdBranch2}/cancel`, allowed: NETWORK_DESK },
  { name: 'read loan rules', method: 'GET', url: (f) => `/api/v1/circulation/rules?networkId=${f.networkA}`, allowed: RULE_READERS },
  { name: 'read loan rules of another network', method: 'GET', url: (f) => `/api/v1/circulation/rules?networkId=${f.networkB}`, allowed: [] },
  { name: 'add a loan rule', method: 'POST', url: () => '/api/v1/circulation/rules', body: ruleBody, allowed: RULE_EDITORS },
  { name: 'add a loan rule to another network', method: 'POST', url: () => '/api/v1/circulation/rules', body: (f) => ({ ...ruleBody(f), networkId: f.networkB }), allowed: [] },
  { name: 'change a loan rule', method: 'PUT', url: (f) => `/api/v1/circulation/rules/${f.rule}`, body: (f) => ({ ...ruleBody(f), itemType: 'audio' }), allowed: RULE_EDITORS },
  { name: 'delete a loan rule', method: 'DELETE', url: () => `/api/v1/circulation/rules/${crypto.randomUUID()}`, allowed: RULE_EDITORS },
  { name: 'read settings', method: 'GET', url: (f) => `/api/v1/circulation/settings?networkId=${f.networkA}`, allowed: RULE_READERS },
  { name: 'change settings', method: 'PUT', url: (f) => `/api/v1/circulation/settings?networkId=${f.networkA}`, body: () => ({ holdShelfDays: 5, blockAfterDays: null }), allowed: RULE_EDITORS },
  { name: 'overdue list of own library', method: 'GET', url: (f) => `/api/v1/circulation/overdue?libraryId=${f.branch1}`, allowed: DESK },
  { name: 'overdue list of another branch', method: 'GET', url: (f) => `/api/v1/circulation/overdue?libraryId=${f.branch2}`, allowed: NETWORK_DESK },
  { name: 'overdue export', method: 'GET', url: (f) => `/api/v1/circulation/overdue.xlsx?libraryId=${f.branch1}`, allowed: DESK },
  { name: 'overdue letters', method: 'GET', url: (f) => `/api/v1/circulation/overdue/letters.pdf?libraryId=${f.branch1}`, allowed: DESK },
  { name: 'overdue notices', method: 'POST', url: () => '/api/v1/circulation/overdue/notices', body: (f) => ({ libraryId: f.branch1 }), allowed: DESK },
  { name: 'deposit collections of own library', method: 'GET', url: (f) => `/api/v1/circulation/deposits?libraryId=${f.branch1}`, allowed: DESK },
  { name: 'new deposit collection', method: 'POST', url: (f) => `/api/v1/circulation/deposits?libraryId=${f.branch1}`, body: (f) => ({ servicePointId: f.point1, name: 'x', startsOn: '2026-06-01', endsOn: '2026-06-02', barcodes: ['nope'] }), allowed: DESK },
  { name: 'copies of a collection at own library', method: 'GET', url: (f) => `/api/v1/circulation/deposits/${f.collection1}/items`, allowed: DESK },
  { name: 'copies of a collection at another branch', method: 'GET', url: (f) => `/api/v1/circulation/deposits/${f.collection2}/items`, allowed: NETWORK_DESK },
  { name: 'enter loans at a point', method: 'PUT', url: (f) => `/api/v1/circulation/deposits/${f.collection1}/loans`, body: () => ({ items: [], days: [] }), allowed: DESK },
  { name: 'return a collection of another branch', method: 'POST', url: (f) => `/api/v1/circulation/deposits/${f.collection2}/return`, allowed: NETWORK_DESK },
];

describeOnEachDatabase('circulation authorization: role × scope × route', (ctx) => {
  const f = {} as Fixture;
  const sessions = new Map<TRole, Session>();

  it('sets up two networks, readers, copies, holds, collections and one account per role', async () => {
    const db = ctx.database.db;
    const a = await buildNetwork(db);
    const b = await buildNetwork(db);
    f.networkA = a.id;
    f.networkB = b.id;
    const branch1 = await buildLibrary(db, a.id, { number: 1 });
    const branch2 = await buildLibrary(db, a.id, { number: 2 });
    const other = await buildLibrary(db, b.id);
    f.branch1 = branch1.id;
    f.branch2 = branch2.id;
    f.otherLib = other.id;
    f.muni1 = (await buildMunicipality(db, a.id, [f.branch1])).id;
    const reader = await buildReader(db, branch1);
    f.reader = reader.id;
    f.card = reader.cardNumber;
    f.readerOther = (await buildReader(db, other)).id;
    const record = await buildRecord(db);
    f.record = record.id;
    f.barcode = (await buildCopy(db, record.id, branch1)).barcode;
    const hold = async (pickupLibraryId: string) =>
      (await db.insert(holds).values({ networkId: a.id, recordId: record.id, readerId: (await buildReader(db, branch1)).id, pickupLibraryId }).returning())[0]!.id;
    f.holdBranch1 = await hold(f.branch1);
    f.holdBranch2 = await hold(f.branch2);
    f.rule = (await db.insert(loanRules).values({ networkId: a.id, itemType: 'map', loanDays: 7, maxItems: 2, maxRenewals: 0, holdsAllowed: true }).returning())[0]!.id;
    const point = async (libraryId: string) => (await db.insert(servicePoints).values({ libraryId, kind: 'deposit_school', name: uniq('Школа ') }).returning())[0]!.id;
    f.point1 = await point(f.branch1);
    const collection = async (libraryId: string) =>
      (await db.insert(depositCollections).values({ networkId: a.id, libraryId, servicePointId: await point(libraryId), name: 'x', startsOn: '2026-06-01', endsOn: '2026-08-01' }).returning())[0]!.id;
    f.collection1 = await collection(f.branch1);
    f.collection2 = await collection(f.branch2);
    await signInEveryRole(ctx, (role) => usualScope(role, { networkId: f.networkA, libraryId: f.branch1, municipalityId: f.muni1 }), sessions);
  });

  itChecksEveryRole(ctx, CASES, f, sessions, { dataMayRefuse: true });
});
