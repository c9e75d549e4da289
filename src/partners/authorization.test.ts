/**
 * Every route of the partners domain, called by every role inside and outside its scope and
 * anonymously. Names and contacts: network staff; anything financial: admin, director, methodologist.
 */
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../test/harness';
import { buildLibrary, buildMunicipality, buildNetwork, client, uniq, type Session } from '../test/factories';
import type { TRole } from '../staff/staff.schemas';
import { itChecksEveryRole, signInEveryRole, usualScope, type RouteCase } from '../test/role-matrix';
import { contributions, grants, partnerAgreements, partners } from './partners.tables';

interface Fixture {
  networkA: string;
  networkB: string;
  branch1: string;
  branch2: string;
  otherLib: string;
  muni1: string;
  partnerA: string;
  partnerB: string;
  agreementA: string;
  agreementB: string;
  contributionBranch2: string;
  contributionB: string;
  grantA: string;
  grantB: string;
}

const FINANCE = ['network_admin', 'director', 'methodologist'] as const;
const NETWORK_STAFF = ['network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian'] as const;

const partnerBody = () => ({ kind: 'ngo', name: uniq('НКО ') });
const contributionBody = (f: Fixture, libraryId = f.branch2) => ({
  libraryId,
  partnerId: f.partnerA,
  kind: 'money',
  value: 1000,
  currency: 'KGS',
  receivedOn: '2025-05-01',
  purpose: 'Подписка',
});
const grantBody = (f: Fixture) => ({ title: uniq('Грант '), status: 'planned', currency: 'KGS', partnerId: f.partnerA, libraryId: f.branch2 });
const agreementBody = () => ({ title: 'Договор', signedOn: '2025-01-01' });

const CASES: RouteCase<Fixture>[] = [
  { name: 'list partners', method: 'GET', url: () => '/api/v1/partners', allowed: NETWORK_STAFF },
  { name: 'export partners', method: 'GET', url: () => '/api/v1/partners.xlsx', allowed: NETWORK_STAFF },
  { name: 'read own network partner', method: 'GET', url: (f) => `/api/v1/partners/${f.partnerA}`, allowed: NETWORK_STAFF },
  { name: 'read other network partner', method: 'GET', url: (f) => `/api/v1/partners/${f.partnerB}`, allowed: [] },
  { name: 'create partner', method: 'POST', url: (f) => `/api/v1/networks/${f.networkA}/partners`, body: partnerBody, allowed: FINANCE },
  { name: 'create partner in other network', method: 'POST', url: (f) => `/api/v1/networks/${f.networkB}/partners`, body: partnerBody, allowed: [] },
  { name: 'edit partner', method: 'PUT', url: (f) => `/api/v1/partners/${f.partnerA}`, body: () => ({ kind: 'ngo', name: 'Конгресс женщин' }), allowed: FINANCE },
  { name: 'edit other network partner', method: 'PUT', url: (f) => `/api/v1/partners/${f.partnerB}`, body: partnerBody, allowed: [] },
  { name: 'list agreements', method: 'GET', url: (f) => `/api/v1/partners/${f.partnerA}/agreements`, allowed: FINANCE },
  { name: 'list other network agreements', method: 'GET', url: (f) => `/api/v1/partners/${f.partnerB}/agreements`, allowed: [] },
  { name: 'create agreement', method: 'POST', url: (f) => `/api/v1/partners/${f.partnerA}/agreements`, body: agreementBody, allowed: FINANCE },
  { name: 'edit agreement', method: 'PUT', url: (f) => `/api/v1/agreements/${f.agreementA}`, body: agreementBody, allowed: FINANCE },
  { name: 'edit other network agreement', method: 'PUT', url: (f) => `/api/v1/agreements/${f.agreementB}`, body: agreementBody, allowed: [] },
  { name: 'list contributions', method: 'GET', url: () => '/api/v1/contributions', allowed: FINANCE },
  { name: 'export contributions', method: 'GET', url: () => '/api/v1/contributions.xlsx', allowed: FINANCE },
  { name: 'sums of contributions', method: 'GET', url: () => '/api/v1/contributions/sums?groupBy=year', allowed: FINANCE },
  { name: 'record contribution', method: 'POST', url: () => '/api/v1/contributions', body: (f) => contributionBody(f), allowed: FINANCE },
  { name: 'record contribution in other network', method: 'POST', url: () => '/api/v1/contributions', body: (f) => contributionBody(f, f.otherLib), allowed: [] },
  { name: 'edit contribution', method: 'PUT', url: (f) => `/api/v1/contributions/${f.contributionBranch2}`, body: (f) => contributionBody(f), allowed: FINANCE },
  { name: 'edit other network contribution', method: 'PUT', url: (f) => `/api/v1/contributions/${f.contributionB}`, body: (f) => contributionBody(f), allowed: [] },
  { name: 'delete other network contribution', method: 'DELETE', url: (f) => `/api/v1/contributions/${f.contributionB}`, allowed: [] },
  { name: 'list grants', method: 'GET', url: () => '/api/v1/grants', allowed: FINANCE },
  { name: 'export grants', method: 'GET', url: () => '/api/v1/grants.xlsx', allowed: FINANCE },
  { name: 'record grant', method: 'POST', url: (f) => `/api/v1/networks/${f.networkA}/grants`, body: grantBody, allowed: FINANCE },
  { name: 'record grant in other network', method: 'POST', url: (f) => `/api/v1/networks/${f.networkB}/grants`, body: () => ({ title: 'X', status: 'planned', currency: 'KGS' }), allowed: [] },
  { name: 'edit grant', method: 'PUT', url: (f) => `/api/v1/grants/${f.grantA}`, body: grantBody, allowed: FINANCE },
  { name: 'edit other network grant', method: 'PUT', url: (f) => `/api/v1/grants/${f.grantB}`, body: () => ({ title: 'X', status: 'planned', currency: 'KGS' }), allowed: [] },
];

