// Token estimates with an offline tokenizer (o200k_base from gpt-tokenizer), loaded on first use.

/** Counts tokens in a text. */
export type TokenCounter = (text: string) => number;

let loaded: Promise<TokenCounter> | undefined;

/**
 * Longest piece handed to the tokenizer. Byte-pair encoding is quadratic in the length of one
 * pre-tokenized word (128 KB of `x` took 9 s, 1 MB over 5 min); pieces this short keep a count
 * linear in the text, and cuts fall before whitespace where there is any, so ordinary text counts
 * as it would whole.
 */
export const TOKEN_PIECE = 256;

const isSpace = (code: number) =>
  code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c;

/** Where the piece starting at `start` ends: before the last whitespace in reach, else at the cap. */
function pieceEnd(text: string, start: number): number {
  const limit = start + TOKEN_PIECE;
  if (limit >= text.length) return text.length;
  for (let at = limit; at > start + 1; at--) if (isSpace(text.charCodeAt(at))) return at;
  // No whitespace: a long word, cut (never inside a surrogate pair).
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/**
 * Wraps a counter so that it sees at most TOKEN_PIECE characters at a time (see there); the
 * counts of the pieces add up.
 */
export function linearCounter(count: TokenCounter): TokenCounter {
  return (text) => {
    if (text.length <= TOKEN_PIECE) return count(text);
    let total = 0;
    for (let start = 0; start < text.length;) {
      const end = pieceEnd(text, start);
      total += count(text.slice(start, end));
      start = end;
    }
    return total;
  };
}

/**
 * The default counter: OpenAI's o200k_base encoding, run locally. Other models tokenize
 * differently, so every count is an estimate (Claude's tokenizer usually gives somewhat more). The
 * encoder takes ~150 ms to load, so it is imported only when a count is needed.
 */
export function defaultTokenCounter(): Promise<TokenCounter> {
  loaded ??= import("gpt-tokenizer").then((m) =>
    linearCounter((text: string) => m.countTokens(text)),
  );
  return loaded;
}

/** Counts tokens, skipping the tokenizer when the answer cannot exceed `limit` (a token has ≥ 1 character). */
export async function countTokensAbove(
  text: string,
  limit: number,
  counter?: TokenCounter,
): Promise<number | undefined> {
  if (text.length <= limit) return undefined;
  const count = (counter ?? (await defaultTokenCounter()))(text);
  return count > limit ? count : undefined;
}
