/**
 * Every route of the catalogue, called by every role, inside and outside the role's scope, and
 * anonymously. What is allowed must succeed; everything else gets 401/403.
 */
import { expect, it } from 'vitest';
import { ROLES, type TRole } from '../staff/staff.schemas';
import { buildLibrary, buildMunicipality, buildNetwork, buildStaff, client, login, uniq, type Session } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { itChecksEveryRole, signInEveryRole, usualScope, type RouteCase } from '../test/role-matrix';
import { items } from './catalog.tables';

interface Fixture {
  networkA: string;
  branch1: string;
  branch2: string;
  otherLib: string;
  muni1: string;
  record: string;
  itemBranch1: string;
  itemBranch2: string;
  itemOther: string;
  /** Records to delete, one per call. */
  deletable: string[];
}

const ALL_STAFF = ['network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian', 'municipal_official'] as const;
const RECORD_EDITORS = ['network_admin', 'director', 'methodologist', 'cataloguer'] as const;
const COPY_EDITORS = ['cataloguer', 'acquisitions', 'librarian'] as const;
/** Copy editors whose scope is the whole network A (the librarian holds only branch 1). */
const NETWORK_COPY_EDITORS = ['cataloguer', 'acquisitions'] as const;

const recordForm = () => ({ title: uniq('Книга '), authors: ['Автор, А.'], year: 2020, isbns: ['978-5-389-07435-4'] });
const itemBody = (libraryId: string) => ({ libraryId, inventoryNumber: uniq('I'), barcode: uniq('B') });
const marcBody = () => ({
  marc: { leader: '00000nam  2200000   450 ', fields: [{ tag: '200', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: uniq('MARC ') }] }] },
});

const CASES: RouteCase<Fixture>[] = [
  { name: 'search', method: 'GET', url: () => '/api/v1/catalog/search?q=книга', allowed: ALL_STAFF },
  { name: 'export a search', method: 'GET', url: () => '/api/v1/catalog/search.xlsx?q=книга', allowed: ALL_STAFF },
  { name: 'read a record', method: 'GET', url: (f) => `/api/v1/catalog/records/${f.record}`, allowed: ALL_STAFF },
  { name: 'list copies', method: 'GET', url: (f) => `/api/v1/catalog/records/${f.record}/items`, allowed: ALL_STAFF },
  { name: 'list the collection (inventory book)', method: 'GET', url: (f) => `/api/v1/catalog/items?libraryId=${f.branch2}`, allowed: [...COPY_EDITORS, 'network_admin', 'director', 'methodologist'] },
  { name: 'export the collection', method: 'GET', url: () => '/api/v1/catalog/items.xlsx', allowed: [...COPY_EDITORS, 'network_admin', 'director', 'methodologist'] },
  { name: 'create a record', method: 'POST', url: () => '/api/v1/catalog/records', body: recordForm, allowed: RECORD_EDITORS },
  { name: 'edit a record', method: 'PUT', url: (f) => `/api/v1/catalog/records/${f.record}`, body: recordForm, allowed: RECORD_EDITORS },
  { name: 'edit raw MARC', method: 'PUT', url: (f) => `/api/v1/catalog/records/${f.deletable[0]}/marc`, body: marcBody, allowed: RECORD_EDITORS },
  { name: 'delete a record', method: 'DELETE', url: (f) => `/api/v1/catalog/records/${f.deletable.pop()}`, allowed: RECORD_EDITORS },
  { name: 'add a copy to own branch', method: 'POST', url: (f) => `/api/v1/catalog/records/${f.record}/items`, body: (f) => itemBody(f.branch1), allowed: COPY_EDITORS },
  { name: 'add a copy to another branch', method: 'POST', url: (f) => `/api/v1/catalog/records/${f.record}/items`, body: (f) => itemBody(f.branch2), allowed: NETWORK_COPY_EDITORS },
  { name: 'add a copy in another network', method: 'POST', url: (f) => `/api/v1/catalog/records/${f.record}/items`, body: (f) => itemBody(f.otherLib), allowed: [] },
  { name: 'edit a copy of own branch', method: 'PUT', url: (f) => `/api/v1/catalog/items/${f.itemBranch1}`, body: (f) => itemBody(f.branch1), allowed: COPY_EDITORS },
  { name: 'edit a copy of another branch', method: 'PUT', url: (f) => `/api/v1/catalog/items/${f.itemBranch2}`, body: (f) => itemBody(f.branch2), allowed: NETWORK_COPY_EDITORS },
  { name: 'edit a copy in another network', method: 'PUT', url: (f) => `/api/v1/catalog/items/${f.itemOther}`, body: (f) => itemBody(f.otherLib), allowed: [] },
  { name: 'move a copy out of scope', method: 'PUT', url: (f) => `/api/v1/catalog/items/${f.itemBranch1}`, body: (f) => itemBody(f.otherLib), allowed: [] },
  { name: 'change status of own branch copy', method: 'POST', url: (f) => `/api/v1/catalog/items/${f.itemBranch1}/status`, body: () => ({ status: 'in_repair' }), allowed: COPY_EDITORS },
  { name: 'change status of another branch copy', method: 'POST', url: (f) => `/api/v1/catalog/items/${f.itemBranch2}/status`, body: () => ({ status: 'in_repair' }), allowed: NETWORK_COPY_EDITORS },
  { name: 'change status in another network', method: 'POST', url: (f) => `/api/v1/catalog/items/${f.itemOther}/status`, body: () => ({ status: 'lost' }), allowed: [] },
  { name: 'catalogue card with own branch numbers', method: 'GET', url: (f) => `/api/v1/catalog/cards.pdf?recordIds=${f.record}&libraryId=${f.branch1}`, allowed: [...COPY_EDITORS, 'network_admin', 'director', 'methodologist'] },
  { name: 'catalogue card with another branch numbers', method: 'GET', url: (f) => `/api/v1/catalog/cards.pdf?recordIds=${f.record}&libraryId=${f.branch2}`, allowed: [...NETWORK_COPY_EDITORS, 'network_admin', 'director', 'methodologist'] },
  { name: 'catalogue card with another network numbers', method: 'GET', url: (f) => `/api/v1/catalog/cards.pdf?recordIds=${f.record}&libraryId=${f.otherLib}`, allowed: [] },
];

