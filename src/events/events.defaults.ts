/**
 * What a network starts with: the usual forms of library events and the calendar of memorable dates
 * that Kyrgyz and Russian libraries plan around. Each network then edits its own copy.
 */

export interface DefaultEventForm {
  code: string;
  nameRu: string;
  nameKy: string;
  nameEn: string;
  isExhibition?: boolean;
}

export const DEFAULT_EVENT_FORMS: readonly DefaultEventForm[] = [
  { code: 'literary_evening', nameRu: 'Литературный вечер', nameKy: 'Адабий кече', nameEn: 'Literary evening' },
  { code: 'book_discussion', nameRu: 'Обсуждение книги', nameKy: 'Китеп талкуусу', nameEn: 'Book discussion' },
  { code: 'library_lesson', nameRu: 'Библиотечный урок', nameKy: 'Китепкана сабагы', nameEn: 'Library lesson' },
  { code: 'quiz', nameRu: 'Викторина', nameKy: 'Викторина', nameEn: 'Quiz' },
  { code: 'contest', nameRu: 'Конкурс', nameKy: 'Сынак', nameEn: 'Contest' },
  { code: 'exhibition', nameRu: 'Книжная выставка', nameKy: 'Китеп көргөзмөсү', nameEn: 'Book exhibition', isExhibition: true },
  { code: 'presentation', nameRu: 'Презентация', nameKy: 'Презентация', nameEn: 'Presentation' },
  { code: 'holiday', nameRu: 'Праздник', nameKy: 'Майрам', nameEn: 'Holiday' },
  { code: 'concert', nameRu: 'Концерт', nameKy: 'Концерт', nameEn: 'Concert' },
  { code: 'meeting', nameRu: 'Встреча с писателем', nameKy: 'Жазуучу менен жолугушуу', nameEn: 'Meeting with an author' },
  { code: 'round_table', nameRu: 'Круглый стол', nameKy: 'Тегерек стол', nameEn: 'Round table' },
  { code: 'information_day', nameRu: 'День информации', nameKy: 'Маалымат күнү', nameEn: 'Information day' },
];

export interface DefaultMemorableDate {
  code: string;
  title: string;
  month: number;
  day: number;
  lengthDays?: number;
  note?: string;
}

export const DEFAULT_MEMORABLE_DATES: readonly DefaultMemorableDate[] = [
  { code: 'nooruz', title: 'Нооруз', month: 3, day: 21 },
  { code: 'childrens_book_week', title: 'Неделя детской книги', month: 3, day: 24, lengthDays: 7 },
  { code: 'victory_day', title: 'День Победы', month: 5, day: 9 },
  { code: 'slavic_literacy', title: 'День славянской письменности и культуры', month: 5, day: 24 },
  { code: 'libraries_day', title: 'Общероссийский день библиотек', month: 5, day: 27 },
  { code: 'children_day', title: 'День защиты детей', month: 6, day: 1 },
  { code: 'pushkin_day', title: 'Пушкинский день', month: 6, day: 6 },
  { code: 'knowledge_day', title: 'День знаний', month: 9, day: 1 },
  { code: 'state_language_kg', title: 'День государственного языка Кыргызской Республики', month: 9, day: 23 },
  { code: 'aitmatov_birthday', title: 'День рождения Чингиза Айтматова', month: 12, day: 12 },
];
