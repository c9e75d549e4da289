/**
 * The catalogues the search benchmark (catalog-search.bench.ts) is measured on, loaded in set-based SQL
 * with the secondary indexes dropped and the search rows written once (kp_search_write) at the end.
 *
 * - `realistic` (the default): titles drawn from a vocabulary of about 41,700 distinct Russian, Kyrgyz and
 *   English words with Zipf–Mandelbrot frequencies (catalog-search.words.ts), authors from about 2,400
 *   surnames with initials, 320 subject headings, publishers, places and years 1950–2025; the famous
 *   books in 50–400 records each, as editions and copies records are in a union catalogue.
 * - `stress`: 5,000 generated records of which 14 famous titles fill 56 %, multiplied 200 times with
 *   ten suffixes (about 156 distinct title and author words): every query matches tens or hundreds
 *   of thousands of records.
 *
 * Both start from 5,000 records of catalog.generator.ts written through the application's own column
 * derivation; the other records share one of those records' MARC (their columns and search texts are
 * their own). Copies in ten libraries, none to three per record, a third on loan.
 */
import type { Database } from '../src/app/db';
import { generateRecord } from '../src/catalog/catalog.generator';
import { bibRecords } from '../src/catalog/catalog.tables';
import { writeFormToMarc } from '../src/catalog/record-writer';
import { columnsFromMarc } from '../src/catalog/records.service';
import { buildLibrary, buildNetwork, buildStaff } from '../src/test/factories';
import { englishWords, kyrgyzWords, OTHER_TITLES, PLACES, PUBLISHERS, russianWords, subjectHeadings, surnames } from './catalog-search.words';

export type DataKind = 'realistic' | 'stress';

const BASE = 5_000;

/** The famous books: title, authors, language, subject, and how many records each has in the realistic catalogue. */
const FAMOUS: [string, string[], string, string, number][] = [
  ['Джамиля', ['Айтматов, Ч.'], 'rus', 'Кыргызская литература', 400],
  ['Белый пароход', ['Айтматов, Ч.'], 'rus', 'Кыргызская литература', 300],
  ['Ак кеме', ['Айтматов, Ч.'], 'kir', 'Кыргызская литература', 150],
  ['Первый учитель', ['Айтматов, Ч.'], 'rus', 'Кыргызская литература', 250],
  ['Материнское поле', ['Айтматов, Ч.'], 'rus', 'Кыргызская литература', 150],
  ['Плаха', ['Айтматов, Ч.'], 'rus', 'Кыргызская литература', 200],
  ['Манас', [], 'kir', 'Кыргызский эпос', 300],
  ['Манас', ['Каралаев, С.'], 'kir', 'Кыргызский эпос', 120],
  ['Семетей', [], 'kir', 'Кыргызский эпос', 150],
  ['История Кыргызстана', ['Осмонов, О. Дж.'], 'rus', 'История Кыргызстана', 250],
  ['Кыргызстандын тарыхы', ['Осмонов, О. Дж.'], 'kir', 'История Кыргызстана', 150],
  ['Война и мир', ['Толстой, Л. Н.'], 'rus', 'Русская литература', 400],
  ['Тихий Дон', ['Шолохов, М. А.'], 'rus', 'Русская литература', 300],
  ['Өнөр жана турмуш', ['Абдыкадыров, Т.'], 'kir', 'Кыргызская литература', 50],
];
const SUFFIXES = ['', 'Избранное', 'Повести', 'Тандалмалар', 'Сборник', 'Рассказы', 'Жомоктор', 'Кн. 2', 'Очерки', 'Поэма'];

/** Zipf–Mandelbrot offsets: P(rank k) ∝ 1 / (k + q). */
export const ZIPF = { titleWords: 10, surnames: 100, subjects: 10 };

const COLUMNS = `format, marc, title, other_title, responsibility, authors, first_author, publisher, place, year, isbns, language,
  subjects, bbk, udc, extent, material_type, age_label, description, sort_title, search_title, search_authors, search_subjects, search_other`;
