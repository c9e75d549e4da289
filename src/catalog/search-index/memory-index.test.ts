/**
 * The search index in memory: it finds what the database's statements find, and it keeps in step with
 * bib_search whoever writes it (a save, a delete, a copy lent, a transaction that commits late).
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '../../app/db';
import { buildLibrary, buildNetwork, buildStaff, client, login, markOnLoan, uniq } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { ZSearchQuery } from '../catalog.schemas';
import { searchCatalog } from '../search.service';
import {
  needsRebuild,
  readyIndex,
  SEARCH_LOG_PRUNE_JOB,
  rebuildSearchIndex,
  searchIndexStatus,
  turnOnSearchIndex,
} from './registry';

const TITLES = [
  ['Белый пароход', 'Айтматов, Ч.', 1970, 'rus'],
  ['Пароходы Иссык-Куля', 'Иванов, П. С.', 2001, 'rus'],
  ['Джамиля', 'Айтматов, Ч.', 1988, 'rus'],
  ['Манас', 'Карала уулу, С.', 1995, 'kir'],
  ['Манас: эпос', 'Орозбаков, С.', 2010, 'kir'],
  ['Тоолор жана талаалар', 'Осмонов, А.', 1960, 'kir'],
  // Another edition of the same title: the title order goes on by year, then record id.
  ['Тоолор жана талаалар', 'Осмонов, А.', 1985, 'kir'],
  ['Тоолор жана талаалар', 'Осмонов, А.', 2001, 'kir'],
  ['Тоолор жана талаалар', 'Осмонов, А.', 1972, 'kir'],
  ['Өнөр жана турмуш', 'Абдыкадыров, Т.', 2015, 'kir'],
  ['История Кыргызстана', 'Осмонов, О. Дж.', 2012, 'rus'],
  ['Сказки народов мира', '', 2005, 'rus'],
  ['Сказки', 'Пушкин, А. С.', 1999, 'rus'],
] as const;

describeOnEachDatabase('search index in memory', (ctx) => {
  let http: ReturnType<typeof client>;
  let library: string;
  const ids: string[] = [];
  const both = async (params: Record<string, string>) => {
    const query = ZSearchQuery.parse(params);
    const [memory, database] = [
      await searchCatalog(ctx.database.db, query),
      await searchCatalog(ctx.database.db, query, { memory: false }),
    ];
    return { memory, database };
  };
  const found = async (q: string) =>
    (await searchCatalog(ctx.database.db, ZSearchQuery.parse({ q }))).items.map((h) => h.id);

  it('is loaded from the catalogue on the first search', async () => {
    const db = ctx.database.db;
    expect(await readyIndex(db)).toBeNull();
    turnOnSearchIndex(db);
    const network = await buildNetwork(db);
    library = (await buildLibrary(db, network.id)).id;
    http = client(ctx.app, await login(ctx.app, (await buildStaff(db, 'cataloguer', 'network', network.id)).login));
    for (const [title, author, year, language] of TITLES) {
      const res = await http.post('/api/v1/catalog/records', {
        title,
        authors: author ? [author] : [],
        year,
        language,
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push((res.json() as { id: string }).id);
      const item = await http.post(`/api/v1/catalog/records/${ids.at(-1)}/items`, {
        libraryId: library,
        inventoryNumber: uniq('I'),
        barcode: uniq('B'),
        status: 'available',
      });
      expect(item.statusCode, item.body).toBe(201);
    }
    expect(searchIndexStatus(db).ready).toBe(false);
    expect(await readyIndex(db)).not.toBeNull();
    expect(searchIndexStatus(db)).toEqual({ ready: true, progress: 1 });
  });

  it('finds what the database finds, with the same totals and facets', async () => {
    const queries: Record<string, string>[] = [
      { q: 'пароход' },
      { q: 'айтматов' },
      { q: 'манас', language: 'kir' },
      { q: 'жана', sort: 'year_desc' },
      { q: 'осмонов', yearFrom: '1950', yearTo: '2000' },
      { author: 'осмонов' },
      { title: 'сказки', sort: 'title' },
      { q: 'сказки', available: 'true', libraryId: '' },
      { q: 'онор' },
      { q: 'щзщзщз' },
    ];
    for (const params of queries) {
      if (params.libraryId === '') params.libraryId = library;
      const { memory, database } = await both(params);
      const label = JSON.stringify(params);
      expect(memory.total, label).toBe(database.total);
      expect(new Set(memory.items.map((h) => h.id)), label).toEqual(new Set(database.items.map((h) => h.id)));
      expect(memory.facets, label).toEqual(database.facets);
      // Orders without a ranking are the database's exactly.
      if (params.sort)
        expect(
          memory.items.map((h) => h.id),
          label,
        ).toEqual(database.items.map((h) => h.id));
    }
  });

  it('finds the same as the database for every word of the catalogue, as typed, unfinished, misspelt, filtered and ordered', async () => {
    const words = rowsOf<{ word: string }>(
      await ctx.database.db.execute(sql`select word from search_words order by word`),
    ).map((r) => r.word);
    expect(words.length).toBeGreaterThan(20);
    const facetsOf = (f: Awaited<ReturnType<typeof searchCatalog>>['facets']) =>
      f && [f.years, f.languages, f.materialTypes, f.subjects, f.libraries];
    for (const [i, word] of words.entries()) {
      const variants: Record<string, string>[] = [
        { q: word },
        { q: word.slice(0, Math.max(3, word.length - 2)) },
        { q: word.replace(/[аеоу]/, 'ы') },
        { q: `${word} ${words[(i * 7) % words.length]}` },
        { title: word, sort: 'title' },
        { author: word, sort: 'year_desc' },
        { q: word, language: 'kir', sort: 'year_asc' },
        { q: word, yearFrom: '1980', available: 'true' },
      ];
      for (const params of variants) {
        const { memory, database } = await both(params);
        const label = JSON.stringify(params);
        expect({ total: memory.total, fuzzy: memory.isFuzzy }, label).toEqual({
          total: database.total,
          fuzzy: database.isFuzzy,
        });
        const ids = (r: typeof memory) => r.items.map((h) => h.id);
        if (params.sort) expect(ids(memory), label).toEqual(ids(database));
        else expect(new Set(ids(memory)), label).toEqual(new Set(ids(database)));
        expect(facetsOf(memory.facets), label).toEqual(facetsOf(database.facets));
      }
    }
  });

  it('puts an exact title first, then the typed words in a title, then the rest', async () => {
    const { memory } = await both({ q: 'манас' });
    expect(memory.items.map((h) => h.title)).toEqual(['Манас', 'Манас: эпос']);
    const steamer = await both({ q: 'белый пароход' });
    expect(steamer.memory.items[0]?.title).toBe('Белый пароход');
  });

  it('follows saves, deletes and copies lent at once', async () => {
    const id = ids[2]!;
    const detail = (await http.get(`/api/v1/catalog/records/${id}`)).json() as {
      form: Record<string, unknown>;
      updatedAt: string;
    };
    const saved = await http.put(`/api/v1/catalog/records/${id}`, { ...detail.form, title: 'Кызыл жоолук' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await found('жоолук')).toEqual([id]);
    expect(await found('джамиля')).toEqual([]);

    const shelf = () => searchCatalog(ctx.database.db, ZSearchQuery.parse({ q: 'сказки пушкин', available: 'true' }));
    expect((await shelf()).total).toBe(1);
    const [item] = rowsOf<{ id: string }>(
      await ctx.database.db.execute(sql`select id from items where record_id = ${ids[12]!}`),
    );
    await markOnLoan(ctx.database.db, item!.id);
    expect((await shelf()).total).toBe(0);

    const created = await http.post('/api/v1/catalog/records', { title: 'Ак кеме', authors: [], year: 2020 });
    const newId = (created.json() as { id: string }).id;
    expect(await found('кеме')).toEqual([newId]);
    expect((await http.delete(`/api/v1/catalog/records/${newId}`)).statusCode).toBe(204);
    expect(await found('кеме')).toEqual([]);
  });

  it('shows each hit with its copies and its libraries named as they are now', async () => {
    const db = ctx.database.db;
    const id = ids[3]!;
    const copies = async () => {
      const { memory, database } = await both({ q: 'манас' });
      // The ranks are each engine's own.
      const { rank: _memory, ...hit } = memory.items.find((h) => h.id === id)!;
      const { rank: _database, ...expected } = database.items.find((h) => h.id === id)!;
      expect(hit).toEqual(expected);
      expect(memory.facets).toEqual(database.facets);
      return hit.availability.map((a) => `${a.libraryName}: ${a.available}/${a.total}`);
    };
    const [{ name }] = rowsOf<{ name: string }>(
      await db.execute(sql`select name from libraries where id = ${library}`),
    ) as [{ name: string }];
    expect(await copies()).toEqual([`${name}: 1/1`]);
    const added = await http.post(`/api/v1/catalog/records/${id}/items`, {
      libraryId: library,
      inventoryNumber: uniq('I'),
      barcode: uniq('B'),
      status: 'available',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(await copies()).toEqual([`${name}: 2/2`]);
    // Lent: the record is still on that library's shelf, only the count changes.
    await markOnLoan(db, (added.json() as { id: string }).id);
    expect(await copies()).toEqual([`${name}: 1/2`]);
    await db.execute(sql`update libraries set name = ${`${name} (renamed)`} where id = ${library}`);
    expect(await copies()).toEqual([`${name} (renamed): 1/2`]);
  });

  it('corrects a typo to a word catalogued since the same typo was last corrected', async () => {
    const ending = [...uniq()]
      .slice(-4)
      .map((c) => 'абвгдежзиклмнпрс'[parseInt(c, 16)])
      .join('');
    const typo = `кырмазык${ending}`;
    expect((await both({ q: typo })).memory.total).toBe(0);
    const res = await http.post('/api/v1/catalog/records', { title: `Кырмызык${ending}`, authors: [], year: 2001 });
    expect(res.statusCode, res.body).toBe(201);
    const { memory, database } = await both({ q: typo });
    expect(memory.isFuzzy).toBe(true);
    expect(memory.items.map((h) => h.id)).toEqual([(res.json() as { id: string }).id]);
    expect(database.items.map((h) => h.id)).toEqual(memory.items.map((h) => h.id));
  });

  it("has its log pruned of what is older than a day by the server's hourly job", async () => {
    const db = ctx.database.db;
    const [old, fresh] = [crypto.randomUUID(), crypto.randomUUID()];
    await db.execute(
      sql`insert into bib_search_changes (record_id, at) values (${old}, now() - interval '25 hours'), (${fresh}, now())`,
    );
    await db.execute(sql`delete from jobs where kind = ${SEARCH_LOG_PRUNE_JOB}`);
    expect(await ctx.app.jobs.enqueueScheduled(SEARCH_LOG_PRUNE_JOB)).toBe(true);
    await ctx.app.jobs.runPending();
    const left = rowsOf<{ id: string }>(
      await db.execute(sql`select record_id::text as id from bib_search_changes where record_id in (${old}, ${fresh})`),
    );
    expect(left.map((r) => r.id)).toEqual([fresh]);
  });

  it('orders records added after the load by title as the database does', async () => {
    const word = `садовый${[...uniq()].map((c) => 'абвгдежзиклмнпрс'[parseInt(c, 16)]).join('')}`;
    for (const title of ['Яблоко', 'Арбуз', 'Груша', 'Айва', 'Вишня', 'Алыча']) {
      const res = await http.post('/api/v1/catalog/records', { title: `${title} ${word}`, authors: [], year: 2000 });
      expect(res.statusCode, res.body).toBe(201);
    }
    const { memory, database } = await both({ q: word, sort: 'title' });
    expect(memory.items.map((h) => h.title.split(' ')[0])).toEqual([
      'Айва',
      'Алыча',
      'Арбуз',
      'Вишня',
      'Груша',
      'Яблоко',
    ]);
    expect(memory.items.map((h) => h.id)).toEqual(database.items.map((h) => h.id));
  });

  it('is read afresh when many records were written again, and finds the same after', async () => {
    expect(needsRebuild(1_000_000, 900_000)).toBe(false);
    expect(needsRebuild(1_200_001, 1_000_000)).toBe(true);
    expect(needsRebuild(15_000, 2_000)).toBe(true);
    expect(needsRebuild(1_000_000, 1_000_000, 150_000)).toBe(false);
    expect(needsRebuild(1_000_000, 1_000_000, 250_000)).toBe(true);
    const before = (await readyIndex(ctx.database.db))!;
    expect(before.docCount).toBeGreaterThan(before.liveCount);
    const hits = await found('пароход');
    await rebuildSearchIndex(ctx.database.db);
    const after = (await readyIndex(ctx.database.db))!;
    expect(after).not.toBe(before);
    expect(after.docCount).toBe(after.liveCount);
    expect(await found('пароход')).toEqual(hits);
  });

  // Two transactions at once need two connections: PGlite has one.
  it.runIf(ctx.kind === 'postgresql')(
    'finds a change whose transaction commits after a later one was read',
    async () => {
      const db = ctx.database.db;
      const word = `позднее${[...uniq()].map((c) => 'абвгдежзиклмнпрс'[parseInt(c, 16)]).join('')}`;
      await db.transaction(async (tx) => {
        await tx.execute(
          sql`update bib_search set vector = vector || to_tsvector('simple', ${word}) where record_id = ${ids[0]!}`,
        );
        // Meanwhile another record is saved and committed, and the index reads the log past it.
        const created = await http.post('/api/v1/catalog/records', { title: 'Жаңы китеп', authors: [], year: 2021 });
        expect(created.statusCode).toBe(201);
        expect((await found('жаны китеп')).length).toBe(1);
        expect(await found(word)).toEqual([]);
      });
      expect(await found(word)).toEqual([ids[0]]);
    },
  );
});
