/**
 * Every route of the readers domain, called by every role, inside and outside the role's scope, and
 * anonymously. Personal data goes only to the roles that serve readers; everything else gets 401/403.
 */
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../test/harness';
import {
  buildLibrary,
  buildMunicipality,
  buildNetwork,
  client,
  uniq,
  type Session,
} from '../test/factories';
import { ROLES, type TRole } from '../staff/staff.schemas';
import type { Library } from '../network';
import { itChecksEveryRole, signInEveryRole, usualScope, type RouteCase } from '../test/role-matrix';
import { findCategoryByCode } from './categories.service';
import { buildReader } from './readers.factories';

interface Fixture {
  networkA: string;
  networkB: string;
  branch1: string;
  branch2: string;
  otherLib: string;
  readerA: string;
  cardA: string;
  readerB: string;
  cardB: string;
  categoryA: string;
  categoryB: string;
  /** Fresh readers for the calls that change a reader for good (erasure, merging): one per call. */
  erasable: string[];
  pairs: [string, string][];
}

const SERVING = ['network_admin', 'director', 'librarian'] as const;
const HEADS = ['network_admin', 'director'] as const;
const MANAGERS = ['network_admin', 'director', 'methodologist'] as const;
const NETWORK_STAFF = [
  'network_admin',
  'director',
  'methodologist',
  'cataloguer',
  'acquisitions',
  'librarian',
] as const;

let year = 2030;
const person = (f: Fixture) => ({
  surname: uniq('Асанов '),
  firstName: 'Нурлан',
  birthDate: '1980-02-03',
  categoryId: f.categoryA,
});
const registration = (libraryId: string) => (f: Fixture) => ({ ...person(f), libraryId, consentGiven: true });