/** titleSortKey (search-text.ts) in SQL. */
const SORT_KEY = (t: string) =>
  `left(replace(replace(replace(replace(regexp_replace(lower(${t}), '^[^[:alnum:]]+', ''), 'ё', 'е'), 'ң', 'н' || chr(1279)), 'ө', 'о' || chr(1279)), 'ү', 'у' || chr(1279)), 200)`;
const quoted = (items: readonly string[]) => `array[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]`;

/** Loads the catalogue of `kind` with `records` records into an empty, migrated database. */
export async function loadCatalogue(database: Database, kind: DataKind, records: number) {
  const db = database.db;
  const network = await buildNetwork(db);
  const libs: string[] = [];
  for (let n = 1; n <= 10; n++) libs.push((await buildLibrary(db, network.id, { number: n })).id);
  const staff = await buildStaff(db, 'cataloguer', 'network', network.id);
  const t0 = Date.now();
  // Base records through the application's own column derivation.
  for (let from = 0; from < BASE; from += 500) {
    const batch = Array.from({ length: Math.min(500, BASE - from) }, (_, i) => {
      const g = generateRecord(from + i);
      const famous = kind === 'stress' ? FAMOUS[(from + i) % 25] : undefined;
      const form = famous ? { ...g.form, title: famous[0], otherTitle: '', authors: famous[1], language: famous[2], subjects: [famous[3]], isbns: g.form.isbns } : g.form;
      return columnsFromMarc(writeFormToMarc(form, g.format, null), g.format);
    });
    await db.insert(bibRecords).values(batch);
  }
  // Bulk load without the secondary indexes, then build them once.
  const indexes = await database.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes where tablename in ('bib_records', 'bib_search', 'items') and indexname not like '%pkey'`,
  );
  for (const i of indexes) await database.query(`drop index ${i.name}`);
  // The search rows are written once, after the records and copies (their triggers are off meanwhile).
  for (const table of ['bib_records', 'items']) await database.query(`alter table ${table} disable trigger user`);
  await database.query('create table bench_base as select row_number() over () - 1 as base_no, * from bib_records');
  await database.query('create unique index on bench_base (base_no)');
  if (kind === 'stress') await multiply(database, records);
  else await generate(database, records);
  // Copies: none for some records, one to three for the rest, in ten libraries, a third on loan.
  await database.query(`
    insert into items (record_id, library_id, network_id, inventory_number, barcode, currency, status)
    select b.id, (array[${libs.map((l) => `'${l}'::uuid`).join(',')}])[1 + (h + c) % 10], '${network.id}',
      'I' || n || '-' || c, 'B' || n || '-' || c, 'KGS', case when (h + c) % 3 = 0 then 'on_loan' else 'available' end
    from (select id, abs(hashtext(id::text)) as h, row_number() over () as n from bib_records) b
      cross join lateral generate_series(1, (b.h % 4)::int) as c`);
  console.log(`\nrecords and copies in ${((Date.now() - t0) / 1000).toFixed(0)} s; building the search rows and indexes`);
  await database.query('drop table bench_base');
  const isSearchIndex = (i: { def: string }) => / ON public\.bib_search /.test(i.def);
  for (const i of indexes.filter((x) => !isSearchIndex(x))) await database.query(i.def);
  // The base records' rows (written by the triggers before) are written again, now with their copies.
  await database.query('truncate bib_search');
  for (const table of ['bib_records', 'items']) await database.query(`alter table ${table} enable trigger user`);
  await database.query(`select kp_search_write(array(select id from bib_records))`);
  for (const i of indexes.filter(isSearchIndex)) await database.query(i.def);
  await database.query('vacuum analyze');
  await database.query(`create table bench_loaded as select ${records}::int as records, '${kind}'::text as kind`);
  console.log(`loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { libs, login: staff.login };
}

