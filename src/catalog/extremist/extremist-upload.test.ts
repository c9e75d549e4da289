/**
 * The list as a file: its bytes in UTF-8 (BOM or not), UTF-16 or a Cyrillic code page are read as the
 * letters they are; a file no encoding explains is refused, in the person's language, rather than
 * imported as «�����» that the check would never find.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNetwork, buildStaff, login, type Session } from '../../test/factories';
import { describeOnEachDatabase, type TestContext } from '../../test/harness';
import { encodeSingleByte } from '../marc';
import { decodeListBytes, listUploadText } from './extremist-decode';

const LIST = `Федеральный список экстремистских материалов
(по состоянию на 01.12.2026)

1. Книга П.П. Петрова «Тёмная сторона луны» (решение Ленинского районного суда г. Уфы от 12.03.2010);
2. Сборник статей «Над степью ветер» С.С. Сидорова (решение Кировского районного суда г. Казани от 01.02.2011);
3. Брошюра "Правда о великом походе" (решение Советского районного суда г. Томска от 22.07.2014);
`;

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

describe('the bytes of a list', () => {
  it('reads UTF-8 with or without BOM, UTF-16 with BOM, CP1251, CP866 and KOI8-R', () => {
    expect(decodeListBytes(Buffer.from(LIST, 'utf8'))).toEqual({ text: LIST, encoding: 'utf-8' });
    expect(decodeListBytes(Buffer.from(`\uFEFF${LIST}`, 'utf8'))).toEqual({ text: LIST, encoding: 'utf-8' });
    expect(decodeListBytes(utf16le(LIST))).toEqual({ text: LIST, encoding: 'utf-16le' });
    for (const encoding of ['cp1251', 'cp866', 'koi8-r'] as const) {
      const bytes = encodeSingleByte(LIST.replaceAll('«', '"').replaceAll('»', '"'), encoding);
      expect(decodeListBytes(bytes), encoding).toEqual({
        text: LIST.replaceAll('«', '"').replaceAll('»', '"'),
        encoding,
      });
    }
    // One short entry is enough to tell CP1251 from the others.
    expect(decodeListBytes(encodeSingleByte('1. Книга «Луна»;', 'cp1251')).text).toBe('1. Книга «Луна»;');
  });

  it('refuses bytes no encoding reads and the control characters of a binary file, naming the line', () => {
    const broken = Buffer.concat([
      Buffer.from('1. Книга «Луна»;\n2. Книга «', 'utf8'),
      Buffer.from([0xd0]),
      Buffer.from('Солнце»;\n', 'utf8'),
    ]);
    expect(() => listUploadText(broken)).toThrow(
      expect.objectContaining({ status: 422, code: 'extremist_list_encoding', messageParams: { line: 2 } }),
    );
    expect(() =>
      listUploadText(Buffer.from([0x30, 0x30, 0x35, 0x36, 0x32, 0x6e, 0x61, 0x6d, 0x1e, 0x1f, 0x61, 0x1d])),
    ).toThrow(expect.objectContaining({ status: 422 }));
    expect(() => listUploadText('1. Книга «�����»;')).toThrow(
      expect.objectContaining({ code: 'extremist_list_encoding' }),
    );
    // A DOS end-of-file mark is no reason to refuse a list.
    expect(listUploadText(Buffer.from('1. Книга «Луна»;\r\n\u001a'))).toBe('1. Книга «Луна»;\r\n');
  });
});

/** Uploads the bytes of a list as the staff app does (the file itself as the body). */
const upload = (ctx: TestContext, session: Session, bytes: Uint8Array, lang = 'ru') =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/v1/catalog/extremist/lists?sourceName=fsem.txt',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'content-type': 'application/octet-stream',
      'accept-language': lang,
    },
    payload: Buffer.from(bytes),
  });

describeOnEachDatabase('uploading the Federal list in any encoding', (ctx) => {
  let cataloguer: Session;

  beforeAll(async () => {
    const network = await buildNetwork(ctx.database.db, { country: 'RU' });
    cataloguer = await login(ctx.app, (await buildStaff(ctx.database.db, 'cataloguer', 'network', network.id)).login);
  });

  it('imports a CP1251 list with its Russian letters', async () => {
    const res = await upload(
      ctx,
      cataloguer,
      encodeSingleByte(LIST.replaceAll('«', '"').replaceAll('»', '"').replace(/\n/g, '\r\n'), 'cp1251'),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ entryCount: 3, skipped: 2 });
    const rows = await ctx.database.query<{ number: number; text: string; title_key: string }>(
      `select e.number, e.text, e.title_key from extremist_entries e join extremist_lists l on l.id = e.list_id where l.id = $1 order by e.number`,
      [res.json<{ id: string }>().id],
    );
    expect(rows.map((r) => r.title_key)).toEqual([
      'темная сторона луны',
      'над степью ветер',
      'правда о великом походе',
    ]);
    expect(rows[0]!.text).toBe(
      'Книга П.П. Петрова "Тёмная сторона луны" (решение Ленинского районного суда г. Уфы от 12.03.2010)',
    );
  });

  it('refuses a file it cannot read, with the line, in the person’s language', async () => {
    const bytes = Buffer.concat([
      Buffer.from('1. Книга «Луна»;\n2. Книга «', 'utf8'),
      Buffer.from([0xd0]),
      Buffer.from('Солнце»;\n', 'utf8'),
    ]);
    const res = await upload(ctx, cataloguer, bytes);
    expect(res.statusCode).toBe(422);
    const problem = res.json<{ code: string; detail: string; errors: { field: string }[] }>();
    expect(problem.code).toBe('extremist_list_encoding');
    expect(problem.errors.map((e) => e.field)).toEqual(['file']);
    expect(problem.detail).toContain('в строке 2');
    const binary = await upload(
      ctx,
      cataloguer,
      Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256),
    );
    expect(binary.json<{ code: string }>().code).toBe('extremist_list_encoding');
  });
});
