/**
 * The vocabulary of the search benchmark's realistic catalogue (catalog-search.data.ts): Russian and
 * Kyrgyz title words in the order of their frequency rank, surnames and subject headings. Real words
 * first (the generator's words, the famous titles' words, common title words), then words built from
 * real stems and endings; deterministic, so every machine loads the same catalogue.
 */
import { mulberry32 } from '../src/app/seeded-random';

const split = (s: string) => s.split(/\s+/).filter(Boolean);

/** Common words of Russian titles, most frequent first (ranks 1…). */
const RU_COMMON = split(`история сказки рассказы стихи очерки повесть избранное жизнь мир русский народ новый время земля
  война любовь книга путь дети город слово жизни дом детство дорога память песни легенды записки письма воспоминания
  учебник пособие основы практикум словарь справочник хрестоматия атлас кыргызстана кыргызстан кыргызская литература
  страна наш моя мой родина люди человек искусство культура наука язык природа школа год весна осень лето зима день ночь
  белый красный тихий старый последний первый большой далёкий золотой синий зелёный горный вечный родной ясный река степь
  судьба небо сад берег озеро песня века народы востока сибири иссык-куля тянь-шаня края села города героев`);
const RU_STEMS = split(`дом город лес мир путь свет сад век друг брат сын отец народ край закон труд язык хлеб стол голос берег
  остров цвет снег ветр огон камен мост двор завод колхоз совхоз рабоч учител врач солдат герой поэт писател художник музыкант
  мастер охотник пастух чабан всадник конь орёл волк медвед сокол тигр барс олен верблюд аул кишлак базар караван поход бой
  враг гост праздник обычай закат рассвет туман гром дожд родник ручей водопад ледник перевал хребет склон утёс кряж
  земл рек стран книг песн школ душ вод гор дорог вер судьб наук жизн степ стран звезд луна зар тайг пустын долин поляна
  сказк легенд повест поэм истори мечт надежд правд свобод победа слав памят радост печал дружб любв семь мам бабушк
  девушк женщин невест царевн красавиц учениц птиц ласточк берёз рябин сосн яблон роз вишн трав цветк ягод пшениц
  хозяйств экономик политик техник физик химик математик биологи географи медицин педагогик психологи философи
  культур литератур грамматик фонетик методик музык живопис архитектур скульптур театр кино журнал газет`);
const RU_ADJ_STEMS = split(`бел красн тих стар нов перв больш золот син зелён горн родн ясн русск кыргызск народн детск школьн
  степн лесн морск северн южн восточн западн древн современн светл тёмн весёл добр злат сер чёрн крут высок глубок
  широк далёк близк нежн смел храбр мудр молод вечн летн зимн осенн весенн ночн утренн вечерн`);
const RU_M_ENDINGS = ['', 'а', 'у', 'ом', 'е', 'ы', 'ов', 'ам', 'ами', 'ах'];
const RU_F_ENDINGS = ['а', 'ы', 'е', 'у', 'ой', 'ам', 'ами', 'ах', 'и', 'ою'];
const RU_ADJ_ENDINGS = ['ый', 'ая', 'ое', 'ые', 'ого', 'ой', 'ых', 'ому', 'ым', 'ыми', 'ую'];

/** Common words of Kyrgyz titles, most frequent first. */
const KG_COMMON = split(`жана тарыхы ырлар тандалмалар жомоктор кыргыз эл жер китеп тарых окуу китеби куралы мекен эне өмүр
  ата бала сөз тил адабияты кыргызстан манас тоолор турмуш жаңы ак көк кызыл улуу жол күз жаз асман дарыя өнөр сүйүү
  балалык кыргызстандын ыр аңгемелер повесттер ой жүрөк кыз жигит көл ала-тоо баатыр акын`);
