/**
 * Plausible Russian and Kyrgyz catalogue records, generated deterministically from a seed: the same
 * records on every machine, for measuring search (search.measure.ts) and, later, benchmarks and the
 * demo catalogue. Not real bibliographic data.
 */
import { ZRecordInput, type TRecordInput } from './catalog.schemas';
import { mulberry32 } from '../app/seeded-random';
import { toIsbn13 } from './isbn';

function random(seed: number) {
  const next = mulberry32(seed);
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const RU_SURNAMES = 'Иванов Петров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев'.split(' ');
const KG_SURNAMES = 'Айтматов Абдыкадыров Осмонов Токтогулов Жусупов Асанов Усубалиев Сыдыков Молдокасымов Байтемиров Токомбаев Маликов Шабданов Эркебаев Жумабаев Өмүралиев Үсөнов Сарыгулов Качкынбаев Бекболотов'.split(' ');
const INITIALS = 'А Б В Г Д Е Ж З И К Л М Н О П Р С Т Ч Ш Э Ю'.split(' ');
// Adjectives in the masculine, feminine and neuter, and nouns with their gender: "Красное детство", "Последняя дорога".
const RU_ADJECTIVES = [
  ['белый', 'белая', 'белое'],
  ['красный', 'красная', 'красное'],
  ['тихий', 'тихая', 'тихое'],
  ['старый', 'старая', 'старое'],
  ['новый', 'новая', 'новое'],
  ['последний', 'последняя', 'последнее'],
  ['первый', 'первая', 'первое'],
  ['большой', 'большая', 'большое'],
  ['далёкий', 'далёкая', 'далёкое'],
  ['золотой', 'золотая', 'золотое'],
  ['синий', 'синяя', 'синее'],
  ['зелёный', 'зелёная', 'зелёное'],
  ['горный', 'горная', 'горное'],
  ['вечный', 'вечная', 'вечное'],
  ['родной', 'родная', 'родное'],
  ['ясный', 'ясная', 'ясное'],
] as const;
const GENDER = { m: 0, f: 1, n: 2 } as const;
const RU_NOUNS = (
  'пароход:m дорога:f степь:f река:f время:n судьба:f память:f любовь:f детство:n родина:f земля:f небо:n весна:f ' +
  'осень:f город:m дом:m сад:m берег:m озеро:n песня:f'
)
  .split(' ')
  .map((entry) => entry.split(':') as [string, keyof typeof GENDER]);
const RU_HEADS = 'История Сказки Повесть Рассказы Стихи Очерки Легенды Записки Письма Воспоминания'.split(' ');
const RU_OF = 'Кыргызстана|Иссык-Куля|Тянь-Шаня|Востока|Сибири|моего села|нашего края|старого города'.split('|');
// Kyrgyz titles are an adjective and a noun, sometimes "… жана" another noun: "Көк асман жана тоолор".
const KG_ADJECTIVES = 'ак көк кызыл улуу жаңы бийик алтын эски кең тынч жашыл алыскы'.split(' ');
const KG_NOUNS = 'тоолор өмүр жер эл жомоктор ырлар күз жаз асман дарыя мекен эне жол турмуш өнөр китеп сүйүү балалык тарых'.split(' ');
const PUBLISHERS = 'Кыргызстан|Мектеп|Илим|Адабият|Просвещение|Эксмо|АСТ|Детская литература|Художественная литература|Турар'.split('|');
const PLACES = ['Бишкек', 'Фрунзе', 'Ош', 'Москва', 'Санкт-Петербург', 'Каракол'];
const BBK = ['84(2Ки)6', '84(2Рос=Рус)6', '63.3(2Ки)', '26.89(2Ки)', '74.268.1', '36.997', '28.6', '85.12', '20.1', '65.9(2Ки)'];
const SUBJECTS = ['Кыргызская литература', 'Русская литература', 'История Кыргызстана', 'Сказки', 'Поэзия', 'География', 'Природа', 'Педагогика', 'Кулинария', 'Экология', 'Кыргызский эпос', 'Детская литература'];

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface GeneratedRecord {
  form: TRecordInput;
  format: 'rusmarc' | 'marc21';
  /** How many copies a benchmark may give it. */
  copies: number;
}

/** The `index`-th record of the sequence for `seed`: cheap to regenerate any part of a big set. */
export function generateRecord(index: number, seed = 1): GeneratedRecord {
  const r = random(seed * 1_000_003 + index);
  const language = r.chance(0.3) ? 'kir' : r.chance(0.07) ? 'eng' : 'rus';
  let title: string;
  if (language === 'kir') title = cap(`${r.pick(KG_ADJECTIVES)} ${r.pick(KG_NOUNS)}${r.chance(0.4) ? ` жана ${r.pick(KG_NOUNS)}` : ''}`);
  else if (r.chance(0.4)) title = `${r.pick(RU_HEADS)} ${r.pick(RU_OF)}`;
  else {
    const adjective = r.pick(RU_ADJECTIVES);
    const [noun, gender] = r.pick(RU_NOUNS);
    title = cap(`${adjective[GENDER[gender]]} ${noun}`);
  }
  const authorCount = r.chance(0.15) ? 0 : r.chance(0.8) ? 1 : r.int(2, 4);
  const authors = Array.from({ length: authorCount }, () => {
    const surname = r.pick(language === 'kir' || r.chance(0.3) ? KG_SURNAMES : RU_SURNAMES);
    return `${surname}, ${r.pick(INITIALS)}. ${r.pick(INITIALS)}.`;
  });
  const form = ZRecordInput.parse({
    title,
    otherTitle: r.chance(0.4) ? r.pick(['повесть', 'роман', 'рассказы', 'сборник', 'учебное пособие', 'ырлар']) : '',
    responsibility: authors.length ? authors.map((a) => a.split(', ').reverse().join(' ')).join(', ') : '',
    authors,
    place: r.pick(PLACES),
    publisher: r.pick(PUBLISHERS),
    year: r.int(1955, 2025),
    extent: `${r.int(16, 640)} с.`,
    // A unique, valid ISBN-13 from the index (978-5: Russia and the CIS); the 0 is a placeholder check digit.
    isbns: r.chance(0.8) ? [toIsbn13(`5${String(index % 100_000_000).padStart(8, '0')}0`)] : [],
    language,
    subjects: [r.pick(SUBJECTS), ...(r.chance(0.3) ? [r.pick(SUBJECTS)] : [])].filter((s, i, all) => all.indexOf(s) === i),
    bbk: [r.pick(BBK)],
    ageLabel: r.chance(0.5) ? r.pick(['0+', '6+', '12+', '16+', '18+']) : null,
    materialType: r.chance(0.92) ? 'book' : r.pick(['periodical', 'audio', 'e-resource', 'map']),
  });
  return { form, format: r.chance(0.8) ? 'rusmarc' : 'marc21', copies: r.chance(0.4) ? 0 : r.int(1, 3) };
}
