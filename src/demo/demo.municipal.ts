/**
 * The municipal information centre of the demo: reference requests from the айыл окмоту of the Kemin
 * network (one answered with sources, one in work, one overdue, one closed, one received by phone) and
 * the demo official's ИРИ subscriptions with a digest in the portal inbox. Dates are relative to the
 * day the demo is loaded, so the overdue one is always overdue.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import { bibRecords } from '../catalog';
import { municipalRequestMessages, municipalRequests, sdiDigests, sdiSubscriptions, type TAnswerSource } from '../municipal';
import { municipalities } from '../network';
import { staffUsers } from '../staff/staff.tables';
import { addDays, daysAgo } from './demo.random';

const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+06:00`);

/** Inserts the demo's requests and subscriptions (inside the demo's transaction); returns how many requests. */
export async function insertDemoMunicipal(tx: Db, keminId: string): Promise<number> {
  const people = await tx.select({ id: staffUsers.id, login: staffUsers.login, fullName: staffUsers.fullName, position: staffUsers.position }).from(staffUsers).where(inArray(staffUsers.login, ['official', 'librarian', 'methodist']));
  const person = (login: string) => people.find((p) => p.login === login);
  const official = person('official');
  const librarian = person('librarian');
  const methodist = person('methodist');
  const places = await tx.select({ id: municipalities.id, name: municipalities.name }).from(municipalities).where(eq(municipalities.networkId, keminId));
  const shabdan = places.find((m) => m.name.startsWith('Шабдан'));
  const ko = places.find((m) => m.name.startsWith('Кызыл-Октябр'));
  if (!official || !librarian || !methodist || !shabdan || !ko) return 0;
  const [classic] = await tx.select({ id: bibRecords.id, title: bibRecords.title }).from(bibRecords).where(and(eq(bibRecords.isDeleted, false), sql`${bibRecords.title} = 'Джамиля'`)).limit(1);
  const today = daysAgo(0);

  const pastureSources: TAnswerSource[] = [
    { kind: 'url', url: 'https://cbd.minjust.gov.kg/', title: 'Закон Кыргызской Республики «О пастбищах» — Централизованный банк данных правовой информации' },
    { kind: 'url', url: 'https://www.pasture.kg/', title: 'Пастбищные комитеты: вопросы и ответы' },
  ];
  type Person = NonNullable<typeof official>;
  interface DemoRequest {
    number: number;
    municipalityId: string;
    channel: 'portal' | 'phone';
    type: 'factual' | 'thematic' | 'address' | 'clarifying';
    topic: string;
    text: string;
    received: string;
    due: string;
    status: 'new' | 'in_progress' | 'answered' | 'closed';
    requester?: Person;
    requesterName?: string;
    requesterPosition?: string;
    assignee?: Person;
    answeredDays?: number;
    answer?: { body: string; sources: TAnswerSource[] };
  }
  const rows: DemoRequest[] = [
    {
      number: 1, municipalityId: shabdan.id, channel: 'portal', type: 'factual',
      topic: 'Закон о пастбищах в действующей редакции',
      text: 'Нужен текст закона «О пастбищах» с последними изменениями и порядок выдачи пастбищных билетов.',
      received: daysAgo(20), due: addDays(daysAgo(20), 4), status: 'answered', requester: official, assignee: librarian, answeredDays: 17,
      answer: { body: 'Направляем текст Закона КР «О пастбищах» в действующей редакции и разъяснения о пастбищных билетах. Печатный экземпляр подборки — в филиале № 21.', sources: pastureSources },
    },
    {
      number: 2, municipalityId: shabdan.id, channel: 'portal', type: 'thematic',
      topic: 'Материалы о местном бюджетировании с участием граждан',
      text: 'Для сессии айылного кенеша: опыт других айыл окмоту, публикации журнала «Местное самоуправление».',
      received: daysAgo(3), due: addDays(today, 4), status: 'in_progress', requester: official, assignee: librarian,
    },
    {
      number: 3, municipalityId: shabdan.id, channel: 'portal', type: 'address',
      topic: 'Адреса и телефоны районных служб по земельным вопросам',
      text: '', received: daysAgo(12), due: addDays(daysAgo(12), 3), status: 'new', requester: official,
    },
    {
      number: 4, municipalityId: shabdan.id, channel: 'portal', type: 'clarifying',
      topic: 'Год рождения Шабдана Джантаева для юбилейных мероприятий',
      text: '', received: daysAgo(60), due: addDays(daysAgo(60), 3), status: 'closed', requester: official, assignee: methodist, answeredDays: 59,
      answer: { body: 'Шабдан Джантаев родился в 1839 году. Подборка литературы о нём — в центральной библиотеке.', sources: classic ? [{ kind: 'record', recordId: classic.id, title: classic.title }] : [] },
    },
    {
      number: 5, municipalityId: ko.id, channel: 'phone', type: 'factual',
      topic: 'Нормы санитарных требований к сельским библиотекам',
      text: 'Звонок главы айыл окмоту перед ремонтом библиотеки-филиала № 30.',
      received: daysAgo(9), due: addDays(daysAgo(9), 3), status: 'in_progress', requesterName: 'Алымкулов Кубан Мелисович', requesterPosition: 'глава Кызыл-Октябрьского айыл окмоту', assignee: methodist,
    },
  ];
  for (const r of rows) {
    const answeredAt = r.answeredDays !== undefined ? at(daysAgo(r.answeredDays), '15:30') : null;
    const author = r.requester ?? null;
    const [request] = await tx
      .insert(municipalRequests)
      .values({
        networkId: keminId,
        municipalityId: r.municipalityId,
        number: r.number,
        channel: r.channel,
        type: r.type,
        topic: r.topic,
        text: r.text,
        dueOn: r.due,
        status: r.status,
        requesterId: author?.id ?? null,
        requesterName: author?.fullName ?? r.requesterName ?? '',
        requesterPosition: author?.position ?? r.requesterPosition ?? '',
        assigneeId: r.assignee?.id ?? null,
        createdBy: author?.id ?? methodist.id,
        receivedAt: at(r.received),
        firstAnsweredAt: answeredAt,
        answeredAt,
        closedAt: r.status === 'closed' ? at(daysAgo(55)) : null,
      })
      .returning({ id: municipalRequests.id });
    const messages: (typeof municipalRequestMessages.$inferInsert)[] = [
      { requestId: request!.id, kind: 'question', authorId: author?.id ?? null, authorName: author?.fullName ?? r.requesterName ?? '', body: r.text || r.topic, createdAt: at(r.received) },
    ];
    if (r.answer && answeredAt) {
      const by = r.assignee ?? librarian;
      messages.push({ requestId: request!.id, kind: 'answer', authorId: by.id, authorName: by.fullName, body: r.answer.body, sources: r.answer.sources, createdAt: answeredAt });
    }
    await tx.insert(municipalRequestMessages).values(messages);
  }

  const [selfGovernment] = await tx
    .insert(sdiSubscriptions)
    .values([
      { ownerId: official.id, networkId: keminId, municipalityId: shabdan.id, topic: 'Местное самоуправление', query: { q: 'местное самоуправление' }, frequency: 'weekly', isEmailed: false, since: at(daysAgo(90)), lastRunAt: at(daysAgo(7), '06:00') },
      { ownerId: official.id, networkId: keminId, municipalityId: shabdan.id, topic: 'Пастбища и земельные отношения', query: { subject: 'пастбища' }, frequency: 'monthly', isEmailed: false, since: at(daysAgo(30)) },
    ])
    .returning({ id: sdiSubscriptions.id });
  const recent = await tx.select({ id: bibRecords.id, title: bibRecords.title, description: bibRecords.description, year: bibRecords.year }).from(bibRecords).where(eq(bibRecords.isDeleted, false)).limit(3);
  if (selfGovernment && recent.length) {
    await tx.insert(sdiDigests).values({
      subscriptionId: selfGovernment.id,
      ownerId: official.id,
      topic: 'Местное самоуправление',
      items: recent.map((b) => ({ recordId: b.id, title: b.title, description: b.description, year: b.year })),
      createdAt: at(daysAgo(7), '06:00'),
    });
  }
  return rows.length;
}
