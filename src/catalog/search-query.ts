/**
 * Turning what a person typed into search terms: folded words (case, ё/е, Kyrgyz letters, as the
 * index is folded) and tsquery texts. Only letters and digits reach to_tsquery, so its syntax
 * (&, |, !, :, parentheses) can never be injected.
 */
import { foldText, likeEscape } from '../app/text-fold';
import { spellingsOf } from './search-spellings';

const MAX_WORDS = 12;

/**
 * PostgreSQL's `russian` stop words (tsearch_data/russian.stop). The `russian` configuration drops
 * them, the `simple` one keeps them, so a query must not require them: "книги о войне" still finds
 * "Книга войны".
 */
const RUSSIAN_STOP_WORDS = new Set(
  ('и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от ' +
    'меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж ' +
    'вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без ' +
    'будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один ' +
    'почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после ' +
    'над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед ' +
    'иногда лучше чуть том нельзя такой им более всегда конечно всю между').split(' '),
);

/** Folded words of a query: "Белого Парохода!" → ["белого", "парохода"]. */
export function queryWords(text: string | undefined): string[] {
  if (!text) return [];
  return (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}

/** The words a match must contain: stop words are dropped unless nothing else was typed. */
export function requiredWords(words: readonly string[]): string[] {
  const content = words.filter((w) => !RUSSIAN_STOP_WORDS.has(w));
  return content.length ? content : [...words];
}

/**
 * One word as tsquery texts for each configuration, null where that configuration is not asked (a
 * word with other spellings asks for any of them). The
 * index holds every word both ways, so a whole word is found by its `russian` stem alone: the same
 * word analysed the same way gives the same lexeme, and one lexeme per word lets the index skip
 * through the other words' entries instead of reading both spellings of each in full. `simple` is
 * asked for what `russian` cannot find: a prefix, and a stop word (which `russian` drops).
 */
export interface Term {
  russian: string | null;
  simple: string | null;
}

/**
 * The terms of some words, restricted to weights (title A, authors B, subjects C) when given; the
 * last word is a prefix when `prefixLast` (a person may not have finished typing it).
 */
export function termsOf(words: readonly string[], weights = '', prefixLast = false): Term[] {
  const suffix = weights ? `:${weights}` : '';
  return words.map((word, i) => {
    if (RUSSIAN_STOP_WORDS.has(word)) return { russian: null, simple: `${word}${suffix}` };
    const isPrefix = prefixLast && i === words.length - 1;
    // A Kyrgyz name in its Russian transcription too, and the other way round (search-spellings.ts).
    const spellings = spellingsOf(word).map((w) => `${w}${suffix}`);
    const russian = spellings.length > 1 ? `(${spellings.join(' | ')})` : spellings[0]!;
    return { russian, simple: isPrefix ? `${word}:*${weights}` : null };
  });
}

/**
 * Words used to find typos by trigram similarity. Words under three letters carry too few trigrams
 * to compare, so they are left out unless nothing else is left.
 */
export function fuzzyWords(words: readonly string[]): string[] {
  const long = words.filter((w) => w.length >= 3);
  return long.length ? long : [...words];
}

/** A ББК prefix for LIKE: wildcards typed by the person are taken literally. */
export function likePrefix(value: string): string {
  return `${likeEscape(value.trim().toUpperCase())}%`;
}
