/**
 * The commission reviews a false match once: a record and list entry dismissed in an earlier closed
 * check of the network come dismissed again in the next check — with who, when and why — while a
 * changed entry, another network's dismissal or an earlier confirmation are left for review. And the
 * versions of the list are found by file name or date, a page at a time.
 */
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../test/harness';
import { checkedNetwork } from './extremist.test-support';

interface Match {
  id: string;
  recordId: string;
  entryNumber: number;
  decision: string;
  note: string;
  decidedBy: string | null;
  carried: boolean;
  earlier: { decision: string; note: string; decidedBy: string | null; decidedAt: string | null; checkedOn: string } | null;
}

const list = (second: string, tag: string) => `1. Книга Иванова И.И. «Путь воина света» (решение суда от 01.02.2010);
2. ${second} (решение суда от 12.03.2011);
3. Листовка «Ночной дозор на рассвете» (решение суда от 05.05.2012);
4. Брошюра «${tag}» (решение суда);
`;

describeOnEachDatabase('dismissals carried into later checks', (ctx) => {
  it('pre-dismisses the pairs an earlier closed check dismissed, saying who, when and why', async () => {
    const { http, held, list: upload, check } = await checkedNetwork(ctx);
    const other = await checkedNetwork(ctx);
    const warrior = await held('Путь воина света: роман', ['Иванов, И. И.']);
    const leaflet = await held('Слово о полку чёрном');
    const dozor = await held('Ночной дозор на рассвете');
    await other.held('Путь воина света', ['Иванов, И. И.']);
    const matchesOf = async (checkId: string) =>
      (await http.get(`/api/v1/catalog/extremist/checks/${checkId}/matches`)).json<{ items: Match[] }>().items;
    const byRecord = (matches: Match[], recordId: string) => matches.find((m) => m.recordId === recordId)!;

    // The first check: the warrior and the leaflet dismissed with reasons, the dozor flagged; closed.
    const first = await check(await upload(list('Листовка «Слово о полку чёрном»', crypto.randomUUID()), '?publishedOn=2026-11-01'), '2026-11-02');
    const firstMatches = await matchesOf(first);
    expect(firstMatches.every((m) => m.decision === 'pending' && !m.carried && m.earlier === null)).toBe(true);
    const decide = (checkId: string, matchId: string, body: object) => http.post(`/api/v1/catalog/extremist/checks/${checkId}/matches/${matchId}`, body);
    expect((await decide(first, byRecord(firstMatches, warrior).id, { decision: 'dismissed', note: 'Другой автор: Иванов Пётр, 1999' })).statusCode).toBe(200);
    expect((await decide(first, byRecord(firstMatches, leaflet).id, { decision: 'dismissed', note: 'Сборник стихов' })).statusCode).toBe(200);
    expect((await decide(first, byRecord(firstMatches, dozor).id, { decision: 'confirmed', action: 'flag' })).statusCode).toBe(200);

    // A check while the first is still open repeats nothing: its dismissals may still change.
    const listId = await upload(list('Листовка «Слово о палку чёрном»', crypto.randomUUID()), '?publishedOn=2026-12-01');
    const meanwhile = await check(listId, '2026-12-01');
    expect((await matchesOf(meanwhile)).every((m) => m.decision === 'pending')).toBe(true);
    expect((await http.post(`/api/v1/catalog/extremist/checks/${first}/close`)).statusCode).toBe(200);

    // The next check of a newer edition: entry 1 is the same, so the warrior comes dismissed; entry 2's
    // title is written otherwise now, so the leaflet is reviewed again; the flagged dozor is reviewed
    // again (to withdraw it), its earlier confirmation shown.
    const next = await check(listId, '2026-12-02');
    const matches = await matchesOf(next);
    const carried = byRecord(matches, warrior);
    expect(carried).toMatchObject({ decision: 'dismissed', carried: true, note: 'Другой автор: Иванов Пётр, 1999', decidedBy: expect.any(String) });
    expect(carried.earlier).toMatchObject({ decision: 'dismissed', checkedOn: '2026-11-02', note: 'Другой автор: Иванов Пётр, 1999', decidedBy: carried.decidedBy });
    expect(Date.parse(carried.earlier!.decidedAt!)).not.toBeNaN();
    expect(byRecord(matches, leaflet)).toMatchObject({ decision: 'pending', carried: false });
    expect(byRecord(matches, dozor)).toMatchObject({ decision: 'pending', carried: false, earlier: expect.objectContaining({ decision: 'confirmed', checkedOn: '2026-11-02' }) });
    expect((await http.get(`/api/v1/catalog/extremist/checks/${next}`)).json<{ matchesPending: number }>().matchesPending).toBe(2);

    // The commission may still confirm a carried dismissal: then it is its own decision.
    expect((await decide(next, carried.id, { decision: 'pending' })).statusCode).toBe(200);
    expect(byRecord(await matchesOf(next), warrior)).toMatchObject({ decision: 'pending', carried: false, decidedBy: null });

    // Another network's check dismisses nothing of this one's, and the other's pairs are its own.
    const otherCheck = await other.check(listId, '2026-12-02');
    const otherMatches = (await other.http.get(`/api/v1/catalog/extremist/checks/${otherCheck}/matches`)).json<{ items: Match[] }>().items;
    expect(otherMatches.map((m) => [m.entryNumber, m.decision, m.earlier])).toEqual([[1, 'pending', null]]);
  });

  it('finds versions of the list by file name or date, a page at a time', async () => {
    const { http, list: upload } = await checkedNetwork(ctx);
    const tag = crypto.randomUUID().slice(0, 8);
    for (let i = 1; i <= 3; i++) await upload(list(`Листовка «Версия ${i}»`, `${tag}-${i}`), `?sourceName=fsem-${tag}-${i}.txt&publishedOn=2026-0${i}-15`);
    const versions = async (query: string) => (await http.get(`/api/v1/catalog/extremist/lists${query}`)).json<{ items: { sourceName: string }[]; total: number }>();
    expect((await versions(`?q=${tag}`)).items.map((v) => v.sourceName)).toEqual([3, 2, 1].map((i) => `fsem-${tag}-${i}.txt`));
    expect(await versions(`?q=FSEM-${tag}-2`)).toMatchObject({ total: 1, items: [{ sourceName: `fsem-${tag}-2.txt` }] });
    expect((await versions(`?q=15.02.2026`)).items.map((v) => v.sourceName)).toContain(`fsem-${tag}-2.txt`);
    const page2 = await versions(`?q=${tag}&pageSize=2&page=2`);
    expect(page2).toMatchObject({ total: 3, items: [{ sourceName: `fsem-${tag}-1.txt` }] });
  });
});
