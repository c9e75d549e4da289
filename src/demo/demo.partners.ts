/**
 * Partners, contributions, grants and two outreach seminars of the demo networks, drawn from the users'
 * own reports: Kemin's seminars at branch № 30 (с. Дорожное, Кызыл-Октябрьский а/о: whitewash, paint,
 * furniture from the айыл окмоту) and № 21 (с. Подгорное), with guests from the Chui regional
 * administration and library; Alamudun's district budget (1 205 books for 210 600 сом, furniture for
 * 833 900 сом, repairs for 1 830 300 сом), the "Местное самоуправление" journal with USAID's support,
 * the local paper "Аламудунский вестник"; the sponsors an Osh children's library names (a party,
 * a women's congress, firms). Dates are relative to the day the demo is loaded, so some decisions are
 * always done and some overdue.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../app/db';
import { libraries, municipalities, networks } from '../network';
import { contributions, grants, partnerAgreements, partners } from '../partners';
import { seminarDecisions, seminarParticipants, seminars } from '../seminars';

type PartnerKind = typeof partners.$inferInsert.kind;
type ContributionKind = typeof contributions.$inferInsert.kind;

interface DemoPartner {
  key: string;
  kind: PartnerKind;
  name: string;
  municipality?: string;
  phone?: string;
  contacts: { name: string; position: string }[];
  note?: string;
}

/** YYYY-MM-DD of today moved by a number of days. */
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const KEMIN_PARTNERS: DemoPartner[] = [
  { key: 'ko', kind: 'municipal', name: 'Кызыл-Октябрьский айыл окмоту', municipality: 'Кызыл-Октябрьский айыл окмоту', phone: '+996 (3135) 6-49-12', contacts: [{ name: 'Алымкулов Кубан Мелисович', position: 'глава айыл окмоту' }] },
  { key: 'shabdan', kind: 'municipal', name: 'Шабданский айыл окмоту', municipality: 'Шабданский айыл окмоту', phone: '+996 (3135) 6-38-90', contacts: [{ name: 'Мамытов Эрлан Садырбекович', position: 'глава айыл окмоту' }] },
  { key: 'kemin', kind: 'municipal', name: 'Мэрия г. Кемин', municipality: 'Мэрия г. Кемин', phone: '+996 (3135) 5-10-41', contacts: [{ name: 'Омурзаков Талант Жумабекович', position: 'мэр' }] },
  { key: 'dk', kind: 'culture_house', name: 'Районный Дом культуры', contacts: [{ name: 'Исакова Бурул Токтобековна', position: 'директор' }], note: 'Совместные мероприятия, театрализованные постановки на семинарах.' },
  { key: 'chob', kind: 'other', name: 'Чуйская областная библиотека', contacts: [{ name: 'Каджиева Т.С.', position: 'директор' }, { name: 'Квинт Л.В.', position: 'заместитель директора' }] },
  { key: 'usaid', kind: 'donor', name: 'ЮСАИД (USAID)', contacts: [], note: 'Поддержка подписки на журнал «Местное самоуправление».' },
  { key: 'sodr', kind: 'party', name: 'Политическая партия «Содружество»', contacts: [], note: 'Финансовая поддержка детских мероприятий: КВН, викторины.' },
  { key: 'women', kind: 'ngo', name: 'Конгресс женщин', contacts: [{ name: 'Абдыкалыкова Нурила', position: 'председатель районного отделения' }] },
  { key: 'beta', kind: 'business', name: 'Торговая сеть «Бэта-Кыргызстан»', contacts: [], note: 'Призы для Недели детской книги.' },
  { key: 'school', kind: 'school', name: 'Средняя школа им. Шабдана Джантаева', contacts: [{ name: 'Бейшеналиева Асель', position: 'заместитель директора по воспитательной работе' }] },
];

