/**
 * Monitoring of the branches: the checklist the methodologists take on their visits (the Kirensk
 * protocol lists what they look at: signboard, navigation, passport, the village chronicle …) and the
 * checks they made over the last year, with what was found and what was agreed to fix.
 */
import type { TChecklistItem } from '../network/network.schemas';
import type { DemoNetworkKey } from './demo.types';

const COMMON_ITEMS: readonly TChecklistItem[] = [
  { key: 'signboard', label: 'Вывеска с названием библиотеки на кыргызском и русском языках' },
  { key: 'hours_posted', label: 'Режим работы вывешен у входа' },
  { key: 'navigation', label: 'Навигация внутри библиотеки: указатели разделов фонда, полочные разделители' },
  { key: 'msu_corner', label: 'Уголок МСУ / информационный стенд айыл окмоту обновлён' },
  { key: 'exhibition', label: 'Действующая книжная выставка (тема месяца, знаменательные даты)' },
  { key: 'visits_log', label: 'Дневник учёта посещений и книговыдачи ведётся ежедневно' },
  { key: 'reader_forms', label: 'Читательские формуляры заполнены, задолжники выявлены' },
  { key: 'periodicals', label: 'Периодика текущего года получена и доступна читателям' },
  { key: 'chronicle', label: 'Летопись села ведётся' },
  { key: 'premises', label: 'Помещение в порядке: побелка, освещение, отопление' },
  { key: 'fire_safety', label: 'Огнетушитель исправен, эвакуационный выход свободен' },
];

export const DEMO_CHECKLISTS: Record<DemoNetworkKey, { name: string; items: TChecklistItem[] }> = {
  KEM: { name: 'Мониторинг филиалов', items: [...COMMON_ITEMS] },
  ALA: {
    name: 'Мониторинг филиалов',
    items: [
      ...COMMON_ITEMS,
      { key: 'msu_journal', label: 'Журнал «Муниципалитет» в открытом доступе для работников айыл окмоту' },
    ],
  },
};

export interface DemoCheck {
  network: DemoNetworkKey;
  libraryCode: string;
  daysAgo: number;
  inspector: string;
  /** Items found not met, with the inspector's note; every other item was met. */
  unmet: Record<string, string>;
  findings: string;
  followUp: string;
  /** Days after the check by which the follow-up is due; null when nothing was asked. */
  dueInDays: number | null;
  isFollowUpDone: boolean;
}

const KEM_METHODIST = 'Абдыкадырова А.Т., методист Кеминской ЦБС';
const ALA_METHODIST = 'Бейшеналиева Д.К., методист Аламудунской ЦБС';

