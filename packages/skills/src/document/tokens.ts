// Token estimates with an offline tokenizer (o200k_base from gpt-tokenizer), loaded on first use.

/** Counts tokens in a text. */
export type TokenCounter = (text: string) => number;

let loaded: Promise<TokenCounter> | undefined;

/**
 * The default counter: OpenAI's o200k_base encoding, run locally. Other models tokenize
 * differently, so every count is an estimate (Claude's tokenizer usually gives somewhat more). The
 * encoder takes ~150 ms to load, so it is imported only when a count is needed.
 */
export function defaultTokenCounter(): Promise<TokenCounter> {
  loaded ??= import("gpt-tokenizer").then((m) => (text: string) => m.countTokens(text));
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
