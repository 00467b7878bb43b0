// Tokenizer for skill routing: lowercasing, word splitting, stop-word removal and Porter stemming.
import { stemmer } from "stemmer";

/**
 * English function words plus the filler of requests ("please", "help me"), which would otherwise
 * match every skill description that says "use when someone wants help with".
 */
const STOP_WORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before " +
    "being below between both but by can could did do does doing done down during each few for " +
    "from further get got had has have having he her here hers him his how i if in into is it its " +
    "itself just let me might more most must my myself need needs no nor not now of off on once " +
    "only or other our ours out over own please same she should so some such than that the their " +
    "them then there these they this those through to too under until up us use used using very " +
    "via want wants was we were what when where which while who whom why will with would you your " +
    "yours yourself help helps someone something anything thing things"
  ).split(" "),
);

const WORD = /[\p{L}\p{N}]+/gu;

// Stemming dominates query time and task vocabularies repeat, so stems are memoised (bounded).
const STEMS = new Map<string, string>();
const STEM_CACHE_SIZE = 50_000;

// British "-our" (colour, behaviour, labour) spelt as American, so both spellings share a stem.
const BRITISH_OUR = /^(\p{L}{3,})our(s|ed|ing|ful|ite|ites|able)?$/u;

/** Stems one lowercase word with the Porter stemmer. */
export function stem(word: string): string {
  let stemmed = STEMS.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word.replace(BRITISH_OUR, "$1or$2"));
    if (STEMS.size >= STEM_CACHE_SIZE) STEMS.clear();
    STEMS.set(word, stemmed);
  }
  return stemmed;
}

/** Lowercases, splits on anything but letters and digits and drops stop words (no stemming). */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (!STOP_WORDS.has(word)) words.push(word);
  }
  return words;
}

/** Lowercases, splits on anything but letters and digits, drops stop words and stems the rest. */
export function tokenize(text: string): string[] {
  return contentWords(text).map(stem);
}

/** Tokenizes a skill name such as `pdf-forms`, whose hyphens separate words like any punctuation. */
export function tokenizeName(name: string): string[] {
  return tokenize(name);
}

/** Adjacent token pairs joined by a space, so a phrase can be indexed like a word. */
export function bigrams(tokens: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 1; i < tokens.length; i++) pairs.push(`${tokens[i - 1]} ${tokens[i]}`);
  return pairs;
}
