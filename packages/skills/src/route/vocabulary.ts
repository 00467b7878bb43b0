// Near-spelling fallback for task words a library never uses: "localisation" finds "locale".

/** Shortest shared prefix that counts as the same word family. */
const MIN_SHARED = 5;
/** How many letters past the shared prefix either stem may have. */
const MAX_TAIL = 3;
/** Bound on the candidates compared per word, so a common prefix cannot make a route slow. */
const MAX_SCAN = 64;

function sharedPrefix(a: string, b: string): number {
  const end = Math.min(a.length, b.length);
  let i = 0;
  while (i < end && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * The library's word stems, sorted, answering "which known stem is this unknown stem a spelling or
 * derivation of?". Porter stemming leaves pairs such as `localis`/`local`, `summaris`/`summari` or
 * `analys`/`analyz` apart; a shared prefix of at least five letters, with at most three more letters
 * in either stem, joins them (`person` stays apart from `personalis`). The longest shared prefix wins, then the shorter stem.
 */
export class Vocabulary {
  readonly #words: string[];

  /** Indexes the given stems (phrases and duplicates are left out). */
  constructor(stems: Iterable<string>) {
    this.#words = [...new Set([...stems].filter((stem) => !stem.includes(" ")))].sort();
  }

  /** The known stem closest to `stem` by the rule above, or undefined. */
  closest(stem: string): string | undefined {
    if (stem.length < MIN_SHARED) return undefined;
    const prefix = stem.slice(0, MIN_SHARED);
    let lo = 0;
    let hi = this.#words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    let best: string | undefined;
    let bestShared = 0;
    for (let i = lo; i < this.#words.length && i < lo + MAX_SCAN; i++) {
      const word = this.#words[i]!;
      if (!word.startsWith(prefix)) break;
      const shared = sharedPrefix(stem, word);
      if (shared < Math.max(stem.length, word.length) - MAX_TAIL) continue;
      if (shared > bestShared || (shared === bestShared && word.length < best!.length)) {
        best = word;
        bestShared = shared;
      }
    }
    return best;
  }
}