/** The stress catalogue: the base records copied with varied titles and years. */
async function multiply(database: Database, records: number) {
  const copies = Math.ceil(records / BASE) - 1;
  for (let k = 1; k <= copies; k += 20) {
    await database.query(`
      insert into bib_records (format, marc, control_number, control_source, title, other_title, responsibility, authors, first_author,
        publisher, place, year, edition, isbns, issn, language, subjects, bbk, udc, series, extent, notes, summary, material_type,
        age_label, description, sort_title, search_title, search_authors, search_subjects, search_other)
      select format, marc, null, null, v.title, other_title, responsibility, authors, first_author, publisher, place,
        1950 + (coalesce(year, 1990) + k) % 76, edition, '{}', issn, language, subjects, bbk, udc, series, extent, notes, summary,
        material_type, age_label, description, lower(v.title), v.title || ' ' || other_title, search_authors, search_subjects, search_other
      from bench_base b
        cross join generate_series(${k}, ${Math.min(k + 19, copies)}) as k
        cross join lateral (select trim(b.title || ' ' || (${quoted(SUFFIXES)})[1 + abs(k + hashtext(b.id::text)) % ${SUFFIXES.length}]) as title) v`);
    process.stdout.write(`\r${BASE * (Math.min(k + 19, copies) + 1)} records`);
  }
}

/**
 * The realistic catalogue. Each record n draws its values from hashes of n (bench_u: uniform in [0, 1));
 * a rank from a Zipf–Mandelbrot distribution over N items with offset q is the inverse of its
 * continuous distribution function: 1 + floor(q · ((N + q) / q)^u − q).
 */
