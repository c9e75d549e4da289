/**
 * What makes an act: a check closes only once every match is decided, its act is a draft (ПРОЕКТ, no
 * final wording, no signatures) until then, the commission is a chair and at least one member, and the
 * dates make sense — no check or edition in the future or before 2000, no check before its edition.
 */
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../test/harness';
import { latestToday } from './extremist.schemas';
import { actText, checkedNetwork, COMMISSION, uploadList } from './extremist.test-support';

const LIST = `1. Книга Иванова И.И. «Путь воина света» (решение суда от 01.02.2010);
2. Листовка «Слово о полку чёрном» (решение суда от 12.03.2011);
`;

/** The day after `iso`. */
const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describeOnEachDatabase('closing a check and its act', (ctx) => {
  it('refuses to close while matches are undecided; the act of an open check is a draft', async () => {
    const { http, held, list, check } = await checkedNetwork(ctx);
    await held('Путь воина света', ['Иванов, И. И.']);
    await held('Слово о полку чёрном');
    const checkId = await check(await list(LIST, '?publishedOn=2026-11-30'), '2026-12-01');
    const base = `/api/v1/catalog/extremist/checks/${checkId}`;
    const matches = (await http.get(`${base}/matches`)).json<{ items: { id: string }[] }>().items;
    expect(matches).toHaveLength(2);

    const early = await http.post(`${base}/close`);
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string; title: string }>()).toMatchObject({ code: 'extremist_check_undecided', title: expect.stringContaining('— 2') });
    expect((await http.get(base)).json<{ status: string }>().status).toBe('open');

    // The draft: marked as such on the page, nothing final said, nothing to sign.
    const draft = await http.get(`${base}/act.pdf`);
    expect(draft.statusCode).toBe(200);
    expect(draft.headers['content-disposition']).toContain('fsem-act-draft-2026-12-01.pdf');
    const draftText = actText(draft.rawPayload);
    if (draftText !== null) {
      const flat = draftText.replace(/\s+/g, ' ');
      expect(flat).toContain('ПРОЕКТ АКТА');
      expect(flat).toContain('ПРОЕКТ — сверка не закрыта');
      expect(flat).toContain('проводит сверку');
      expect(flat).toContain('Не рассмотрено: 2');
      expect(flat).toContain('пока нет');
      expect(flat).not.toContain('провела сверку');
      expect(flat).not.toContain('не выявлено');
      expect(flat).not.toContain('____');
    }

    await http.post(`${base}/matches/${matches[0]!.id}`, { decision: 'dismissed', note: 'Другое издание' });
    const stillOne = await http.post(`${base}/close`);
    expect(stillOne.json<{ title: string }>().title).toContain('— 1');
    await http.post(`${base}/matches/${matches[1]!.id}`, { decision: 'dismissed' });
    expect((await http.post(`${base}/close`)).statusCode).toBe(200);

    const final = await http.get(`${base}/act.pdf`);
    expect(final.headers['content-disposition']).toContain('fsem-act-2026-12-01.pdf');
    const finalText = actText(final.rawPayload);
    if (finalText !== null) {
      const flat = finalText.replace(/\s+/g, ' ');
      expect(flat).not.toContain('ПРОЕКТ');
      expect(flat).toContain('провела сверку');
      expect(flat).toContain('не выявлено');
      expect(flat).toContain('Смирнова А. А.');
      expect(flat).toContain('____');
    }
  });

  it('wants a chair and a member, and dates that make sense', async () => {
    const { network, cataloguer, http, list } = await checkedNetwork(ctx);
    const listId = await list(`${LIST}3. Книга «${crypto.randomUUID()}» (решение суда);\n`, '?publishedOn=2026-11-30');
    const start = (body: object) => http.post('/api/v1/catalog/extremist/checks', { networkId: network.id, listId, checkedOn: '2026-12-01', commission: COMMISSION, ...body });
    const refusal = async (body: object) => {
      const res = await start(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      return res.json<{ errors: { field: string; message: string }[] }>().errors;
    };

    expect(await refusal({ commission: ['Председатель — Смирнова А. А.'] })).toEqual([{ field: 'commission', code: 'extremist_commission_small', message: expect.stringContaining('председатель') }]);
    expect(await refusal({ commission: [] })).toMatchObject([{ field: 'commission' }]);
    const tomorrowEverywhere = dayAfter(latestToday());
    expect(await refusal({ checkedOn: tomorrowEverywhere })).toEqual([{ field: 'checkedOn', code: 'extremist_date_future', message: expect.stringContaining('ещё не наступила') }]);
    expect(await refusal({ checkedOn: '1999-12-31' })).toEqual([{ field: 'checkedOn', code: 'extremist_date_early', message: expect.stringContaining('2000') }]);
    // Before the edition it checks against: refused, the edition named.
    const before = await refusal({ checkedOn: '2026-11-29' });
    expect(before).toEqual([{ field: 'checkedOn', code: 'extremist_check_before_list', message: expect.stringContaining('30.11.2026') }]);
    // The day of the edition itself, and today, are fine.
    expect((await start({ checkedOn: '2026-11-30' })).statusCode).toBe(201);
    expect((await start({ checkedOn: new Date().toISOString().slice(0, 10) })).statusCode).toBe(201);

    // An edition dated in the future or before 2000 is refused on upload.
    for (const [publishedOn, code] of [
      [tomorrowEverywhere, 'extremist_date_future'],
      ['1990-01-01', 'extremist_date_early'],
    ] as const) {
      const res = await uploadList(ctx, cataloguer, '1. Книга «Тест»\n', `?publishedOn=${publishedOn}`);
      expect(res.statusCode, publishedOn).toBe(422);
      expect(res.json<{ errors: { field: string; code: string }[] }>().errors).toEqual([expect.objectContaining({ field: 'query.publishedOn', code })]);
    }
  });
});