describeOnEachDatabase('catalogue authorization: role × scope × route', (ctx) => {
  const f = { deletable: [] as string[] } as Fixture;
  const sessions = new Map<TRole, Session>();

  it('sets up two networks, records, copies and one account per role', async () => {
    const db = ctx.database.db;
    const a = await buildNetwork(db);
    const b = await buildNetwork(db);
    f.networkA = a.id;
    f.branch1 = (await buildLibrary(db, a.id, { number: 1 })).id;
    f.branch2 = (await buildLibrary(db, a.id, { number: 2 })).id;
    f.otherLib = (await buildLibrary(db, b.id)).id;
    f.muni1 = (await buildMunicipality(db, a.id, [f.branch1])).id;
    const admin = await buildStaff(db, 'cataloguer', 'installation', null);
    const http = client(ctx.app, await login(ctx.app, admin.login));
    const newRecord = async () => ((await http.post('/api/v1/catalog/records', recordForm())).json() as { id: string }).id;
    f.record = await newRecord();
    for (let i = 0; i < ROLES.length + 1; i++) f.deletable.push(await newRecord());
    const copy = async (libraryId: string, networkId: string) => {
      const [row] = await db.insert(items).values({ recordId: f.record, libraryId, networkId, inventoryNumber: uniq('I'), barcode: uniq('B'), currency: 'KGS' }).returning();
      return row!.id;
    };
    f.itemBranch1 = await copy(f.branch1, a.id);
    f.itemBranch2 = await copy(f.branch2, a.id);
    f.itemOther = await copy(f.otherLib, b.id);
    await signInEveryRole(ctx, (role) => usualScope(role, { networkId: f.networkA, libraryId: f.branch1, municipalityId: f.muni1 }), sessions);
  });

  itChecksEveryRole(ctx, CASES, f, sessions);

  it("the collection list shows a person the copies of the networks they read, never another network's", async () => {
    const listed = async (role: TRole, query = '') =>
      ((await client(ctx.app, sessions.get(role)).get(`/api/v1/catalog/items${query}`)).json() as { items: { id: string }[] }).items.map((i) => i.id);
    for (const role of ['librarian', 'director'] as const) {
      expect(await listed(role)).toEqual(expect.arrayContaining([f.itemBranch1, f.itemBranch2]));
      expect(await listed(role)).not.toContain(f.itemOther);
      expect(await listed(role, `?libraryId=${f.otherLib}`)).toEqual([]);
    }
  });

  it('a record page tells each role what it may do', async () => {
    const detail = async (role: TRole) =>
      ((await client(ctx.app, sessions.get(role)).get(`/api/v1/catalog/records/${f.record}`)).json() as {
        permissions: { canEdit: boolean; copyLibraryIds: string[] };
        copies: { libraryId: string; canPrintCard: boolean; items: { canEdit: boolean }[] }[];
      });
    expect((await detail('municipal_official')).permissions).toEqual({ canEdit: false, copyLibraryIds: [] });
    const librarian = await detail('librarian');
    expect(librarian.permissions).toEqual({ canEdit: false, copyLibraryIds: [f.branch1] });
    const editable = Object.fromEntries(librarian.copies.map((g) => [g.libraryId, g.items.every((i) => i.canEdit)]));
    expect(editable).toMatchObject({ [f.branch1]: true, [f.branch2]: false, [f.otherLib]: false });
    expect((await detail('cataloguer')).permissions.canEdit).toBe(true);
    expect((await detail('cataloguer')).permissions.copyLibraryIds.sort()).toEqual([f.branch1, f.branch2].sort());
    // Catalogue cards with a library's inventory numbers: for the libraries of one's scope.
    const cards = async (role: TRole) => Object.fromEntries((await detail(role)).copies.map((g) => [g.libraryId, g.canPrintCard]));
    expect(await cards('librarian')).toEqual({ [f.branch1]: true, [f.branch2]: false, [f.otherLib]: false });
    expect(await cards('director')).toEqual({ [f.branch1]: true, [f.branch2]: true, [f.otherLib]: false });
    expect(await cards('municipal_official')).toEqual({ [f.branch1]: false, [f.branch2]: false, [f.otherLib]: false });
  });
});
