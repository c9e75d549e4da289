/**
 * Кеминская ЦБС as its own report describes it: 30 libraries — the central and the children's library
 * in the town and 28 rural branches over 12 айыл окмоту. Branch № 21 (с. Подгорное) and № 30
 * (с. Дорожное, Кызыл-Октябрьский а/о) are the ones named in the report's account of its seminars.
 * Populations add up to about 52 000, the size of the real district.
 */
import { branchesOf, demoEmail, type BranchRow, type DemoMunicipality, type DemoNetwork } from './demo.types';

const AO_TITLE = 'глава айыл окмоту';

const ao = (
  key: string,
  name: string,
  village: string,
  headName: string,
  phoneTail: string,
  population: number,
  lat: number,
  lon: number,
  hasEmail = false,
): DemoMunicipality => ({
  key,
  kind: 'aiyl_okmotu',
  name,
  headName,
  headTitle: AO_TITLE,
  address: `с. ${village}, ул. Манаса, 1`,
  phone: `+996 (3135) ${phoneTail}`,
  email: hasEmail ? demoEmail(`${key}.ao`) : '',
  population,
  lat,
  lon,
});

const municipalities: DemoMunicipality[] = [
  {
    key: 'kemin',
    kind: 'city',
    name: 'Мэрия г. Кемин',
    headName: 'Омурзаков Талант Жумабекович',
    headTitle: 'мэр г. Кемин',
    address: 'г. Кемин, ул. Ленина, 32',
    phone: '+996 (3135) 5-10-41',
    email: demoEmail('kemin.meria'),
    population: 9_450,
    lat: 42.785,
    lon: 75.692,
  },
  ao('ak-tuz', 'Ак-Түзский айыл окмоту', 'Ак-Түз', 'Сатыбалдиев Бакыт Асанович', '6-21-17', 2_140, 42.792, 76.105),
  ao('almaluu', 'Алмалуу айыл окмоту', 'Алмалуу', 'Джумалиев Нурбек Токонович', '6-33-02', 3_860, 42.702, 75.948, true),
  ao('boroldoy', 'Боролдойский айыл окмоту', 'Боролдой', 'Касымалиева Жыпар Омурбековна', '6-41-55', 3_310, 42.758, 75.781, true),
  ao('jany-alysh', 'Жаны-Алышский айыл окмоту', 'Жаны-Алыш', 'Турдубаев Эмил Кенешбекович', '6-52-10', 2_730, 42.741, 75.618),
  ao('ilich', 'Ильичевский айыл окмоту', 'Ильич', 'Бекболотов Алмаз Сагынбекович', '6-15-84', 2_380, 42.771, 75.553),
  ao('kara-bulak', 'Кара-Булакский айыл окмоту', 'Кара-Булак', 'Абдрахманов Мирлан Кубатбекович', '6-27-63', 4_160, 42.718, 75.832, true),
  ao('kichi-kemin', 'Кичи-Кеминский айыл окмоту', 'Кичи-Кемин', 'Сулайманов Азамат Дуйшенбекович', '6-60-21', 5_020, 42.662, 75.584, true),
  ao('kochkorbaev', 'Кочкорбаевский айыл окмоту', 'Кочкорбаев', 'Эсенгулова Айнура Маратовна', '6-44-38', 2_690, 42.728, 75.702),
  ao('tegirmenti', 'Тегирментинский айыл окмоту', 'Тегирменти', 'Орозбеков Улан Талгарбекович', '6-71-09', 2_050, 42.633, 76.052),
  ao('shabdan', 'Шабданский айыл окмоту', 'Шабдан', 'Мамытов Эрлан Садырбекович', '6-38-90', 4_840, 42.752, 76.198, true),
  ao('chym-korgon', 'Чым-Коргонский айыл окмоту', 'Чым-Коргон', 'Токтогулов Бакытбек Шаршенович', '6-55-47', 5_620, 42.691, 76.302, true),
  ao('kyzyl-oktyabr', 'Кызыл-Октябрьский айыл окмоту', 'Кызыл-Октябрь', 'Алымкулов Кубан Мелисович', '6-49-12', 4_180, 42.648, 75.781),
];

/** Branch numbers run 3–30: № 1 and № 2 were the central and children's libraries before the ЦБС. */
const branchRows: BranchRow[] = [
  [3, 'Ак-Түз', 'ak-tuz'],
  [4, 'Кашка-Суу', 'ak-tuz'],
  [5, 'Алмалуу', 'almaluu'],
  [6, 'Калмак-Ашуу', 'almaluu'],
  [7, 'Боролдой', 'boroldoy'],
  [8, 'Кызыл-Ой', 'boroldoy'],
  [9, 'Жаны-Алыш', 'jany-alysh'],
  [10, 'Жаныш-Бай', 'jany-alysh'],
  [11, 'Ильич', 'ilich'],
  [12, 'Константиновка', 'ilich'],
  [13, 'Кара-Булак', 'kara-bulak'],
  [14, 'Новороссийка', 'kara-bulak'],
  [15, 'Кичи-Кемин', 'kichi-kemin'],
  [16, 'Тар-Суу', 'kichi-kemin'],
  [17, 'Кочкорбаев', 'kochkorbaev'],
  [18, 'Дмитриевка', 'kochkorbaev'],
  [19, 'Тегирменти', 'tegirmenti'],
  [20, 'Кок-Ойрок', 'tegirmenti'],
  [21, 'Подгорное', 'shabdan'],
  [22, 'Шабдан', 'shabdan'],
  [23, 'Беловодское', 'shabdan'],
  [24, 'Чым-Коргон', 'chym-korgon'],
  [25, 'Бейшеке', 'chym-korgon'],
  [26, 'Жар-Булак', 'chym-korgon'],
  [27, 'Кызыл-Октябрь', 'kyzyl-oktyabr'],
  [28, 'Ак-Суу', 'kyzyl-oktyabr'],
  [29, 'Кайынды', 'almaluu'],
  [30, 'Дорожное', 'kyzyl-oktyabr'],
];

export const KEMIN: DemoNetwork = {
  key: 'KEM',
  name: 'Кеминская централизованная библиотечная система',
  shortName: 'Кеминская ЦБС',
  phoneCode: '+996 (3135)',
  mailPrefix: 'kemin',
  central: { phone: '5-12-34', areas: { totalArea: 284, storageArea: 112, serviceArea: 138 }, seats: 40, staff: 12 },
  children: { phone: '5-20-67', areas: { totalArea: 162, storageArea: 58, serviceArea: 86 }, seats: 28, staff: 4 },
  municipalities,
  libraries: [
    {
      code: 'KEM-CB',
      kind: 'central',
      number: null,
      name: 'Кеминская центральная районная библиотека',
      settlement: 'г. Кемин',
      municipalities: ['kemin'],
    },
    {
      code: 'KEM-DB',
      kind: 'children',
      number: null,
      name: 'Кеминская районная детская библиотека',
      settlement: 'г. Кемин',
      municipalities: ['kemin'],
    },
    ...branchesOf('KEM', branchRows),
  ],
};
