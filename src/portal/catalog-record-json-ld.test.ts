/**
 * The schema.org Book on an OPAC record page, from records as imports bring them: ISBD punctuation in
 * the titles, names in full in some subfields and as initials in others, translators beside authors.
 */
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit';
import { insertRecord, ZRecordCreate } from '../catalog';
import { controlField, dataField, type MarcRecord } from '../catalog/marc/record';
import { createRecordFromForm } from '../catalog/records.service';
import { describeOnEachDatabase } from '../test/harness';
import { scripts } from './portal.test-support';

/** Белый пароход as a MARC 21 source describes it: punctuation kept at the ends of the subfields. */
const whiteShip: MarcRecord = {
  leader: '00000cam a2200000 i 4500',
  fields: [
    controlField('008', '700101s1970    ki a          000 1 kir d'),
    dataField('020', ' ', ' ', [['a', '978-5-17-090432-7 (в пер.)']]),
    dataField('100', '1', ' ', [
      ['a', 'Айтматов, Ч.'],
      ['q', '(Чингиз),'],
      ['d', '1928-2008.'],
    ]),
    dataField('245', '1', '0', [
      ['a', 'Ак кеме [Текст] ='],
      ['b', 'Белый пароход : повесть /'],
      ['c', 'Чыңгыз Айтматов ; которгон А. Дмитриева.'],
    ]),
    dataField('264', ' ', '1', [
      ['a', 'Фрунзе :'],
      ['b', 'Кыргызстан,'],
      ['c', '1970.'],
    ]),
    dataField('300', ' ', ' ', [
      ['a', '160, [2] с. :'],
      ['b', 'ил. ;'],
      ['c', '20 см.'],
    ]),
    dataField('650', ' ', '4', [['a', 'Кыргызская литература.']]),
    dataField('700', '1', ' ', [
      ['a', 'Дмитриева, Анна Сергеевна,'],
      ['e', 'translator.'],
    ]),
    dataField('710', '2', ' ', [['a', 'Союз писателей Киргизии.']]),
  ],
};

/** Джамиля in RUSMARC: initials in $b, forenames in $g, a parallel title, a translator by relator code. */
const jamila: MarcRecord = {
  leader: '00000nam0 2200000   450 ',
  fields: [
    dataField('010', ' ', ' ', [['a', '5-655-00012-3']]),
    dataField('101', '0', ' ', [['a', 'ger']]),
    dataField('200', '1', ' ', [
      ['a', 'Dshamilja :'],
      ['d', '= Джамиля'],
      ['e', 'Erzählung /'],
      ['f', 'Tschingis Aitmatow'],
    ]),
    dataField('210', ' ', ' ', [
      ['a', '[Б. м.]'],
      ['c', '[б. и.]'],
      ['d', '1988'],
    ]),
    dataField('215', ' ', ' ', [['a', '96 S.']]),
    dataField('700', ' ', '1', [
      ['a', 'Айтматов'],
      ['b', 'Ч. Т.'],
      ['g', 'Чингиз Торекулович'],
      ['4', '070'],
    ]),
    dataField('702', ' ', '1', [
      ['a', 'Kossuth'],
      ['b', 'L.'],
      ['4', '730'],
    ]),
  ],
};

describeOnEachDatabase('OPAC record page: schema.org Book', (ctx) => {
  const ids = { white: '', jamila: '', injected: '' };

  async function bookOf(id: string) {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/catalog/records/${id}`,
      headers: { host: 'lib.example.kg' },
    });
    expect(res.statusCode).toBe(200);
    expect(scripts(res.payload)).toEqual(['<script type="application/ld+json">']);
    const json = res.payload.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!;
    return JSON.parse(json) as Record<string, unknown>;
  }

  beforeAll(async () => {
    const { db } = ctx.database;
    ids.white = (await db.transaction((tx) => insertRecord(tx, SYSTEM_ACTOR, whiteShip, 'marc21'))).id;
    ids.jamila = (await db.transaction((tx) => insertRecord(tx, SYSTEM_ACTOR, jamila, 'rusmarc'))).id;
    const injected = await createRecordFromForm(
      db,
      SYSTEM_ACTOR,
      ZRecordCreate.parse({
        title: 'Пароход</script><script>alert(1)</script>',
        authors: ['</script>, Т.'],
        year: 2001,
      }),
    );
    ids.injected = injected.id;
  });

  it('gives the clean title, people in full in their roles, ISBN digits, the year, a BCP 47 language and the pages', async () => {
    expect(await bookOf(ids.white)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Book',
      '@id': `http://lib.example.kg/catalog/records/${ids.white}`,
      url: `http://lib.example.kg/catalog/records/${ids.white}`,
      name: 'Ак кеме',
      alternateName: 'Белый пароход: повесть',
      author: [{ '@type': 'Person', name: 'Айтматов, Чингиз' }],
      translator: [{ '@type': 'Person', name: 'Дмитриева, Анна Сергеевна' }],
      // An added entry for a body (710) is a contributor, not an author.
      contributor: [{ '@type': 'Organization', name: 'Союз писателей Киргизии' }],
      isbn: '9785170904327',
      datePublished: '1970',
      publisher: { '@type': 'Organization', name: 'Кыргызстан' },
      inLanguage: 'ky',
      numberOfPages: 160,
      about: [{ '@type': 'Thing', name: 'Кыргызская литература' }],
    });
  });

  it('reads RUSMARC names in full from $g, a parallel title from $d, and leaves out an unknown publisher', async () => {
    const book = await bookOf(ids.jamila);
    expect(book).toMatchObject({
      name: 'Dshamilja: Erzählung',
      alternateName: 'Джамиля',
      author: [{ '@type': 'Person', name: 'Айтматов, Чингиз Торекулович' }],
      translator: [{ '@type': 'Person', name: 'Kossuth, L.' }],
      isbn: '5655000123',
      datePublished: '1988',
      inLanguage: 'de',
      numberOfPages: 96,
    });
    expect(book).not.toHaveProperty('publisher');
  });

  it('calls a periodical a Periodical (with its ISSN) and a map a Map, without a book\'s ISBN and pages', async () => {
    const { db } = ctx.database;
    const make = async (fields: Record<string, unknown>) =>
      (await createRecordFromForm(db, SYSTEM_ACTOR, ZRecordCreate.parse({ year: 2020, extent: '48 с.', ...fields }))).id;
    const journal = await bookOf(await make({ title: 'Кыргыз Туусу', materialType: 'periodical', issn: '0317-8471' }));
    expect(journal).toMatchObject({ '@type': 'Periodical', name: 'Кыргыз Туусу', issn: '0317-8471' });
    expect(journal).not.toHaveProperty('numberOfPages');
    const map = await bookOf(await make({ title: 'Иссык-Кульская область', materialType: 'map', isbns: ['978-5-17-090432-7'] }));
    expect(map).toMatchObject({ '@type': 'Map', name: 'Иссык-Кульская область', datePublished: '2020' });
    expect(map).not.toHaveProperty('isbn');
  });

  it('cannot be ended early by a title or a name holding "</script>"', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/catalog/records/${ids.injected}` });
    expect(res.payload.match(/<\/script>/g)).toHaveLength(1);
    expect(res.payload).not.toContain('<script>alert');
    const book = await bookOf(ids.injected);
    expect(book.name).toBe('Пароход</script><script>alert(1)</script>');
    expect(book.author).toEqual([{ '@type': 'Person', name: '</script>, Т.' }]);
  });
});
