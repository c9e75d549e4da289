/**
 * Service outside the library buildings (внестационарное обслуживание): deposit collections, the
 * mobile library's stops and home delivery, each served by one library of the demo.
 */
import type { TServicePointInput } from '../network/network.schemas';

export interface DemoServicePoint extends TServicePointInput {
  libraryCode: string;
}

export const DEMO_SERVICE_POINTS: readonly DemoServicePoint[] = [
  {
    libraryCode: 'KEM-DB',
    kind: 'deposit_camp',
    name: 'Детский оздоровительный лагерь «Жаштык»',
    address: 'Кеминский район, ущелье Чон-Кемин',
    contact: 'Начальник лагеря Осмонов Т.К., +996 555 214 377',
    isSeasonal: true,
    isActive: true,
  },
  {
    libraryCode: 'KEM-F15',
    kind: 'deposit_school',
    name: 'Школа-интернат с. Кичи-Кемин',
    address: 'с. Кичи-Кемин, ул. Школьная, 3',
    contact: 'Заместитель директора по воспитательной работе Байматова С.А.',
    isSeasonal: false,
    isActive: true,
  },
  {
    libraryCode: 'KEM-F07',
    kind: 'deposit_farm',
    name: 'Крестьянское хозяйство «Ак-Жол» (летнее пастбище)',
    address: 'жайлоо Кок-Ойрок, Боролдойский айыл окмоту',
    contact: 'Глава хозяйства Садыков Б.Т., +996 700 418 226',
    isSeasonal: true,
    isActive: true,
  },
  {
    libraryCode: 'KEM-CB',
    kind: 'mobile_stop',
    name: 'Стоянка передвижной библиотеки: с. Кайнар',
    address: 'с. Кайнар, у фельдшерско-акушерского пункта',
    contact: 'Каждый второй вторник месяца, 10:00–12:00',
    isSeasonal: false,
    isActive: true,
  },
  {
    libraryCode: 'KEM-CB',
    kind: 'mobile_stop',
    name: 'Стоянка передвижной библиотеки: с. Кара-Кыя',
    address: 'с. Кара-Кыя, у сельского клуба',
    contact: 'Каждый второй вторник месяца, 13:00–15:00',
    isSeasonal: false,
    isActive: true,
  },
  {
    libraryCode: 'KEM-CB',
    kind: 'deposit_other',
    name: 'Кеминская территориальная больница, терапевтическое отделение',
    address: 'г. Кемин, ул. Больничная, 5',
    contact: 'Старшая медсестра Ли О.В.',
    isSeasonal: false,
    isActive: true,
  },
  {
    libraryCode: 'KEM-F22',
    kind: 'home_delivery',
    name: 'Книгоношество: пожилые и маломобильные жители с. Шабдан',
    address: 'с. Шабдан',
    contact: 'Список из 14 читателей ведёт библиотекарь филиала',
    isSeasonal: false,
    isActive: true,
  },
  {
    libraryCode: 'KEM-F21',
    kind: 'home_delivery',
    name: 'Книгоношество: ветераны труда с. Подгорное',
    address: 'с. Подгорное',
    contact: 'Совместно с советом ветеранов Шабданского айыл окмоту',
    isSeasonal: false,
    isActive: true,
  },
  {
    libraryCode: 'ALA-DB',
    kind: 'deposit_camp',
    name: 'Детский лагерь «Балажан»',
    address: 'Аламудунский район, Аламединское ущелье',
    contact: 'Воспитатель Абдиева Н.К.',
    isSeasonal: true,
    isActive: true,
  },
  {
    libraryCode: 'ALA-CB',
    kind: 'deposit_other',
    name: 'Дом-интернат для престарелых и инвалидов',
    address: 'с. Лебединовка, ул. Фрунзе, 14',
    contact: 'Социальный работник Токтогулова А.М.',
    isSeasonal: false,
    isActive: true,
  },
  {
    libraryCode: 'ALA-F05',
    kind: 'home_delivery',
    name: 'Книгоношество: маломобильные жители с. Кой-Таш',
    address: 'с. Кой-Таш',
    contact: 'Приостановлено на время отпуска библиотекаря; 9 читателей',
    isSeasonal: false,
    isActive: false,
  },
];