export const DEMO_CHECKS: readonly DemoCheck[] = [
  {
    network: 'KEM',
    libraryCode: 'KEM-F21',
    daysAgo: 330,
    inspector: KEM_METHODIST,
    unmet: {
      premises: 'Требуется побелка потолка и покраска стеллажей, протекает крыша над абонементом',
      msu_corner: 'Стенда нет: решения айыл кенеша не вывешиваются',
    },
    findings: 'Фонд расставлен по ББК, дневник ведётся. Помещение требует текущего ремонта.',
    followUp: 'Провести выездной семинар на базе филиала; просить Шабданский айыл окмоту о текущем ремонте.',
    dueInDays: 120,
    isFollowUpDone: true,
  },
  {
    network: 'KEM',
    libraryCode: 'KEM-F30',
    daysAgo: 300,
    inspector: KEM_METHODIST,
    unmet: { signboard: 'Вывеска только на русском языке, выцвела' },
    findings: 'Библиотека готова принять выездной семинар. Нет доступа к Интернету.',
    followUp: 'Заказать новую вывеску на двух языках; обсудить с айыл окмоту подключение к Интернету.',
    dueInDays: 90,
    isFollowUpDone: true,
  },
  {
    network: 'KEM',
    libraryCode: 'KEM-F13',
    daysAgo: 250,
    inspector: `${KEM_METHODIST}; Жумабаева Г.А., директор`,
    unmet: {
      premises: 'Трещины в несущей стене после землетрясения, провис потолок в читальном зале',
      fire_safety: 'Огнетушитель просрочен',
    },
    findings: 'Здание в аварийном состоянии. Читальный зал закрыт, выдача перенесена в школу.',
    followUp: 'Письмо главе Кара-Булакского айыл окмоту о выделении помещения и включении ремонта в бюджет.',
    dueInDays: 90,
    isFollowUpDone: false,
  },
  {
    network: 'KEM',
    libraryCode: 'KEM-F06',
    daysAgo: 200,
    inspector: KEM_METHODIST,
    unmet: {
      visits_log: 'Дневник заполняется нерегулярно, пропущены две недели',
      navigation: 'Нет полочных разделителей',
      premises: 'Отслоилась штукатурка в хранилище, сырость',
    },
    findings: 'Библиотекарь работает первый год; нужна методическая помощь.',
    followUp: 'Стажировка библиотекаря в центральной библиотеке (3 дня); изготовить разделители.',
    dueInDays: 45,
    isFollowUpDone: true,
  },
  {
    network: 'KEM',
    libraryCode: 'KEM-F25',
    daysAgo: 120,
    inspector: KEM_METHODIST,
    unmet: {
      hours_posted: 'Режим работы у входа не вывешен',
      premises: 'Печное отопление не справляется, зимой +10 °C',
    },
    findings: 'Зимой читатели почти не приходят из-за холода.',
    followUp: 'Просить Чым-Коргонский айыл окмоту о ремонте печи до начала отопительного сезона.',
    dueInDays: 60,
    isFollowUpDone: false,
  },
  {
    network: 'KEM',
    libraryCode: 'KEM-F10',
    daysAgo: 60,
    inspector: KEM_METHODIST,
    unmet: { chronicle: 'Летопись села не начата' },
    findings: 'Хорошая выставка «Манас — энциклопедия кыргызского народа»; активный клуб читателей.',
    followUp: 'Начать Летопись села вместе со школой и советом аксакалов.',
    dueInDays: 120,
    isFollowUpDone: false,
  },
  {
    network: 'KEM',
    libraryCode: 'KEM-F21',
    daysAgo: 30,
    inspector: KEM_METHODIST,
    unmet: {},
    findings: 'Ремонт выполнен за счёт Шабданского айыл окмоту, оформлен уголок МСУ, подключён Интернет.',
    followUp: '',
    dueInDays: null,
    isFollowUpDone: false,
  },
  {
    network: 'KEM',
    libraryCode: 'KEM-F03',
    daysAgo: 25,
    inspector: KEM_METHODIST,
    unmet: {},
    findings: 'Замечаний нет. Рекомендовано представить опыт работы с МСУ на выездном семинаре.',
    followUp: '',
    dueInDays: null,
    isFollowUpDone: false,
  },
  {
    network: 'KEM',
    libraryCode: 'KEM-F16',
    daysAgo: 10,
    inspector: KEM_METHODIST,
    unmet: {
      periodicals: 'Подписка на текущее полугодие не оформлена',
      exhibition: 'Выставка не обновлялась с весны',
      premises: 'Требуется замена оконных рам',
    },
    findings: 'Подписку не оплатил айыл окмоту; окна продувает.',
    followUp: 'Согласовать с Кичи-Кеминским айыл окмоту оплату подписки и замену окон.',
    dueInDays: 45,
    isFollowUpDone: false,
  },
  {
    network: 'ALA',
    libraryCode: 'ALA-F02',
    daysAgo: 180,
    inspector: ALA_METHODIST,
    unmet: { msu_corner: 'Стенд не обновлялся с выборов', msu_journal: 'Подшивка журнала за год не полная' },
    findings: 'Библиотека активно участвует в работе айыл окмоту.',
    followUp: 'Обновить стенд; восстановить подшивку журнала «Муниципалитет».',
    dueInDays: 30,
    isFollowUpDone: true,
  },
  {
    network: 'ALA',
    libraryCode: 'ALA-F07',
    daysAgo: 40,
    inspector: ALA_METHODIST,
    unmet: { exhibition: 'Выставка не обновлялась два месяца' },
    findings: 'Фонд в порядке, посещаемость выросла после подключения Интернета.',
    followUp: 'Оформить выставку «Мекеним — Кыргызстан».',
    dueInDays: 20,
    isFollowUpDone: false,
  },
  {
    network: 'ALA',
    libraryCode: 'ALA-F05',
    daysAgo: 15,
    inspector: ALA_METHODIST,
    unmet: {},
    findings: 'Замечаний нет.',
    followUp: '',
    dueInDays: null,
    isFollowUpDone: false,
  },
];