const ALAMUDUN_PARTNERS: DemoPartner[] = [
  { key: 'rga', kind: 'municipal', name: 'Аламудунская районная государственная администрация', contacts: [{ name: 'Отдел культуры', position: '' }], note: 'Районный бюджет: комплектование, мебель, ремонты.' },
  { key: 'vestnik', kind: 'media', name: 'Газета «Аламудунский вестник»', contacts: [], note: 'Освещает мероприятия и новые поступления библиотек.' },
  { key: 'usaid', kind: 'donor', name: 'ЮСАИД (USAID)', contacts: [], note: 'Журнал «Местное самоуправление» для сельских библиотек.' },
  { key: 'rok', kind: 'culture_house', name: 'Районный отдел культуры', contacts: [], note: 'Творческие коллективы выезжают по 17 айыльным округам.' },
];

interface DemoContribution {
  library: string;
  partner: string;
  kind: ContributionKind;
  value: number;
  quantity?: number;
  daysAgo: number;
  purpose: string;
  seminar?: 'first' | 'second';
}

const KEMIN_CONTRIBUTIONS: DemoContribution[] = [
  { library: 'KEM-F30', partner: 'ko', kind: 'repairs', value: 35_000, daysAgo: 240, purpose: 'Текущий ремонт: побелка, покраска', seminar: 'first' },
  { library: 'KEM-F30', partner: 'ko', kind: 'furniture', value: 48_000, quantity: 6, daysAgo: 200, purpose: 'Книжные стеллажи', seminar: 'first' },
  { library: 'KEM-F21', partner: 'shabdan', kind: 'equipment', value: 42_000, quantity: 1, daysAgo: 120, purpose: 'Компьютер для читателей', seminar: 'second' },
  { library: 'KEM-F21', partner: 'shabdan', kind: 'subscriptions', value: 6_800, daysAgo: 330, purpose: 'Подписка на периодические издания' },
  { library: 'KEM-CB', partner: 'kemin', kind: 'books', value: 96_500, quantity: 410, daysAgo: 300, purpose: 'Пополнение книжного фонда' },
  { library: 'KEM-CB', partner: 'usaid', kind: 'subscriptions', value: 12_000, daysAgo: 380, purpose: 'Журнал «Местное самоуправление»' },
  { library: 'KEM-DB', partner: 'sodr', kind: 'money', value: 15_000, daysAgo: 260, purpose: 'КВН и литературные викторины для детей' },
  { library: 'KEM-DB', partner: 'beta', kind: 'books', value: 8_400, quantity: 60, daysAgo: 250, purpose: 'Призы для Недели детской книги' },
  { library: 'KEM-DB', partner: 'women', kind: 'money', value: 5_000, daysAgo: 90, purpose: 'Праздник «День мам»' },
  { library: 'KEM-F22', partner: 'dk', kind: 'labour', value: 0, quantity: 16, daysAgo: 150, purpose: 'Оформление книжных выставок к Нооруз' },
  { library: 'KEM-F21', partner: 'school', kind: 'labour', value: 0, quantity: 8, daysAgo: 60, purpose: 'Волонтёры-старшеклассники: сбор материалов для летописи села' },
];

const ALAMUDUN_CONTRIBUTIONS: DemoContribution[] = [
  { library: 'ALA-CB', partner: 'rga', kind: 'books', value: 210_600, quantity: 1_205, daysAgo: 420, purpose: 'Пополнение книжного фонда' },
  { library: 'ALA-CB', partner: 'rga', kind: 'furniture', value: 833_900, daysAgo: 400, purpose: 'Офисная мебель, стеллажи, шкафы, столы, мягкая мебель' },
  { library: 'ALA-CB', partner: 'rga', kind: 'repairs', value: 1_830_300, daysAgo: 380, purpose: 'Капитальный ремонт отопительной системы и текущие ремонты зданий' },
  { library: 'ALA-CB', partner: 'usaid', kind: 'subscriptions', value: 9_600, daysAgo: 200, purpose: 'Журнал «Местное самоуправление»' },
];

