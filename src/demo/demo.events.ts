/**
 * A year of events for the demo networks, around the day the demo is loaded: half a year already held
 * (with attendance by age group) and half a year planned, so the public calendar is full. The events
 * are those the users' reports name: Нооруз, Международный женский день, День Победы, День защиты
 * детей, День учителя, День пожилых людей, День Независимости, Неделя детской книги, КВН and literary
 * quizzes, День мам, held with the айыл окмоту, the House of Culture and the school.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../app/db';
import { ensureEventDefaults, eventForms, eventPartners, events } from '../events';
import { libraries } from '../network';
import { partners } from '../partners';
import { addDays, daysAgo, rngFor } from './demo.random';

type Audience = typeof events.$inferInsert.audience;
type Place = typeof events.$inferInsert.place;

interface DemoEvent {
  month: number;
  day: number;
  form: string;
  title: string;
  audience: Audience;
  place?: Place;
  placeNote?: string;
  theme?: string;
  libraries: string[];
  time?: string;
  partners?: string[];
  registration?: number;
  description?: string;
}

const KEMIN_EVENTS: DemoEvent[] = [
  { month: 1, day: 14, form: 'literary_evening', title: 'Старый Новый год: вечер зимних сказок', audience: 'families', libraries: ['KEM-DB'], time: '15:00' },
  { month: 1, day: 25, form: 'library_lesson', title: 'Как найти книгу: каталог и картотеки', audience: 'children', libraries: ['KEM-F21', 'KEM-F30'], time: '11:00', partners: ['Средняя школа им. Шабдана Джантаева'] },
  { month: 2, day: 21, form: 'contest', title: 'Конкурс чтецов на родном языке', audience: 'children', theme: 'Международный день родного языка', libraries: ['KEM-DB', 'KEM-F22'], time: '14:00' },
  { month: 3, day: 7, form: 'holiday', title: '«Международный женский день»: праздник для мам и бабушек', audience: 'families', libraries: ['KEM-F21', 'KEM-F30', 'KEM-F22'], time: '15:00', partners: ['Районный Дом культуры'] },
  { month: 3, day: 20, form: 'exhibition', title: 'Книжная выставка «Нооруз — праздник весны»', audience: 'all', theme: 'Нооруз', libraries: ['KEM-CB', 'KEM-F21'] },
  { month: 3, day: 21, form: 'holiday', title: '«Нооруз»: сумолок и народные игры у библиотеки', audience: 'all', place: 'outside', placeNote: 'площадь перед айыл окмоту', theme: 'Нооруз', libraries: ['KEM-F21', 'KEM-F30', 'KEM-F22'], time: '11:00', partners: ['Шабданский айыл окмоту', 'Кызыл-Октябрьский айыл окмоту', 'Районный Дом культуры'] },
  { month: 3, day: 25, form: 'quiz', title: 'Неделя детской книги: литературная викторина «По страницам любимых сказок»', audience: 'children', theme: 'Неделя детской книги', libraries: ['KEM-DB'], time: '10:00', partners: ['Торговая сеть «Бэта-Кыргызстан»'], registration: 40 },
  { month: 3, day: 27, form: 'contest', title: 'Неделя детской книги: КВН «Знатоки книги»', audience: 'children', theme: 'Неделя детской книги', libraries: ['KEM-DB'], time: '14:00', partners: ['Политическая партия «Содружество»'] },
  { month: 4, day: 12, form: 'information_day', title: 'День информации: журнал «Местное самоуправление»', audience: 'adults', libraries: ['KEM-CB'], time: '10:00', partners: ['ЮСАИД (USAID)'] },
  { month: 4, day: 23, form: 'book_discussion', title: 'Обсуждение повести Ч. Айтматова «Белый пароход»', audience: 'youth', libraries: ['KEM-CB', 'KEM-F30'], time: '16:00' },
  { month: 5, day: 8, form: 'meeting', title: '«День Победы»: встреча с ветеранами труда и тыла', audience: 'all', theme: 'День Победы', libraries: ['KEM-F21', 'KEM-F22', 'KEM-F30'], time: '11:00', partners: ['Шабданский айыл окмоту'] },
  { month: 5, day: 12, form: 'holiday', title: 'День мам: праздник в детской библиотеке', audience: 'families', libraries: ['KEM-DB'], time: '15:00', partners: ['Конгресс женщин'] },
  { month: 6, day: 1, form: 'holiday', title: '«День защиты детей»: праздник книги на свежем воздухе', audience: 'children', place: 'outside', placeNote: 'парк культуры и отдыха', theme: 'День защиты детей', libraries: ['KEM-DB', 'KEM-F21'], time: '10:00', partners: ['Мэрия г. Кемин', 'Районный Дом культуры'] },
  { month: 6, day: 15, form: 'exhibition', title: 'Летнее чтение: выставка «Книги в рюкзак»', audience: 'children', libraries: ['KEM-DB', 'KEM-F30'] },
  { month: 7, day: 10, form: 'library_lesson', title: 'Передвижка в лагере «Жаштык»: громкие чтения', audience: 'children', place: 'outside', placeNote: 'детский лагерь «Жаштык»', libraries: ['KEM-DB'], time: '11:00' },
  { month: 8, day: 30, form: 'round_table', title: '«День Независимости КР»: круглый стол «Село и его люди»', audience: 'adults', theme: 'День Независимости Кыргызской Республики', libraries: ['KEM-CB', 'KEM-F21'], time: '10:00', partners: ['Кызыл-Октябрьский айыл окмоту'] },
  { month: 9, day: 1, form: 'library_lesson', title: 'День знаний: первое знакомство с библиотекой', audience: 'children', theme: 'День знаний', libraries: ['KEM-F21', 'KEM-F22', 'KEM-F30'], time: '10:00', partners: ['Средняя школа им. Шабдана Джантаева'] },
  { month: 9, day: 23, form: 'contest', title: 'День государственного языка: конкурс сочинений «Эне тилим»', audience: 'youth', theme: 'День государственного языка Кыргызской Республики', libraries: ['KEM-CB', 'KEM-F21'], time: '14:00' },
  { month: 10, day: 1, form: 'literary_evening', title: '«День пожилых людей»: вечер песен и воспоминаний', audience: 'pensioners', libraries: ['KEM-F21', 'KEM-F22'], time: '15:00', partners: ['Районный Дом культуры'] },
  { month: 10, day: 5, form: 'holiday', title: '«День учителя»: литературный праздник', audience: 'adults', libraries: ['KEM-F30'], time: '14:00', partners: ['Средняя школа им. Шабдана Джантаева'] },
  { month: 10, day: 20, form: 'information_day', title: '«День работников сельского хозяйства»: новые книги для фермера', audience: 'adults', libraries: ['KEM-F30', 'KEM-F22'], time: '10:00', partners: ['Кызыл-Октябрьский айыл окмоту'] },
  { month: 11, day: 14, form: 'presentation', title: 'Презентация летописи села Подгорное', audience: 'all', libraries: ['KEM-F21'], time: '15:00', partners: ['Шабданский айыл окмоту'], registration: 60 },
  { month: 12, day: 12, form: 'literary_evening', title: 'Айтматовские чтения: «Джамиля»', audience: 'youth', theme: 'День рождения Чингиза Айтматова', libraries: ['KEM-CB', 'KEM-DB'], time: '15:00', registration: 50 },
  { month: 12, day: 27, form: 'holiday', title: '«Новый Год»: утренник в детской библиотеке', audience: 'children', libraries: ['KEM-DB'], time: '11:00', registration: 35 },
];

const ALAMUDUN_EVENTS: DemoEvent[] = [
  { month: 3, day: 8, form: 'concert', title: '«Международный женский день»: концерт творческих коллективов', audience: 'families', libraries: ['ALA-CB'], time: '14:00', partners: ['Районный отдел культуры'] },
  { month: 3, day: 21, form: 'holiday', title: '«Нооруз»: праздник в сельских библиотеках', audience: 'all', place: 'outside', theme: 'Нооруз', libraries: ['ALA-CB', 'ALA-DB'], time: '11:00', partners: ['Районный отдел культуры'] },
  { month: 4, day: 2, form: 'quiz', title: 'Международный день детской книги: викторина', audience: 'children', libraries: ['ALA-DB'], time: '11:00' },
  { month: 5, day: 9, form: 'literary_evening', title: '«День Победы»: стихи военных лет', audience: 'all', theme: 'День Победы', libraries: ['ALA-CB'], time: '12:00' },
  { month: 6, day: 1, form: 'holiday', title: '«День защиты детей»: игры и чтения', audience: 'children', place: 'outside', libraries: ['ALA-DB'], time: '10:00' },
  { month: 9, day: 15, form: 'presentation', title: 'Новые поступления: 1 205 книг от районного бюджета', audience: 'adults', libraries: ['ALA-CB'], time: '11:00', partners: ['Аламудунская районная государственная администрация', 'Газета «Аламудунский вестник»'] },
  { month: 10, day: 1, form: 'meeting', title: '«День пожилых людей»: встреча в доме-интернате', audience: 'pensioners', place: 'outside', placeNote: 'дом-интернат, с. Лебединовка', libraries: ['ALA-CB'], time: '11:00' },
  { month: 11, day: 20, form: 'book_discussion', title: 'Молодёжный клуб: обсуждение романа «И дольше века длится день»', audience: 'youth', libraries: ['ALA-CB'], time: '16:00' },
];

const HALF_YEAR = 183;

/** The day of `month`/`day` that lies within half a year of today. */
function dayNearToday(month: number, day: number, today: string): string {
  const year = Number(today.slice(0, 4));
  const pad = (n: number) => String(n).padStart(2, '0');
  for (const y of [year - 1, year, year + 1]) {
    const date = `${y}-${pad(month)}-${pad(day)}`;
    if (date >= addDays(today, -HALF_YEAR) && date < addDays(today, HALF_YEAR)) return date;
  }
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Inserts the demo networks' events (inside the demo's transaction); returns how many. */
export async function insertDemoEvents(tx: Db, networkIds: { kemin: string; alamudun: string }): Promise<number> {
  const libs = await tx.select({ id: libraries.id, code: libraries.code, networkId: libraries.networkId }).from(libraries).where(inArray(libraries.networkId, Object.values(networkIds)));
  const libraryByCode = new Map(libs.map((l) => [l.code, l]));
  const partnerRows = await tx.select({ id: partners.id, name: partners.name, networkId: partners.networkId }).from(partners).where(inArray(partners.networkId, Object.values(networkIds)));
  const today = daysAgo(0);
  const rng = rngFor('demo events');
  let count = 0;
  for (const [networkId, list] of [[networkIds.kemin, KEMIN_EVENTS], [networkIds.alamudun, ALAMUDUN_EVENTS]] as const) {
    await ensureEventDefaults(tx, networkId);
    const forms = new Map((await tx.select().from(eventForms).where(eq(eventForms.networkId, networkId))).map((f) => [f.code, f.id]));
    for (const e of list) {
      for (const code of e.libraries) {
        const library = libraryByCode.get(code);
        const formId = forms.get(e.form);
        if (!library || !formId) continue;
        const plannedOn = dayNearToday(e.month, e.day, today);
        const isPast = plannedOn < today;
        const isCancelled = isPast && rng.chance(0.05);
        const total = e.audience === 'children' ? rng.int(18, 60) : rng.int(12, 45);
        const children = e.audience === 'children' ? total - rng.int(0, 4) : e.audience === 'families' || e.audience === 'all' ? Math.floor(total * 0.4) : 0;
        const youth = e.audience === 'youth' ? total - rng.int(0, 5) : Math.floor((total - children) * 0.3);
        const adults = total - children - youth;
        const [row] = await tx
          .insert(events)
          .values({
            networkId,
            libraryId: library.id,
            formId,
            title: e.title,
            description: e.description ?? '',
            audience: e.audience,
            place: e.place ?? 'in_library',
            placeNote: e.placeNote ?? '',
            status: isCancelled ? 'cancelled' : isPast ? 'held' : 'planned',
            plannedOn,
            startTime: e.time ?? null,
            endTime: null,
            timeZone: 'Asia/Bishkek',
            heldOn: isPast && !isCancelled ? plannedOn : null,
            cancelReason: isCancelled ? 'Перенесено из-за отключения электроэнергии' : '',
            attendanceTotal: isPast && !isCancelled ? total : null,
            attendanceChildren: isPast && !isCancelled ? children : 0,
            attendanceYouth: isPast && !isCancelled ? youth : 0,
            attendanceAdults: isPast && !isCancelled ? adults : 0,
            theme: e.theme ?? '',
            isPublic: true,
            isRegistrationOpen: !isPast && e.registration !== undefined,
            capacity: e.registration ?? null,
            resultNote: isPast && !isCancelled && rng.chance(0.3) ? 'Прошло живо, участники просили повторить.' : '',
          })
          .returning({ id: events.id });
        const co = (e.partners ?? []).map((name) => partnerRows.find((p) => p.name === name && p.networkId === networkId)?.id).filter((id): id is string => !!id);
        if (co.length) await tx.insert(eventPartners).values(co.map((partnerId) => ({ eventId: row!.id, partnerId })));
        count++;
      }
    }
  }
  return count;
}