describeOnEachDatabase('partners authorization: role × scope × route', (ctx) => {
  const f = {} as Fixture;
  const sessions = new Map<TRole, Session>();

  it('sets up two networks with partners, agreements, contributions and grants', async () => {
    const db = ctx.database.db;
    const a = await buildNetwork(db);
    const b = await buildNetwork(db);
    Object.assign(f, { networkA: a.id, networkB: b.id });
    f.branch1 = (await buildLibrary(db, a.id, { number: 1 })).id;
    f.branch2 = (await buildLibrary(db, a.id, { number: 2 })).id;
    f.otherLib = (await buildLibrary(db, b.id)).id;
    f.muni1 = (await buildMunicipality(db, a.id, [f.branch1])).id;
    const [pa] = await db.insert(partners).values({ networkId: a.id, kind: 'municipal', name: uniq('АО ') }).returning();
    const [pb] = await db.insert(partners).values({ networkId: b.id, kind: 'school', name: uniq('Школа ') }).returning();
    f.partnerA = pa!.id;
    f.partnerB = pb!.id;
    const agreement = (partnerId: string) => ({ partnerId, title: 'Договор', signedOn: '2024-01-01' });
    f.agreementA = (await db.insert(partnerAgreements).values(agreement(pa!.id)).returning())[0]!.id;
    f.agreementB = (await db.insert(partnerAgreements).values(agreement(pb!.id)).returning())[0]!.id;
    const row = (networkId: string, libraryId: string, partnerId: string) => ({
      networkId, libraryId, partnerId, kind: 'books' as const, value: 10, currency: 'KGS' as const, receivedOn: '2025-01-01', purpose: 'Книги',
    });
    f.contributionBranch2 = (await db.insert(contributions).values(row(a.id, f.branch2, pa!.id)).returning())[0]!.id;
    f.contributionB = (await db.insert(contributions).values(row(b.id, f.otherLib, pb!.id)).returning())[0]!.id;
    f.grantA = (await db.insert(grants).values({ networkId: a.id, title: 'A', status: 'submitted', currency: 'KGS' }).returning())[0]!.id;
    f.grantB = (await db.insert(grants).values({ networkId: b.id, title: 'B', status: 'submitted', currency: 'KGS' }).returning())[0]!.id;
    await signInEveryRole(ctx, (role) => usualScope(role, { networkId: f.networkA, libraryId: f.branch1, municipalityId: f.muni1 }), sessions);
  });

  itChecksEveryRole(ctx, CASES, f, sessions);

  it('lists show only what is in scope', async () => {
    const director = client(ctx.app, sessions.get('director'));
    const seen = (await director.get('/api/v1/contributions?pageSize=500')).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(seen).toContain(f.contributionBranch2);
    expect(seen).not.toContain(f.contributionB);
    const partnersSeen = (await client(ctx.app, sessions.get('librarian')).get('/api/v1/partners?pageSize=500')).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(partnersSeen).toContain(f.partnerA);
    expect(partnersSeen).not.toContain(f.partnerB);
    const grantsSeen = (await director.get('/api/v1/grants?pageSize=500')).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(grantsSeen).toEqual(expect.arrayContaining([f.grantA]));
    expect(grantsSeen).not.toContain(f.grantB);
  });

  it('the delete of a contribution in scope works for a methodologist', async () => {
    const res = await client(ctx.app, sessions.get('methodologist')).delete(`/api/v1/contributions/${f.contributionBranch2}`);
    expect(res.statusCode).toBe(204);
  });
});
