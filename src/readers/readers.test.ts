/** Registering, finding, changing, re-registering and blocking readers through the API. */
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog, SYSTEM_ACTOR } from '../audit';
import { describeOnEachDatabase } from '../test/harness';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq } from '../test/factories';
import { createCategory, findCategoryByCode } from './categories.service';
import { birthDateYearsAgo, buildReader, readerInput } from './readers.factories';
import { findReaderByCard, isRegistrationValid } from './index';
import { readerRegistrations } from './readers.tables';

interface ReaderOut {
  id: string;
  cardNumber: string;
  ageGroup: string;
  registrations: { year: number; kind: string; expiresOn: string; libraryId: string }[];
  isBlocked: boolean;
  blockReason: string;
  isValidHere: boolean | null;
}
interface Problem {
  code: string;
  title: string;
  errors?: { field: string; message: string }[];
}

describeOnEachDatabase('readers', (ctx) => {
  const setup = async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const lib = await buildLibrary(db, network.id);
    const other = await buildLibrary(db, network.id);
    const user = await buildStaff(db, 'librarian', 'library', lib.id, { libraryId: lib.id });
    const http = client(ctx.app, await login(ctx.app, user.login));
    return { db, network, lib, other, user, http };
  };
  const year = new Date().getUTCFullYear();

  it('registers a reader with a generated card, this year registration and consent; the audit log holds no personal data', async () => {
    const { db, lib, http } = await setup();
    const input = await readerInput(db, lib, {
      surname: 'Үсөнова',
      firstName: 'Айгүл',
      address: 'с. Кемин, ул. Манаса 5',
    });
    const res = await http.post('/api/v1/readers', input);
    expect(res.statusCode, res.body).toBe(201);
    const reader = res.json<ReaderOut>();
    expect(reader.cardNumber).toMatch(/^\d{8}$/);
    expect(reader.registrations).toEqual([
      expect.objectContaining({ year, kind: 'registration', expiresOn: `${year}-12-31`, libraryId: lib.id }),
    ]);
    expect(reader.isValidHere).toBe(true);
    const entries = await db.select().from(auditLog).where(eq(auditLog.objectId, reader.id));
    expect(entries.map((e) => e.action)).toEqual(['reader.register']);
    expect(JSON.stringify(entries)).not.toContain('Үсөнова');
    expect(JSON.stringify(entries)).not.toContain('Манаса');
  });

  it('keeps a pre-printed card number and refuses a taken one, naming the field', async () => {
    const { db, lib, http } = await setup();
    const card = uniq('KM-');
    expect((await http.post('/api/v1/readers', await readerInput(db, lib, { cardNumber: card }))).statusCode).toBe(201);
    const again = await http.post('/api/v1/readers', await readerInput(db, lib, { cardNumber: card }));
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().errors).toEqual([
      expect.objectContaining({ field: 'cardNumber', message: 'Этот номер читательского билета уже занят.' }),
    ]);
  });

  it('asks for a guardian under 14 and for consent, in clear Russian', async () => {
    const { db, lib, http } = await setup();
    const input = { ...(await readerInput(db, lib)), birthDate: birthDateYearsAgo(9), consentGiven: false };
    const res = await http.post('/api/v1/readers', input);
    expect(res.statusCode).toBe(422);
    const errors = res.json<Problem>().errors!;
    expect(errors.map((e) => e.field).sort()).toEqual([
      'consentGiven',
      'guardianName',
      'guardianPhone',
      'guardianRelation',
    ]);
    expect(errors.find((e) => e.field === 'guardianName')?.message).toContain('младше 14 лет');
    expect(errors.find((e) => e.field === 'consentGiven')?.message).toContain('согласия');
    const child = await http.post('/api/v1/readers', {
      ...(await readerInput(db, lib)),
      birthDate: birthDateYearsAgo(9),
      guardianName: 'Асанова Гүлнара',
      guardianRelation: 'мать',
      guardianPhone: '+996 700 123456',
    });
    expect(child.statusCode, child.body).toBe(201);
    expect(child.json<ReaderOut>().ageGroup).toBe('upTo14');
  });

  it('refuses bad input field by field', async () => {
    const { db, lib, http } = await setup();
    const other = await buildNetwork(db);
    const foreign = await findCategoryByCode(db, other.id, 'student');
    const res = await http.post('/api/v1/readers', {
      ...(await readerInput(db, lib)),
      email: 'not-an-email',
      phone: 'call me',
      birthDate: '2020-13-45',
      cardNumber: 'карта 1',
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json<Problem>()
        .errors!.map((e) => e.field)
        .sort(),
    ).toEqual(['birthDate', 'cardNumber', 'email', 'phone']);
    const wrongCategory = await http.post('/api/v1/readers', {
      ...(await readerInput(db, lib)),
      categoryId: foreign!.id,
    });
    expect(wrongCategory.statusCode).toBe(422);
    expect(wrongCategory.json<Problem>().errors?.[0]?.field).toBe('categoryId');
  });

  it('warns about a duplicate (same name folded, same birth date) unless confirmed', async () => {
    const { db, lib, http } = await setup();
    const surname = uniq('Жээнбекова');
    const first = await readerInput(db, lib, { surname, firstName: 'Гүлнара', birthDate: '1990-04-01' });
    expect((await http.post('/api/v1/readers', first)).statusCode).toBe(201);
    const same = {
      ...(await readerInput(db, lib)),
      surname: surname.toUpperCase(),
      firstName: 'Гулнара',
      birthDate: '1990-04-01',
    };
    const dup = await http.post('/api/v1/readers', same);
    expect(dup.statusCode).toBe(409);
    expect(dup.json<Problem>().code).toBe('reader_duplicate');
    expect((await http.post('/api/v1/readers', { ...same, allowDuplicate: true })).statusCode).toBe(201);
  });

  it('finds readers by folded name, card number and phone, paged', async () => {
    const { db, lib, http } = await setup();
    const tag = uniq('Өмүрбеков');
    const a = await buildReader(db, lib, { surname: tag, firstName: 'Эрлан', phone: '+996 (555) 11-22-33' });
    await buildReader(db, lib, { surname: tag, firstName: 'Нурлан' });
    const byName = (
      await http.get(
        `/api/v1/readers?q=${encodeURIComponent(tag.replace('Ө', 'О').replace('ү', 'у').toLowerCase())}&pageSize=1`,
      )
    ).json<{ items: { id: string }[]; total: number }>();
    expect(byName.total).toBe(2);
    expect(byName.items).toHaveLength(1);
    const byCard = (await http.get(`/api/v1/readers?q=${a.cardNumber}`)).json<{ items: { id: string }[] }>();
    expect(byCard.items.map((r) => r.id)).toContain(a.id);
    const byPhone = (await http.get(`/api/v1/readers?q=${encodeURIComponent('555 112233')}`)).json<{
      items: { id: string }[];
    }>();
    expect(byPhone.items.map((r) => r.id)).toEqual([a.id]);
    const xlsx = await http.get(`/api/v1/readers.xlsx?q=${encodeURIComponent(tag)}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const csv = await http.get(`/api/v1/readers.csv?q=${encodeURIComponent(tag)}`);
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(csv.body).toContain(tag);
  });

  it('logs every view of a reader card, by id and by card number', async () => {
    const { db, lib, http, user } = await setup();
    const reader = await buildReader(db, lib);
    expect((await http.get(`/api/v1/readers/${reader.id}`)).statusCode).toBe(200);
    expect((await http.get(`/api/v1/readers/by-card/${reader.cardNumber}`)).statusCode).toBe(200);
    expect((await http.get('/api/v1/readers/by-card/NO-SUCH-CARD')).statusCode).toBe(404);
    const views = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, reader.id), eq(auditLog.action, 'reader.view')));
    expect(views).toHaveLength(2);
    expect(views.every((v) => v.actorId === user.id && v.libraryId === lib.id)).toBe(true);
  });

  it('registers at another library of the network and re-registers in a new year; once per year', async () => {
    const { db, lib, other, network, http } = await setup();
    const reader = await buildReader(db, lib);
    const director = await buildStaff(db, 'director', 'network', network.id);
    const dhttp = client(ctx.app, await login(ctx.app, director.login));
    const there = await dhttp.post(`/api/v1/readers/${reader.id}/registrations`, { libraryId: other.id });
    expect(there.statusCode, there.body).toBe(201);
    expect(
      (await dhttp.post(`/api/v1/readers/${reader.id}/registrations`, { libraryId: other.id })).json<Problem>().code,
    ).toBe('already_registered');
    const next = await http.post(`/api/v1/readers/${reader.id}/registrations`, {
      libraryId: lib.id,
      date: `${year + 1}-01-15`,
    });
    expect(next.statusCode, next.body).toBe(201);
    const rows = await db.select().from(readerRegistrations).where(eq(readerRegistrations.readerId, reader.id));
    expect(rows.map((r) => `${r.libraryId === lib.id ? 'here' : 'there'} ${r.year} ${r.kind}`).sort()).toEqual(
      [`here ${year + 1} re_registration`, `here ${year} registration`, `there ${year} registration`].sort(),
    );
    expect(await isRegistrationValid(db, reader, lib, new Date())).toBe(true);
    expect(await isRegistrationValid(db, reader, lib, `${year}-12-31`)).toBe(true);
    expect(await isRegistrationValid(db, reader, lib, `${year + 2}-01-02`)).toBe(false);
    expect(await isRegistrationValid(db, reader, other, `${year + 1}-02-01`)).toBe(false);
    expect((await findReaderByCard(db, ` ${reader.cardNumber} `))?.id).toBe(reader.id);
  });

  it('changes data, blocks with a reason and unblocks', async () => {
    const { db, lib, http } = await setup();
    const reader = await buildReader(db, lib);
    const input = await readerInput(db, lib, {
      surname: 'Токтогулова',
      firstName: 'Бактыгүл',
      birthDate: '1985-05-05',
    });
    const {
      libraryId: _l,
      consentGiven: _c,
      consentVersion: _v,
      allowDuplicate: _a,
      cardNumber: _n,
      consentDate: _d,
      ...data
    } = input;
    const changed = await http.put(`/api/v1/readers/${reader.id}`, { ...data, notes: 'Предпочитает поэзию' });
    expect(changed.statusCode, changed.body).toBe(200);
    const blocked = await http.post(`/api/v1/readers/${reader.id}/block`, { reason: 'Не вернул книги' });
    expect(blocked.json<ReaderOut>()).toMatchObject({ isBlocked: true, blockReason: 'Не вернул книги' });
    expect((await http.post(`/api/v1/readers/${reader.id}/block`, { reason: '' })).statusCode).toBe(422);
    const unblocked = await http.post(`/api/v1/readers/${reader.id}/unblock`, {});
    expect(unblocked.json<ReaderOut>()).toMatchObject({ isBlocked: false, blockReason: '' });
  });

  it('lists the default categories and lets the director add one', async () => {
    const { db, network } = await setup();
    const director = await buildStaff(db, 'director', 'network', network.id);
    const dhttp = client(ctx.app, await login(ctx.app, director.login));
    const list = (await dhttp.get(`/api/v1/networks/${network.id}/reader-categories`)).json<
      { code: string | null; name: string }[]
    >();
    expect(list.map((c) => c.code)).toEqual([
      'schoolchild',
      'student',
      'teacher',
      'pensioner',
      'farmer',
      'municipal',
      'other',
    ]);
    const added = await dhttp.post(`/api/v1/networks/${network.id}/reader-categories`, { name: 'Мигрант' });
    expect(added.statusCode).toBe(201);
    expect((await dhttp.post(`/api/v1/networks/${network.id}/reader-categories`, { name: 'Мигрант' })).statusCode).toBe(
      409,
    );
  });
  it("names the reader's category in the librarian's language, in Russian where the network gave no other name", async () => {
    const { db, network, lib, http } = await setup();
    const municipal = await findCategoryByCode(db, network.id, 'municipal');
    const own = await createCategory(db, SYSTEM_ACTOR, network.id, {
      name: `Волонтёр ${uniq()}`,
      nameKy: '',
      nameEn: '',
      sortOrder: 90,
      isActive: true,
    });
    const a = await buildReader(db, lib, { categoryId: municipal!.id });
    const b = await buildReader(db, lib, { categoryId: own.id });
    expect((await http.put('/api/v1/session/language', { language: 'ky' })).statusCode).toBe(204);
    const card = (await http.get(`/api/v1/readers/${a.id}`)).json<{ categoryName: string }>();
    expect(card.categoryName).toBe('Муниципалдык адис');
    const list = (await http.get(`/api/v1/readers?q=${encodeURIComponent(b.surname)}`)).json<{
      items: { categoryName: string }[];
    }>();
    expect(list.items.map((r) => r.categoryName)).toEqual([own.name]);
    const csv = (await http.get(`/api/v1/readers.csv?q=${encodeURIComponent(a.surname)}`)).body;
    expect(csv).toContain('Муниципалдык адис');
    expect(csv).not.toContain('Муниципальный специалист');
  });
});