async function generate(database: Database, records: number) {
  const vocab = { rus: russianWords(), kir: kyrgyzWords(), eng: englishWords() };
  const names = surnames();
  const headings = subjectHeadings();
  await database.query('create table bench_words (lang text, rank int, word text, primary key (lang, rank))');
  for (const [lang, words] of Object.entries(vocab))
    await database.query(`insert into bench_words select $1, r, w from unnest($2::text[]) with ordinality as t(w, r)`, [lang, words]);
  await database.query('create table bench_names (rank int primary key, name text)');
  await database.query(`insert into bench_names select r, w from unnest($1::text[]) with ordinality as t(w, r)`, [names]);
  await database.query('create table bench_subjects (rank int primary key, heading text)');
  await database.query(`insert into bench_subjects select r, w from unnest($1::text[]) with ordinality as t(w, r)`, [headings]);
  await database.query('analyze bench_words, bench_names, bench_subjects, bench_base');
  await database.query(`create function bench_u(n bigint) returns float8 language sql immutable parallel safe
    return (hashint8(n) & 2147483647)::float8 / 2147483648`);
  await database.query(`create function bench_zipf(u float8, n int, q float8) returns int language sql immutable parallel safe
    return least(n, 1 + floor(q * power((n + q) / q, u) - q)::int)`);
  const initials = quoted('А Б В Г Д Е Ж З И К Л М Н О П Р С Т У Ч Ш Э'.split(' '));
  const size = (lang: string) => `case ${lang} when 'rus' then ${vocab.rus.length} when 'kir' then ${vocab.kir.length} else ${vocab.eng.length} end`;
  // One record's values from the hashes of h = 64·n + i; `fields` lists them for the generated records and the famous ones.
  const values = (h: string) => `
    cross join lateral (select case when bench_u(${h} + 50) < 0.35 then (${quoted(OTHER_TITLES)})[1 + floor(bench_u(${h} + 51) * ${OTHER_TITLES.length})::int] else '' end as other_title,
      (${quoted(PUBLISHERS)})[1 + floor(bench_u(${h} + 52) * ${PUBLISHERS.length})::int] as publisher,
      (${quoted(PLACES)})[1 + floor(bench_u(${h} + 53) * ${PLACES.length})::int] as place,
      1950 + floor(power(bench_u(${h} + 54), 0.7) * 76)::int as year) o`;
  const famousTotal = FAMOUS.reduce((n, f) => n + f[4], 0);
  const generated = records - BASE - famousTotal;
  const CHUNK = 100_000;
  const started = Date.now();
  for (let from = 1; from <= generated; from += CHUNK) {
    const to = Math.min(generated, from + CHUNK - 1);
    await database.query(`
      insert into bib_records (${COLUMNS})
      select b.format, b.marc, t.title, o.other_title, a.responsibility, a.authors, a.authors[1], o.publisher, o.place, o.year, '{}',
        l.lang, array[s.heading], b.bbk, b.udc, b.extent, b.material_type, b.age_label, b.description, ${SORT_KEY('t.title')},
        trim(t.title || ' ' || o.other_title), trim(array_to_string(a.authors, ' ') || ' ' || a.responsibility), s.heading,
        concat_ws(' ', o.publisher, o.place, o.year, array_to_string(b.bbk, ' '))
      from generate_series(${from}::bigint, ${to}) as n
        join bench_base b on b.base_no = n % ${BASE}
        cross join lateral (select case when bench_u(64 * n) < 0.65 then 'rus' when bench_u(64 * n) < 0.95 then 'kir' else 'eng' end as lang) l
        cross join lateral (select upper(left(x, 1)) || substr(x, 2) as title from (
          select string_agg(word, ' ' order by j) as x from (
            select word, min(j) as j from (
              select j, (select w.word from bench_words w where w.lang = l.lang and w.rank = bench_zipf(bench_u(64 * n + 1 + j), ${size('l.lang')}, ${ZIPF.titleWords})) as word
              from generate_series(1, 1 + floor(bench_u(64 * n + 1) * 5)::int) as j) p
            group by word) d) x) t
        cross join lateral (select coalesce(array_agg(name || ', ' || i1 || '. ' || i2 || '.' order by i), '{}') as authors,
            coalesce(string_agg(i1 || '. ' || i2 || '. ' || name, ', ' order by i), '') as responsibility
          from generate_series(1, case when bench_u(64 * n + 20) < 0.15 then 0 when bench_u(64 * n + 20) < 0.9 then 1 else 2 end) as i
            cross join lateral (select (${initials})[1 + floor(bench_u(64 * n + 21 + i) * 22)::int] as i1,
              (${initials})[1 + floor(bench_u(64 * n + 23 + i) * 22)::int] as i2,
              (select nm.name from bench_names nm where nm.rank = bench_zipf(bench_u(64 * n + 25 + i), ${names.length}, ${ZIPF.surnames})) as name) z) a
        cross join lateral (select (select heading from bench_subjects where rank = bench_zipf(bench_u(64 * n + 30), ${headings.length}, ${ZIPF.subjects})) as heading) s
        ${values('64 * n')}`);
    process.stdout.write(`\r${BASE + to} records (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  // The famous books: each in its number of records (editions, translations' originals, copies records).
  const famous = FAMOUS.map(([title, authors, lang, subject, count], i) => `(${i}, '${title}', ${quoted(authors)}::text[], '${lang}', '${subject}', ${count})`);
  await database.query(`
    insert into bib_records (${COLUMNS})
    select b.format, b.marc, f.title, o.other_title, r.responsibility, f.authors, f.authors[1], o.publisher, o.place, o.year, '{}',
      f.lang, array[f.subject], b.bbk, b.udc, b.extent, 'book', b.age_label, b.description, ${SORT_KEY('f.title')},
      trim(f.title || ' ' || o.other_title), trim(array_to_string(f.authors, ' ') || ' ' || r.responsibility), f.subject,
      concat_ws(' ', o.publisher, o.place, o.year, array_to_string(b.bbk, ' '))
    from (values ${famous.join(',')}) as f(i, title, authors, lang, subject, count)
      cross join lateral (select coalesce(string_agg(split_part(a, ', ', 2) || ' ' || split_part(a, ', ', 1), ', '), '') as responsibility
        from unnest(f.authors) as a) r
      cross join generate_series(1, f.count) as c
      join bench_base b on b.base_no = (1000 * f.i + c) % ${BASE}
      ${values('64 * (10000000 + 1000 * f.i + c)')}`);
  for (const t of ['bench_words', 'bench_names', 'bench_subjects']) await database.query(`drop table ${t}`);
  for (const f of ['bench_u', 'bench_zipf']) await database.query(`drop function ${f}`);
  console.log(`\nvocabulary: ${vocab.rus.length} Russian, ${vocab.kir.length} Kyrgyz, ${vocab.eng.length} English title words; ${names.length} surnames; ${headings.length} subject headings`);
}