const CASES: RouteCase<Fixture>[] = [
  { name: 'list readers', method: 'GET', url: () => '/api/v1/readers', allowed: SERVING },
  { name: 'export readers xlsx', method: 'GET', url: () => '/api/v1/readers.xlsx', allowed: SERVING },
  { name: 'export readers csv', method: 'GET', url: () => '/api/v1/readers.csv', allowed: SERVING },
  {
    name: 'register at own branch',
    method: 'POST',
    url: () => '/api/v1/readers',
    body: (f) => registration(f.branch1)(f),
    allowed: SERVING,
  },
  {
    name: 'register at another branch',
    method: 'POST',
    url: () => '/api/v1/readers',
    body: (f) => registration(f.branch2)(f),
    allowed: HEADS,
  },
  {
    name: 'register in other network',
    method: 'POST',
    url: () => '/api/v1/readers',
    body: (f) => ({ ...registration(f.otherLib)(f), categoryId: f.categoryB }),
    allowed: [],
  },
  { name: 'read reader of own network', method: 'GET', url: (f) => `/api/v1/readers/${f.readerA}`, allowed: SERVING },
  { name: 'read reader of other network', method: 'GET', url: (f) => `/api/v1/readers/${f.readerB}`, allowed: [] },
  {
    name: 'find by card in own network',
    method: 'GET',
    url: (f) => `/api/v1/readers/by-card/${f.cardA}`,
    allowed: SERVING,
  },
  {
    name: 'find by card in other network',
    method: 'GET',
    url: (f) => `/api/v1/readers/by-card/${f.cardB}`,
    allowed: [],
  },
  { name: 'change reader', method: 'PUT', url: (f) => `/api/v1/readers/${f.readerA}`, body: person, allowed: SERVING },
  {
    name: 'change reader of other network',
    method: 'PUT',
    url: (f) => `/api/v1/readers/${f.readerB}`,
    body: (f) => ({ ...person(f), categoryId: f.categoryB }),
    allowed: [],
  },
  {
    name: 're-register at own branch',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.readerA}/registrations`,
    body: (f) => ({ libraryId: f.branch1, date: `${year++}-02-01` }),
    allowed: SERVING,
  },
  {
    name: 're-register at another branch',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.readerA}/registrations`,
    body: (f) => ({ libraryId: f.branch2, date: `${year++}-02-01` }),
    allowed: HEADS,
  },
  {
    name: 're-register reader of other network',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.readerB}/registrations`,
    body: (f) => ({ libraryId: f.otherLib, date: `${year++}-02-01` }),
    allowed: [],
  },
  {
    name: 'block reader',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.readerA}/block`,
    body: () => ({ reason: 'Долг' }),
    allowed: SERVING,
  },
  {
    name: 'unblock reader',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.readerA}/unblock`,
    body: () => ({}),
    allowed: SERVING,
  },
  {
    name: 'block reader of other network',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.readerB}/block`,
    body: () => ({ reason: 'Долг' }),
    allowed: [],
  },
  {
    name: 'set portal password',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.readerA}/password`,
    body: () => ({ password: 'desk-pass-1' }),
    allowed: SERVING,
  },
  {
    name: 'set portal password of other network',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.readerB}/password`,
    body: () => ({ password: 'desk-pass-1' }),
    allowed: [],
  },
  {
    name: 'e-mail password link to other network',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.readerB}/password-link`,
    body: () => ({}),
    allowed: [],
  },
  {
    name: 'duplicates of a person',
    method: 'GET',
    url: (f) => `/api/v1/readers/duplicates?networkId=${f.networkA}&surname=X&firstName=Y&birthDate=1980-01-01`,
    allowed: SERVING,
  },
  {
    name: 'duplicates in other network',
    method: 'GET',
    url: (f) => `/api/v1/readers/duplicates?networkId=${f.networkB}&surname=X&firstName=Y&birthDate=1980-01-01`,
    allowed: [],
  },
  { name: 'duplicates of a reader', method: 'GET', url: (f) => `/api/v1/readers/${f.readerA}/duplicates`, allowed: SERVING },
  { name: 'loans of a reader', method: 'GET', url: (f) => `/api/v1/readers/${f.readerA}/loans`, allowed: SERVING },
  { name: 'loans of other network reader', method: 'GET', url: (f) => `/api/v1/readers/${f.readerB}/loans`, allowed: [] },
  { name: 'card PDF', method: 'GET', url: (f) => `/api/v1/readers/${f.readerA}/card.pdf`, allowed: SERVING },
  { name: 'card PDF of other network', method: 'GET', url: (f) => `/api/v1/readers/${f.readerB}/card.pdf`, allowed: [] },
  { name: 'batch of cards', method: 'GET', url: (f) => `/api/v1/readers/cards.pdf?ids=${f.readerA}`, allowed: SERVING },
  { name: 'batch with other network card', method: 'GET', url: (f) => `/api/v1/readers/cards.pdf?ids=${f.readerA},${f.readerB}`, allowed: [] },
  { name: 'consent form', method: 'GET', url: (f) => `/api/v1/readers/${f.readerA}/consent.pdf`, allowed: SERVING },
  { name: 'blank consent form', method: 'GET', url: (f) => `/api/v1/libraries/${f.branch1}/consent-form.pdf`, allowed: SERVING },
  { name: 'blank consent of other network', method: 'GET', url: (f) => `/api/v1/libraries/${f.otherLib}/consent-form.pdf`, allowed: [] },
  { name: 'reader data JSON', method: 'GET', url: (f) => `/api/v1/readers/${f.readerA}/data.json`, allowed: SERVING },
  { name: 'reader data PDF', method: 'GET', url: (f) => `/api/v1/readers/${f.readerA}/data.pdf`, allowed: SERVING },
  { name: 'other network reader data', method: 'GET', url: (f) => `/api/v1/readers/${f.readerB}/data.json`, allowed: [] },
  {
    name: 'merge duplicates',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.pairs.at(-1)![0]}/merge`,
    body: (f) => ({ duplicateId: f.pairs.pop()![1] }),
    allowed: SERVING,
  },
  {
    name: 'merge in other network',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.readerB}/merge`,
    body: (f) => ({ duplicateId: f.readerA }),
    allowed: [],
  },
  {
    name: 'erase reader data',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.erasable.pop()}/erase`,
    body: () => ({}),
    allowed: HEADS,
  },
  {
    name: 'erase other network reader',
    method: 'POST',
    url: (f) => `/api/v1/readers/${f.readerB}/erase`,
    body: () => ({}),
    allowed: [],
  },
  {
    name: 'list categories',
    method: 'GET',
    url: (f) => `/api/v1/networks/${f.networkA}/reader-categories`,
    allowed: NETWORK_STAFF,
  },
  {
    name: 'list other network categories',
    method: 'GET',
    url: (f) => `/api/v1/networks/${f.networkB}/reader-categories`,
    allowed: [],
  },
  {
    name: 'add category',
    method: 'POST',
    url: (f) => `/api/v1/networks/${f.networkA}/reader-categories`,
    body: () => ({ name: uniq('Категория ') }),
    allowed: MANAGERS,
  },
  {
    name: 'add category to other network',
    method: 'POST',
    url: (f) => `/api/v1/networks/${f.networkB}/reader-categories`,
    body: () => ({ name: uniq('Категория ') }),
    allowed: [],
  },
  {
    name: 'edit category',
    method: 'PUT',
    url: (f) => `/api/v1/reader-categories/${f.categoryA}`,
    body: () => ({ name: 'Другое', sortOrder: 70 }),
    allowed: MANAGERS,
  },
  {
    name: 'edit other network category',
    method: 'PUT',
    url: (f) => `/api/v1/reader-categories/${f.categoryB}`,
    body: () => ({ name: 'Другое', sortOrder: 70 }),
    allowed: [],
  },
];

