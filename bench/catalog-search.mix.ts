/** The query mix of the search benchmark (catalog-search.bench.ts) and its CPU measurement (catalog-search.cpu.ts). */

/** The benchmark's queries as [name, query string]: Russian and Kyrgyz, with facets, filters and orders. */
export function searchMix(libraryId: string, isbn: string): [string, string][] {
  const e = encodeURIComponent;
  const hyphenated = `${isbn.slice(0, 3)}-${isbn.slice(3, 4)}-${isbn.slice(4, 12)}-${isbn.slice(12)}`;
  return [
    ['айтматов джамиля', `q=${e('айтматов джамиля')}`],
    ['белый парход (typo)', `q=${e('белый парход')}`],
    ['история кыргызстана', `q=${e('история кыргызстана')}`],
    ['манас', `q=${e('манас')}`],
    ['ISBN with hyphens', `q=${e(hyphenated)}`],
    ['subject: кыргызская литература', `subject=${e('кыргызская литература')}`],
    ['Kyrgyz folded: онор жана', `q=${e('онор жана')}`],
    ['жомоктор + language kir', `q=${e('жомоктор')}&language=kir`],
    ['сказки on the shelf in a library', `q=${e('сказки')}&available=true&libraryId=${libraryId}`],
    ['пароход, years 1990-2010', `q=${e('пароход')}&yearFrom=1990&yearTo=2010`],
    ['author: осмонов', `author=${e('осмонов')}`],
    ['тоолор, newest first', `q=${e('тоолор')}&sort=year_desc`],
  ];
}
