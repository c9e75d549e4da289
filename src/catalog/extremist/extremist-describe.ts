/**
 * The title and author of one entry of the Federal list, as the keys matching compares
 * (extremist.job.ts): the title key with the catalogue's folded titles by trigram similarity, the
 * author key — one folded surname — with the start of a record's first author.
 *
 * The title is the entry's first quotation («…», "…", „…“), unless it names where the work was
 * published («Вестник» in `Статья "Свобода народа", опубликованная в газете «Вестник»`) or its opening
 * words; without quotes, the text before the court's decision, less the kind of material ("Листовка",
 * "Информационный материал — книга") and an author. The author is a surname with initials before the
 * title, else just after it (`«Над степью ветер» С.С. Сидорова`).
 */
import { foldText } from '../../app/text-fold';

// «…» may hold "…" inside; "…" holds no guillemets (a «…» inside is found on its own).
const QUOTATION = /«([^»]{2,300})»|["“„]([^"”“«»]{2,300})["”“]/g;
/** Words just before a quotation that make it the place of publication or the opening words, not the work. */
const NOT_THE_WORK =
  /(?:газет[еы]|журнал[еа]|сайт[еа]|издательств\S*|изд-в[оа]м?|групп[еы]|канал[еа]|сообществ[еа]|сет[иь]|портал[еа]|странице|аккаунт[еа]|разделе|рубрике|словами|фразой)\s*(?:№\s*\d+\s*)?[,:]?\s*$/i;

// Surname + initials (Иванов И.И., Иванова И. И.) or initials + surname (И.И. Иванов); Kyrgyz names
// have Ң, Ө, Ү besides the Russian letters (Үсөнова К.В., Ч.П. Өмүралиева).
const UPPER = 'А-ЯЁҢӨҮA-Z';
const LOWER = 'а-яёңөүa-z';
const SURNAME_FIRST = new RegExp(`([${UPPER}][${LOWER}-]{1,40})\\s+[${UPPER}]\\.\\s?(?:[${UPPER}]\\.)?`);
const INITIALS_FIRST = new RegExp(`[${UPPER}]\\.\\s?(?:[${UPPER}]\\.\\s?)?([${UPPER}][${LOWER}-]{1,40})`);
const LEADING_AUTHOR = new RegExp(`^(?:${INITIALS_FIRST.source}|${SURNAME_FIRST.source})[\\s,.:;—–-]*`);

/** The kind of material and the words joining it to an unquoted title, as the list begins its entries. */
const END = String.raw`(?=[\s,.:;—–-]|$)[\s,.:;—–-]*`;
const KIND = String.raw`(?:информационн\S*\s+материал\S*|печатн\S*\s+издани\S*|интернет-ресурс\S*|видео\S*|аудио\S*|книг[аи]|китеп(?:тер)?|брошюр[аы]|стать[яи]|листовк[аи]|журнал|газет[аы]|стихотворени[ея]|стихи|песн[яи]|сборник(?:\s+(?:статей|стихов|стихотворений|песен|текстов))?|обращени[ея]|кинофильм|фильм|плакат|изображени[ея]|рисунок|текст|материал[ы]?|памятк[аи]|файл|запис[ьи])`;
const JOIN = String.raw`(?:под\s+названием|с\s+названием|под\s+заголовком|с\s+заголовком|озаглавленн\S*|с\s+текстом|именуем\S*|названн\S*)`;
const LEADING_KIND = new RegExp(`^(?:${KIND}|${JOIN})${END}`, 'iu');

/** Folded, punctuation to spaces, single-spaced. */
export function matchKey(value: string): string {
  return foldText(value)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Quotation {
  title: string;
  start: number;
  end: number;
}

/** The quotation that names the work: the first one not preceded by where it was published. */
function workQuotation(text: string): Quotation | null {
  const all: Quotation[] = [];
  for (const m of text.matchAll(QUOTATION))
    all.push({ title: (m[1] ?? m[2])!, start: m.index, end: m.index + m[0].length });
  return all.find((q) => !NOT_THE_WORK.test(text.slice(Math.max(0, q.start - 40), q.start))) ?? all[0] ?? null;
}

/** An unquoted title: the text less the kinds of material and an author it starts with. */
function unquotedTitle(text: string): string {
  let title = text.slice(0, 200).trim();
  for (let before = ''; before !== title;) {
    before = title;
    title = title.replace(LEADING_KIND, '').replace(LEADING_AUTHOR, '').trim();
  }
  return title;
}

/** Endings of Russian, Ukrainian, Georgian, Armenian and Kyrgyz surnames, in any case. */
const SURNAME_ENDING =
  /(?:[оеё]в(?:а|ой|у|ым)?|[иы]н(?:а|ой|у|ым)?|[сц]к(?:ий|ая|ого|ой|ому)|енко|[ую]к|ян|дзе|швили|уулу|кызы)$/i;

/**
 * The surname of an author written in `part`. Initials first wins ("Брошюра П.П. Петрова" is not
 * "Брошюра"), unless only the surname before the initials looks like one ("Иванова И.И. Путь воина").
 */
function authorIn(part: string): string {
  const initialsFirst = INITIALS_FIRST.exec(part)?.[1];
  const surnameFirst = SURNAME_FIRST.exec(part)?.[1];
  if (initialsFirst && surnameFirst && SURNAME_ENDING.test(surnameFirst) && !SURNAME_ENDING.test(initialsFirst))
    return surnameFirst;
  return initialsFirst ?? surnameFirst ?? '';
}

/** The title and author keys of one entry's text. */
export function describeEntry(text: string): { titleKey: string; authorKey: string } {
  const quoted = workQuotation(text);
  if (!quoted) {
    // Without quotes, the text before the court's decision stands in for the title.
    const head = text.replace(/\(.*$/s, '');
    // "Исключен." (or "Исключен из списка…"): the entry keeps its number, there is nothing to look for.
    if (/^\s*исключен[аоы]?(?:[\s.,;]|$)/i.test(head)) return { titleKey: '', authorKey: '' };
    return { titleKey: matchKey(unquotedTitle(head)), authorKey: matchKey(authorIn(head)) };
  }
  // After the title, only what comes before the publication details or the decision: `», С.С. Сидорова (`.
  const after = text.slice(quoted.end, quoted.end + 80).split(/[(;«"„“]|решени/)[0]!;
  const author = authorIn(text.slice(0, quoted.start)) || authorIn(after);
  return { titleKey: matchKey(quoted.title), authorKey: matchKey(author) };
}