const KG_STEMS = split(`тоо жер эл суу ат кой үй жол китеп ыр жомок тарых мекен эне ата бала кыз жигит көл дарыя асман күн ай жылдыз
  токой талаа шаар айыл мектеп мугалим окуучу дос жүрөк сөз тил иш эмгек өнөр турмуш өмүр сүйүү бакыт кайгы жаз күз кыш жай
  кар жамгыр шамал от таш темир алтын күмүш жылкы төө уй бүркүт карышкыр аю түлкү кийик гүл дарак алма нан сүт эт кымыз кол
  баш көз кулак бет чач жан ой түш үмүт санжыра баатыр хан бий аким мамлекет эркиндик тынчтык согуш жеңиш салт маданият
  илим билим окуу сабак тамак оору дары дарыгер жаныбар куш балык деңиз аска капчыгай жайлоо кыштоо мал чабан дыйкан эгин
  буудай машина поезд кеме көчө сыр сыйкыр жомокчу акын манасчы комуз обон оюн той аш күрөш чеп дөбө булак кашка аймак
  уруу журт ордо кылым заман доор мезгил жыл кечке таң түн жаш кары эркек аял келин абышка кемпир небере тууган
  кудай ырыс дөөлөт кут бейиш жомок аңыз уламыш макал табышмак дастан ырчы төкмө сынчы`);

/** English words (the other languages' titles). */
const EN_WORDS = split(`the of and history in a to central asia kyrgyz republic studies introduction guide world new english
  language grammar reader story stories life mountains people culture art music economy development policy science nature
  travel silk road nomads epic manas poetry tales children book dictionary atlas handbook modern soviet century early
  essays letters selected works collected water land river lake animals birds flowers`);

/** Kyrgyz harmony classes: а/ы, о/у, е/и, ө/ү by the stem's last vowel. */
function harmony(stem: string): number {
  const v = [...stem].reverse().find((c) => 'аыоуеиэөүяю'.includes(c)) ?? 'а';
  return 'аыя'.includes(v) ? 0 : 'оую'.includes(v) ? 1 : 'еиэ'.includes(v) ? 2 : 3;
}
const KG_PLURAL = ['лар', 'лор', 'лер', 'лөр'];
const KG_POSSESSIVE = [['', '', '', ''], ['ы', 'у', 'и', 'ү'], ['ым', 'ум', 'им', 'үм'], ['ың', 'уң', 'иң', 'үң'], ['ыбыз', 'убуз', 'ибиз', 'үбүз']];
const KG_CASE = [['', '', '', ''], ['нын', 'нун', 'нин', 'нүн'], ['га', 'го', 'ге', 'гө'], ['да', 'до', 'де', 'дө'], ['дан', 'дон', 'ден', 'дөн'], ['ны', 'ну', 'ни', 'нү'], ['дай', 'дой', 'дей', 'дөй']];