async function insertPartners(tx: Db, networkId: string, list: DemoPartner[]) {
  const munis = await tx.select().from(municipalities).where(eq(municipalities.networkId, networkId));
  const rows = await tx
    .insert(partners)
    .values(
      list.map((p) => ({
        networkId,
        kind: p.kind,
        name: p.name,
        municipalityId: munis.find((m) => m.name === p.municipality)?.id ?? null,
        phone: p.phone ?? '',
        contacts: p.contacts.map((c) => ({ ...c, phone: '', email: '' })),
        note: p.note ?? '',
      })),
    )
    .returning();
  return new Map(list.map((p, i) => [p.key, rows[i]!.id]));
}

async function insertContributions(
  tx: Db,
  networkId: string,
  list: DemoContribution[],
  ids: { partners: Map<string, string>; libraries: Map<string, string>; seminars?: Record<'first' | 'second', string> },
) {
  await tx.insert(contributions).values(
    list.map((c) => ({
      networkId,
      libraryId: ids.libraries.get(c.library)!,
      partnerId: ids.partners.get(c.partner)!,
      kind: c.kind,
      value: c.value,
      currency: 'KGS' as const,
      quantity: c.quantity ?? null,
      receivedOn: dayOffset(-c.daysAgo),
      purpose: c.purpose,
      seminarId: c.seminar && ids.seminars ? ids.seminars[c.seminar] : null,
    })),
  );
}

