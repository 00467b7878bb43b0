// Token estimates: linear on long words (byte-pair encoding is quadratic in one word), close on prose.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { countTokens } from "gpt-tokenizer";
import { describe, expect, it } from "vitest";
import { TOKEN_PIECE, defaultTokenCounter, linearCounter } from "../../src/document/tokens.js";

const ROOT = path.resolve(fileURLToPath(import.meta.url), "../../../../..");

/** Letters from a fixed pseudo-random sequence: one long word the tokenizer cannot cache. */
function letters(length: number): string {
  let seed = 42;
  let out = "";
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out += String.fromCharCode(97 + (seed % 26));
  }
  return out;
}

describe("defaultTokenCounter", () => {
  // Whole, these took 9 s (128 KB) and over 300 s (1 MB); the test timeout guards the fix.
  it("counts one very long word in linear time", async () => {
    const count = await defaultTokenCounter();
    expect(count("x".repeat(1_000_000))).toBe(125_000);
    const word = letters(256 * 1024);
    const tokens = count(word);
    expect(tokens).toBeGreaterThan(word.length / 4);
    expect(tokens).toBeLessThan(word.length);
  });

  it("stays within 1% of the whole-text count on ordinary prose", async () => {
    const count = await defaultTokenCounter();
    for (const file of ["README.md", "docs/sharing.md", "CHANGELOG.md"]) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      const whole = countTokens(text);
      expect(Math.abs(count(text) - whole) / whole, file).toBeLessThan(0.01);
    }
  });
});

describe("linearCounter", () => {
  it("hands out short pieces that add up to the text, cut before whitespace, never in a pair", () => {
    const pieces: string[] = [];
    const count = linearCounter((text) => (pieces.push(text), 1));
    const text = `${"word ".repeat(200)}${"y".repeat(700)}${"😀".repeat(300)}\n`;
    expect(count(text)).toBe(pieces.length);
    expect(pieces.join("")).toBe(text);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(TOKEN_PIECE);
    // Prose is cut where the tokenizer would split anyway: each piece after the first starts
    // with the space that begins a word.
    expect(pieces.slice(1, 3).every((p) => p.startsWith(" word"))).toBe(true);
    // No piece ends inside a surrogate pair.
    expect(pieces.every((p) => !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });

  it("passes a short text through in one call", () => {
    const seen: string[] = [];
    expect(linearCounter((t) => (seen.push(t), 7))("short text")).toBe(7);
    expect(seen).toEqual(["short text"]);
  });
});