describeOnEachDatabase('readers authorization: role × scope × route', (ctx) => {
  const f = {} as Fixture;
  const sessions = new Map<TRole, Session>();

  it('sets up two networks, readers in both and one account per role', async () => {
    const db = ctx.database.db;
    const a = await buildNetwork(db);
    const b = await buildNetwork(db);
    const branch1: Library = await buildLibrary(db, a.id, { number: 1 });
    const branch2 = await buildLibrary(db, a.id, { number: 2 });
    const otherLib = await buildLibrary(db, b.id);
    const muni = await buildMunicipality(db, a.id, [branch1.id]);
    const readerA = await buildReader(db, branch2);
    const readerB = await buildReader(db, otherLib);
    Object.assign(f, {
      networkA: a.id,
      networkB: b.id,
      branch1: branch1.id,
      branch2: branch2.id,
      otherLib: otherLib.id,
      readerA: readerA.id,
      cardA: readerA.cardNumber,
      readerB: readerB.id,
      cardB: readerB.cardNumber,
      categoryA: (await findCategoryByCode(db, a.id, 'other'))!.id,
      categoryB: (await findCategoryByCode(db, b.id, 'other'))!.id,
      erasable: [],
      pairs: [],
    });
    for (let i = 0; i < ROLES.length + 1; i++) {
      f.erasable.push((await buildReader(db, branch2)).id);
      const first = await buildReader(db, branch2, { birthDate: '1975-05-05' });
      const second = await buildReader(db, branch1, {
        surname: first.surname,
        firstName: first.firstName,
        birthDate: '1975-05-05',
        allowDuplicate: true,
      });
      f.pairs.push([first.id, second.id]);
    }
    await signInEveryRole(ctx, (role) => usualScope(role, { networkId: a.id, libraryId: branch1.id, municipalityId: muni.id }), sessions);
  });

  itChecksEveryRole(ctx, CASES, f, sessions);

  it('a librarian lists only the readers of their own network', async () => {
    const librarian = client(ctx.app, sessions.get('librarian'));
    const seen = (await librarian.get('/api/v1/readers?pageSize=500'))
      .json<{ items: { id: string }[] }>()
      .items.map((r) => r.id);
    expect(seen).toContain(f.readerA);
    expect(seen).not.toContain(f.readerB);
  });
});