/** A deterministic shuffle (mulberry32). */
function shuffled<T>(items: T[], seed: number): T[] {
  const next = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Words by rank: the common ones, then `built`; `placed` words put at the given ranks (1-based). */
function ranked(common: string[], built: string[], placed: Record<string, number>, size: number): string[] {
  const seen = new Set(Object.keys(placed));
  const rest = [...common, ...built].filter((w) => !seen.has(w) && seen.add(w));
  const out: string[] = [];
  const at = new Map(Object.entries(placed).map(([w, r]) => [r, w]));
  for (let rank = 1; out.length < size && (rest.length || at.size); rank++) {
    const w = at.get(rank) ?? rest.shift();
    at.delete(rank);
    if (w) out.push(w);
  }
  return out;
}

/**
 * Russian title words by rank. The famous titles' rarer words are placed where a real catalogue has
 * them: "пароход" near rank 1,500 (some hundred titles), "джамиля" near 6,000 (a few dozen).
 */
export function russianWords(size = 30_000): string[] {
  const built: string[] = [];
  const feminine = new Set(split('земл рек стран книг песн школ душ вод гор дорог вер судьб наук жизн степ звезд зар тайг пустын долин сказк легенд повест поэм истори мечт надежд правд свобод памят радост печал дружб семь мам'));
  for (const s of RU_STEMS) for (const e of feminine.has(s) || s.endsWith('к') || s.endsWith('и') ? RU_F_ENDINGS : RU_M_ENDINGS) built.push(s + e);
  for (const s of RU_ADJ_STEMS) for (const e of RU_ADJ_ENDINGS) built.push(s + e);
  // Compounds (лесостепной, горнорудный): rarer, so they come after the simple words.
  const compounds: string[] = [];
  for (const a of RU_ADJ_STEMS) for (const s of RU_STEMS) for (const e of RU_ADJ_ENDINGS.slice(0, 4)) compounds.push(`${a}о${s}н${e}`);
  const placed = { пароход: 1_500, учитель: 400, поле: 300, плаха: 9_000, джамиля: 6_000, материнское: 7_000, дон: 3_000 };
  return ranked(RU_COMMON, [...shuffled(built, 7), ...shuffled(compounds, 11)], placed, size);
}

/** Kyrgyz title words by rank: stems with plural, possessive and case endings by vowel harmony. */
export function kyrgyzWords(size = 15_000): string[] {
  const built: string[] = [];
  const vowelEnd = /[аыоуеиэөүяю]$/;
  for (const s of KG_STEMS)
    for (const plural of ['', KG_PLURAL[harmony(s)]!])
      for (const p of KG_POSSESSIVE)
        for (const c of KG_CASE) {
          const base = s + plural;
          let own = p[harmony(base)]!;
          if (own && vowelEnd.test(base)) own = own.length === 1 ? `с${own}` : own.slice(1);
          built.push(base + own + c[harmony(base + own)]!);
        }
  return ranked(KG_COMMON, shuffled([...new Set(built)], 7), { кеме: 900, семетей: 2_500 }, size);
}

export function englishWords(): string[] {
  return EN_WORDS;
}

const RU_SURNAME_STEMS = split(`Иван Петр Смирн Кузнец Поп Васильев Соколов Михайл Новик Фёдор Мороз Волк Алексе Лебед Семён Егор Павл
  Козл Степан Никола Орл Андре Макар Никит Захар Зайц Соловь Борис Яковл Григорь Белк Тарас Беляк Комар Гусев Титов Кудрявц
  Баран Куликов Алекс Пономар Громов Фомин Давыд Мельник Щербак Блинов Колесник Карпов Афанасьев Власов Маслов Исаков
  Тихонов Аксён Гаврил Родион Котов Горбун Кудряв Быков Зуев Третьяк Савельев Панов Рыбак Суворов Абрамов Воронов Мухин
  Архип Трофим Мартын Емельян Горшков Чернов Овчинник Селезн Панфил Копыл Михеев Галкин Назар Лобан Лукин Беляев Потап
  Некрас Хохл Жданов Наум Шилов Воронцов Ермак Дроздов Игнать Савин Логин Сафон Капустин Кириллов Моисе Елисе Кошел Костин
  Горбач Орехов Ефрем Исаев Евдоким Калашник Кабан Носков Юдин Кулагин Лапин Прохор Нестер Харитон Агафон Муравь Ларион`);
const KG_SURNAME_STEMS = split(`Абдыкадыр Осмон Токтогул Жусуп Асан Усубали Сыдык Молдокасым Байтемир Токомбай Малик Шабдан Эркебай
  Жумабай Өмүрали Үсөн Сарыгул Качкынбай Бекболот Абдыраим Акматали Алымкул Аманбай Арстанбек Асанали Бакыт Бейшеналы
  Болот Дөөлөт Жолдош Жээнбек Жумагул Иманали Исак Кадыр Калыбек Камчыбек Карыпбай Кубаныч Кудайберген Мамбет Мамыт
  Мукаш Мырзакул Нурбек Орозбек Өмүрбек Рыскул Садык Сагын Самар Сейит Султан Табылды Талант Темир Турдубай Тынай
  Урмат Чынгыз Шаршен Эсен Ысак Абыл Адыл Айдар Алмаз Азамат Бакай Бектур Жаныбек Жылдыз Калмат Кенеш Марат Нурлан
  Тилек Улан Чолпон Эрлан Бообек Дүйшөн Жапар Кочкор Мурат Осмонкул Сатыбалды Түгөлбай Шамшы Абдылас Алыбай`);
const RU_SURNAME_ENDINGS = ['ов', 'ин', 'ский', 'енко', 'ович', 'ников', 'цев'];
const KG_SURNAME_ENDINGS = ['ов', 'ев', 'уулу', 'кызы', 'беков', 'иев', 'алиев', 'кулов', 'баев', 'бекова'];

/**
 * Surnames by rank: the generator's, then built from Russian and Kyrgyz name stems. "Осмонов" (the
 * mix's author query) is placed near rank 150; "Айтматов" is left to the famous records.
 */
export function surnames(size = 5_000): string[] {
  const built: string[] = [];
  for (const s of RU_SURNAME_STEMS) for (const e of RU_SURNAME_ENDINGS) built.push(/(ов|ев|ин)$/.test(s) ? s : s + e);
  for (const s of KG_SURNAME_STEMS) for (const e of KG_SURNAME_ENDINGS) built.push(s + e);
  const common = split('Иванов Жумабаев Асанов Петров Кузнецов Токтогулов Смирнов Сыдыков Попов Усубалиев');
  // Women's forms: Иванова, Асанова.
  for (const w of [...built]) if (/(ов|ев|ин)$/.test(w)) built.push(`${w}а`);
  const named = [...new Set(built)].filter((w) => w !== 'Айтматов' && w !== 'Осмонов');
  return ranked(common, shuffled(named, 13), { Осмонов: 150 }, size);
}

const TOPICS = split(`Кыргызская_литература История_Кыргызстана Русская_литература Сказки Поэзия Детская_литература Педагогика
  География Природа Экология Кыргызский_эпос Кулинария Медицина Сельское_хозяйство Животноводство Экономика Право Философия
  Психология Математика Физика Химия Биология Астрономия Искусство Музыка Театр Архитектура Религия Языкознание
  Кыргызский_язык Русский_язык Английский_язык Этнография Археология Туризм Спорт Информатика Строительство Энергетика`).map((t) => t.replace(/_/g, ' '));
const QUALIFIERS = ['', 'Учебные издания', 'Хрестоматии', '20 в.', 'Справочники', 'Популярные издания', 'Библиографии', 'Словари'];

/** Subject headings by rank: the topics, then topic — qualifier (320 in all). */
export function subjectHeadings(): string[] {
  return QUALIFIERS.flatMap((q) => TOPICS.map((t) => (q ? `${t} -- ${q}` : t)));
}

export const PUBLISHERS = split(`Кыргызстан Мектеп Илим Адабият Турар Кыргызстан-Сорос Бийиктик Айат Салам Принтхаус
  Просвещение Эксмо АСТ Детская_литература Художественная_литература Наука Советский_писатель Молодая_гвардия Мысль
  Прогресс Дрофа Феникс Азбука Росмэн Махаон Вече Алгоритм Рипол_классик Академия Юрайт Питер Вагриус Текст КРСУ
  Раритет Эдельвейс Кут_Бер Жаш_Гвардия`).map((p) => p.replace(/_/g, ' '));
export const PLACES = ['Бишкек', 'Фрунзе', 'Ош', 'Каракол', 'Нарын', 'Жалал-Абад', 'Талас', 'Москва', 'Санкт-Петербург', 'Ленинград', 'Алматы', 'Ташкент', 'Новосибирск', 'Ростов-на-Дону', 'Екатеринбург'];
export const OTHER_TITLES = ['повесть', 'роман', 'рассказы', 'сборник', 'учебное пособие', 'ырлар', 'стихи', 'очерки', 'повесттер', 'учебник для вузов', 'хрестоматия', 'справочник'];
