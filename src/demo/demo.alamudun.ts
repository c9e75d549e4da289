/**
 * Аламудунская ЦБС: the second network of the region, smaller in the demo than in life (its report
 * speaks of 17 айыл окмоту), enough that the region level compares two networks. Its айыл окмоту lie
 * around Бишкек and are far more populous than Kemin's mountain villages.
 */
import { branchesOf, demoEmail, type BranchRow, type DemoMunicipality, type DemoNetwork } from './demo.types';

const ao = (
  key: string,
  name: string,
  village: string,
  headName: string,
  phoneTail: string,
  population: number,
  lat: number,
  lon: number,
): DemoMunicipality => ({
  key,
  kind: 'aiyl_okmotu',
  name,
  headName,
  headTitle: 'глава айыл окмоту',
  address: `с. ${village}, ул. Ленина, 2`,
  phone: `+996 (312) ${phoneTail}`,
  email: demoEmail(`${key}.ao`),
  population,
  lat,
  lon,
});

const municipalities: DemoMunicipality[] = [
  ao('lebedinovka', 'Лебединовский айыл окмоту', 'Лебединовка', 'Курманалиев Нурлан Эсенович', '63-12-40', 28_400, 42.884, 74.684),
  ao('vasilyevka', 'Васильевский айыл окмоту', 'Васильевка', 'Ибраимова Гулмира Садыковна', '63-25-71', 19_750, 42.932, 74.515),
  ao('alamudun', 'Аламүдүнский айыл окмоту', 'Аламүдүн', 'Шаршеев Таалайбек Акылбекович', '63-40-16', 16_300, 42.902, 74.622),
  ao('koy-tash', 'Кой-Ташский айыл окмоту', 'Кой-Таш', 'Жээнбеков Садыр Кадырбекович', '63-58-03', 9_860, 42.818, 74.748),
  ao('arashan', 'Арашанский айыл окмоту', 'Арашан', 'Мырзакматова Чынара Абдыкеримовна', '63-66-29', 11_240, 42.832, 74.581),
];

const branchRows: BranchRow[] = [
  [1, 'Васильевка', 'vasilyevka'],
  [2, 'Кок-Жар', 'vasilyevka'],
  [3, 'Аламүдүн', 'alamudun'],
  [4, 'Ак-Бата', 'alamudun'],
  [5, 'Кой-Таш', 'koy-tash'],
  [6, 'Таш-Мойнок', 'koy-tash'],
  [7, 'Арашан', 'arashan'],
  [8, 'Кызыл-Туу', 'arashan'],
  [9, 'Комсомольское', 'lebedinovka'],
  [10, 'Ак-Жол', 'lebedinovka'],
];

export const ALAMUDUN: DemoNetwork = {
  key: 'ALA',
  name: 'Аламудунская централизованная библиотечная система',
  shortName: 'Аламудунская ЦБС',
  phoneCode: '+996 (312)',
  mailPrefix: 'alamudun',
  central: { phone: '63-10-52', areas: { totalArea: 236, storageArea: 96, serviceArea: 120 }, seats: 36, staff: 9 },
  children: { phone: '63-11-87', areas: { totalArea: 128, storageArea: 44, serviceArea: 70 }, seats: 24, staff: 3 },
  municipalities,
  libraries: [
    {
      code: 'ALA-CB',
      kind: 'central',
      number: null,
      name: 'Аламудунская центральная районная библиотека',
      settlement: 'с. Лебединовка',
      municipalities: ['lebedinovka'],
    },
    {
      code: 'ALA-DB',
      kind: 'children',
      number: null,
      name: 'Аламудунская районная детская библиотека',
      settlement: 'с. Лебединовка',
      municipalities: ['lebedinovka'],
    },
    ...branchesOf('ALA', branchRows),
  ],
};
