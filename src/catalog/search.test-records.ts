/** The catalogue the search tests search (search.test.ts): records with their copies in two branches. */

/** A valid ISBN-10 from nine digits (the check digit computed), so every test ISBN passes validation. */
export function isbn10(first9: string): string {
  const sum = [...first9].reduce((s, d, i) => s + (10 - i) * Number(d), 0);
  const check = (11 - (sum % 11)) % 11;
  return `${first9}${check === 10 ? 'X' : check}`;
}

export type Copy = 'L1' | 'L2' | 'L1-loan' | 'L2-loan';
const R = (
  title: string,
  authors: string[],
  year: number,
  extra: Record<string, unknown> = {},
  copies: Copy[] = [],
) => ({
  form: { title, authors, year, language: 'rus', ...extra },
  copies,
});

export const AITMATOV = ['Айтматов, Ч.'];
const TOLSTOY = ['Толстой, Л. Н.'];
const DOSTOEVSKY = ['Достоевский, Ф. М.'];
export const RECORDS = [
  R('Белый пароход', AITMATOV, 1970, { otherTitle: 'после сказки', bbk: ['84(2Ки)6'] }, ['L1', 'L2-loan']),
  R('Джамиля', AITMATOV, 1988, { otherTitle: 'повесть', bbk: ['84(2Ки)6'], isbns: ['5-655-00012-1'] }, ['L2', 'L2']),
  R('Пегий пёс, бегущий краем моря', AITMATOV, 1977, { bbk: ['84(2Ки)6'] }),
  R('Плаха', AITMATOV, 1987, { bbk: ['84(2Ки)6'], responsibility: 'Чингиз Айтматов' }, ['L1-loan']),
  R('И дольше века длится день', AITMATOV, 1981, { bbk: ['84(2Ки)6'] }),
  R('Алёша Горшок', TOLSTOY, 1905, {}, ['L1']),
  R('Война и мир', TOLSTOY, 1869, { bbk: ['84(2Рос=Рус)1'] }, ['L1']),
  R('Анна Каренина', TOLSTOY, 1878),
  R('Детство', TOLSTOY, 1852),
  R('Детство', ['Горький, М.'], 1913),
  R('Записки охотника', ['Тургенев, Иван Сергеевич'], 1852),
  R('Ак жол', ['Токомбаев, А.'], 1960),
  R('Ырлар', ['Токомбаев, А.'], 1970, {}, ['L1', 'L2']),
  R('Өнөр жана турмуш', ['Абдыкадыров, Т.'], 2015, { language: 'kir' }),
  R('Жаңы китеп', [], 2020, { language: 'kir' }),
  R('Манас', [], 1995, { language: 'kir', subjects: ['Кыргызский эпос'] }, ['L1']),
  R('Манас', [], 2010, {
    otherTitle: 'аудиокнига',
    language: 'kir',
    materialType: 'audio',
    subjects: ['Кыргызский эпос'],
  }),
  R('Ала-Тоо', [], 1990, { language: 'kir', materialType: 'periodical' }),
  R('The Hobbit', ['Tolkien, J. R. R.'], 1937, { language: 'eng', otherTitle: 'or There and Back Again' }),
  R("Harry Potter and the Philosopher's Stone", ['Rowling, J. K.'], 1997, { language: 'eng', ageLabel: '6+' }),
  R('Преступление и наказание', DOSTOEVSKY, 1866, { isbns: ['978-5-389-07435-4'] }),
  R('Братья Карамазовы', DOSTOEVSKY, 1880),
  R('Белые ночи', DOSTOEVSKY, 1848),
  R('Мастер и Маргарита', ['Булгаков, М. А.'], 1967, { ageLabel: '16+' }),
  R('Собачье сердце', ['Булгаков, М. А.'], 1925),
  R('Тихий Дон', ['Шолохов, М. А.'], 1940),
  R('Судьба человека', ['Шолохов, М. А.'], 1956),
  R('Кыргызстан', [], 2010, { otherTitle: 'физическая карта', materialType: 'map' }),
  R('Пароходы Иссык-Куля', ['Иванов, П. С.'], 2001, { subjects: ['Иссык-Куль -- Судоходство'], bbk: ['39.46'] }),
  R('История Кыргызстана', ['Осмонов, О. Дж.'], 2012, {
    bbk: ['63.3(2Ки)'],
    subjects: ['История'],
    isbns: [isbn10('599670123')],
  }),
  R('Кыргызская кухня', [], 2018, { bbk: ['36.997'], ageLabel: '0+' }),
  R('Кыргыз тилинин сөздүгү', ['Юдахин, К. К.'], 1965, { language: 'kir' }),
  R('Сказки народов мира', [], 2005, { ageLabel: '0+' }),
  R('Жалал-Абад', [], 2008, { otherTitle: 'путеводитель' }),
];