/** The two Kemin seminars of the past year with protocols and decisions, and the next one planned. */
async function insertSeminars(tx: Db, networkId: string, lib: Map<string, string>) {
  const [first, second] = await tx
    .insert(seminars)
    .values([
      {
        networkId,
        hostLibraryId: lib.get('KEM-F30')!,
        protocolNumber: '1',
        theme: 'Библиотека, как центр просвещения и сохранения народных традиций',
        heldOn: dayOffset(-250),
        status: 'held' as const,
        place: 'с. Дорожное, библиотека-филиал № 30',
        agenda: ['Библиотека, как центр просвещения и сохранения народных традиций', 'Работа библиотек с айыл окмоту', 'Театрализованный отрывок из спектакля (Районный Дом культуры)'],
        protocol: {
          chair: 'Жумабаева Г.А., директор Кеминской ЦБС',
          secretary: 'Абдыкадырова А.Т., методист',
          attendeesTotal: 34,
          heard: [{ speaker: 'Жумабаева Г.А.', topic: 'Библиотека как центр просвещения и сохранения народных традиций', summary: 'Об опыте выездных семинаров с 2001 года; библиотеки обмениваются опытом работы.' }],
          spoke: [
            { speaker: 'Каджиева Т.С., директор Чуйской областной библиотеки', text: 'Отметила хорошую работу филиала, рекомендовала участвовать в областных конкурсах.' },
            { speaker: 'Алымкулов К.М., глава Кызыл-Октябрьского айыл окмоту', text: 'Айыл окмоту проведёт текущий ремонт библиотеки и приобретёт книжные стеллажи.' },
          ],
          questions: [{ question: 'Когда библиотеке подключат Интернет?', askedBy: 'библиотекарь филиала № 30', answer: 'Вопрос будет рассмотрен при составлении бюджета айыл окмоту.', answeredBy: 'Алымкулов К.М.' }],
          conclusion: 'Семинар признан полезным; следующий провести в филиале № 21 с. Подгорное.',
        },
      },
      {
        networkId,
        hostLibraryId: lib.get('KEM-F21')!,
        protocolNumber: '2',
        theme: 'Библиотеки и социальное партнёрство',
        heldOn: dayOffset(-130),
        status: 'held' as const,
        place: 'с. Подгорное, библиотека-филиал № 21',
        agenda: ['Библиотеки и социальное партнёрство', 'Сбор материалов для летописи села', 'Разное'],
        protocol: {
          chair: 'Жумабаева Г.А., директор Кеминской ЦБС',
          secretary: 'Абдыкадырова А.Т., методист',
          attendeesTotal: 29,
          heard: [
            { speaker: 'Абдыкадырова А.Т., методист', topic: 'Социальное партнёрство библиотек с айыл окмоту, школами и Домом культуры', summary: 'Партнёрство с МСУ пополняет фонд, даёт подписку и укрепляет материальную базу.' },
            { speaker: 'Исмаилова Ч.Б., библиотекарь филиала № 21', topic: 'Летопись села Подгорное', summary: '' },
          ],
          spoke: [{ speaker: 'Мамытов Э.С., глава Шабданского айыл окмоту', text: 'Подумаем вместе об увеличении средств на подписку; компьютер для читателей айыл окмоту передаёт библиотеке.' }],
          questions: [{ question: 'Как работать с электронной библиотекой?', askedBy: 'Исмаилова Ч.Б.', answer: 'Методический отдел проведёт обучение.', answeredBy: 'Абдыкадырова А.Т.' }],
          conclusion: 'Не все вопросы упираются в финансовую сторону.',
        },
      },
      {
        networkId,
        hostLibraryId: lib.get('KEM-F15')!,
        theme: 'Айыл маданиятын көтөрөбүз',
        heldOn: dayOffset(120),
        status: 'planned' as const,
        place: 'с. Кичи-Кемин, библиотека-филиал № 15',
        agenda: ['Айыл маданиятын көтөрөбүз', 'Итоги года'],
      },
    ])
    .returning();
  const guests = (rows: [string, string, boolean?][]) => rows.map(([fullName, position, isSpeaker]) => ({ kind: 'guest' as const, fullName, position, isSpeaker: !!isSpeaker }));
  const staff = (rows: [string, string, boolean?][]) => rows.map(([fullName, position, isSpeaker]) => ({ kind: 'staff' as const, fullName, position, isSpeaker: !!isSpeaker }));
  const people = [
    ...[
      ...guests([
        ['Медетова Э.М.', 'ведущий специалист Чуйской областной госадминистрации'],
        ['Каджиева Т.С.', 'директор Чуйской областной библиотеки', true],
        ['Квинт Л.В.', 'заместитель директора Чуйской областной библиотеки'],
        ['Алымкулов К.М.', 'глава Кызыл-Октябрьского айыл окмоту', true],
      ]),
      ...staff([
        ['Жумабаева Г.А.', 'директор Кеминской ЦБС', true],
        ['Абдыкадырова А.Т.', 'методист'],
        ['Турсунбаева Н.', 'библиотекарь филиала № 30'],
      ]),
    ].map((p, i) => ({ ...p, seminarId: first!.id, sortOrder: i })),
    ...[
      ...guests([
        ['Мамытов Э.С.', 'глава Шабданского айыл окмоту', true],
        ['Бейшеналиева А.', 'заместитель директора средней школы им. Шабдана Джантаева'],
      ]),
      ...staff([
        ['Жумабаева Г.А.', 'директор Кеминской ЦБС'],
        ['Абдыкадырова А.Т.', 'методист', true],
        ['Исмаилова Ч.Б.', 'библиотекарь филиала № 21', true],
      ]),
    ].map((p, i) => ({ ...p, seminarId: second!.id, sortOrder: i })),
  ];
  await tx.insert(seminarParticipants).values(people);
  const decision = (seminarId: string, libraryCode: string, sortOrder: number, text: string, responsible: string, dueIn: number, doneAgo?: number, note = '') => ({
    seminarId,
    libraryId: lib.get(libraryCode)!,
    sortOrder,
    text,
    responsible,
    dueOn: dayOffset(dueIn),
    status: doneAgo === undefined ? ('open' as const) : ('done' as const),
    doneOn: doneAgo === undefined ? null : dayOffset(-doneAgo),
    note,
  });
  await tx.insert(seminarDecisions).values([
    decision(first!.id, 'KEM-F30', 0, 'Провести текущий ремонт библиотеки: побелка, покраска.', 'Алымкулов К.М., глава айыл окмоту', -180, 235, 'Побелили и покрасили читальный зал.'),
    decision(first!.id, 'KEM-F30', 1, 'Приобрести книжные стеллажи.', 'Алымкулов К.М., глава айыл окмоту', -150, 200),
    decision(first!.id, 'KEM-F30', 2, 'Подключить библиотеку к Интернету.', 'Кызыл-Октябрьский айыл окмоту', -40),
    decision(first!.id, 'KEM-CB', 3, 'Подготовить заявку на областной конкурс.', 'Абдыкадырова А.Т., методист', -90, 100),
    decision(second!.id, 'KEM-F21', 0, 'Увеличить средства на подписку периодических изданий.', 'Мамытов Э.С., глава айыл окмоту', -20),
    decision(second!.id, 'KEM-F21', 1, 'Собрать материалы для летописи села Подгорное.', 'Исмаилова Ч.Б., библиотекарь', 150),
    decision(second!.id, 'KEM-CB', 2, 'Провести обучение работе с электронной библиотекой.', 'Абдыкадырова А.Т., методист', 30),
  ]);
  return { first: first!.id, second: second!.id };
}

