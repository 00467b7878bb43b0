// The lock hash: the same as `skills` computes it, in a file order no locale changes.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compareHashPaths, hashSkillFolder } from "../../src/index.js";
import { temp } from "./_repo.js";

const NAMES = ["aa", "b", "Ab", "ab", "_x", "-y", "a-b", "a_b"];

/**
 * The folder `skills` 1.5.18 installed from in the committed comparison: `skills add <src> -a
 * claude-code` under LC_ALL=en_US.UTF-8 wrote computedHash 5e2ab140… for it (da_DK.UTF-8: a
 * different hash, `aa` sorted last), and copied it without metadata.json and __pycache__.
 */
function demo(): string {
  const dir = path.join(temp("hash-"), "demo");
  mkdirSync(path.join(dir, "sub", "__pycache__"), { recursive: true });
  writeFileSync(
    path.join(dir, "SKILL.md"),
    "---\nname: demo\ndescription: A demo skill for hashing.\n---\n# Demo\n",
  );
  writeFileSync(path.join(dir, "metadata.json"), "m\n");
  writeFileSync(path.join(dir, "sub", "__pycache__", "x.pyc"), "p\n");
  for (const name of NAMES) writeFileSync(path.join(dir, name), `${name}\n`);
  return dir;
}
const SKILLS_SOURCE_HASH = "5e2ab1403510d542753620ef640fc0e86fff255c789326809bb0b602e270ac9d";
const SKILLS_COPY_HASH = "928dd593bbc253f9657d8f782c78d477e2be7549fe9ddfc9ed9efc6fc8ee5f15";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("hash file order", () => {
  it("agrees byte for byte with the hash `skills` wrote under en_US", async () => {
    const dir = demo();
    expect(await hashSkillFolder(dir)).toBe(SKILLS_SOURCE_HASH);
    // As `skills` copies it: metadata.json and __pycache__ left out.
    expect(await hashSkillFolder(dir, { asCopied: true })).toBe(SKILLS_COPY_HASH);
  });

  it("orders paths as en_US / C.UTF-8 do: punctuation, then letters case-blind, lower case first", () => {
    const order = [...NAMES, "SKILL.md", "assets/x.md", "10", "9", "a/b", "a.b"].sort(
      compareHashPaths,
    );
    expect(order).toEqual(
      ["_x", "-y", "10", "9", "a_b", "a-b", "a.b", "a/b", "aa", "ab", "Ab", "assets/x.md"].concat([
        "b",
        "SKILL.md",
      ]),
    );
  });

  it("does not follow the machine's locale (da_DK sorts aa after z)", async () => {
    const dir = demo();
    const danish = new Intl.Collator("da");
    // What a da_DK machine's default collation does to every localeCompare and default collator.
    vi.spyOn(String.prototype, "localeCompare").mockImplementation(function (
      this: string,
      that: string,
    ) {
      return danish.compare(String(this), that);
    });
    expect(["aa", "b"].sort((x, y) => x.localeCompare(y))).toEqual(["b", "aa"]);
    expect(["aa", "b"].sort(compareHashPaths)).toEqual(["aa", "b"]);
    expect(await hashSkillFolder(dir)).toBe(SKILLS_SOURCE_HASH);
  });

  it("is a total order: paths the collation calls equal still sort one way", () => {
    // NFC and NFD spellings of "é" collate equal; the tie is broken by code units.
    const nfc = "caf\u00e9";
    const nfd = "cafe\u0301";
    expect(compareHashPaths(nfc, nfd)).toBe(-compareHashPaths(nfd, nfc));
    expect(compareHashPaths(nfc, nfd)).not.toBe(0);
    expect([nfd, nfc].sort(compareHashPaths)).toEqual([nfc, nfd].sort(compareHashPaths));
  });
});