/** Inserts the demo's partners, contributions, grants and seminars (inside the demo's transaction). */
export async function insertDemoCommunity(tx: Db): Promise<{ partners: number; contributions: number; seminars: number }> {
  const nets = await tx.select().from(networks);
  const kemin = nets.find((n) => n.shortName === 'Кеминская ЦБС');
  const alamudun = nets.find((n) => n.shortName !== 'Кеминская ЦБС');
  if (!kemin || !alamudun) return { partners: 0, contributions: 0, seminars: 0 };
  const libs = await tx.select({ id: libraries.id, code: libraries.code }).from(libraries).where(inArray(libraries.networkId, [kemin.id, alamudun.id]));
  const libraryIds = new Map(libs.map((l) => [l.code, l.id]));

  const keminPartners = await insertPartners(tx, kemin.id, KEMIN_PARTNERS);
  const alamudunPartners = await insertPartners(tx, alamudun.id, ALAMUDUN_PARTNERS);
  const seminarIds = await insertSeminars(tx, kemin.id, libraryIds);
  await insertContributions(tx, kemin.id, KEMIN_CONTRIBUTIONS, { partners: keminPartners, libraries: libraryIds, seminars: seminarIds });
  await insertContributions(tx, alamudun.id, ALAMUDUN_CONTRIBUTIONS, { partners: alamudunPartners, libraries: libraryIds });

  await tx.insert(partnerAgreements).values([
    { partnerId: keminPartners.get('dk')!, number: '7', title: 'О совместном проведении массовых мероприятий', signedOn: dayOffset(-500), validUntil: dayOffset(230) },
    { partnerId: keminPartners.get('ko')!, libraryId: libraryIds.get('KEM-F30')!, number: '3', title: 'О сотрудничестве библиотеки-филиала № 30 и айыл окмоту', signedOn: dayOffset(-250) },
    { partnerId: alamudunPartners.get('usaid')!, title: 'О поставке журнала «Местное самоуправление» в сельские библиотеки', signedOn: dayOffset(-400), validUntil: dayOffset(330) },
  ]);
  await tx.insert(grants).values([
    { networkId: kemin.id, partnerId: keminPartners.get('usaid')!, title: 'Информационный центр местного самоуправления при центральной библиотеке', programme: 'Поддержка местного самоуправления', status: 'won', requestedAmount: 300_000, awardedAmount: 250_000, currency: 'KGS', submittedOn: dayOffset(-420), decidedOn: dayOffset(-360), reportDue: dayOffset(45) },
    { networkId: kemin.id, libraryId: libraryIds.get('KEM-F30')!, title: 'Интернет в сельскую библиотеку', programme: 'Интернетизация библиотек', status: 'submitted', requestedAmount: 60_000, currency: 'KGS', submittedOn: dayOffset(-30) },
    { networkId: alamudun.id, title: 'Молодые профессионалы: стажировки библиотекарей', programme: 'Областной конкурс', status: 'lost', requestedAmount: 80_000, currency: 'KGS', submittedOn: dayOffset(-300), decidedOn: dayOffset(-240) },
  ]);
  return {
    partners: KEMIN_PARTNERS.length + ALAMUDUN_PARTNERS.length,
    contributions: KEMIN_CONTRIBUTIONS.length + ALAMUDUN_CONTRIBUTIONS.length,
    seminars: 3,
  };
}
