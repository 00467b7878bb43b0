// Tests for argument splitting, shell quoting, substitution and the unused-arguments rule.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appendArgumentsIfUnused,
  interpolate,
  shellQuote,
  splitArguments,
  substituteArguments,
  unusedArgumentsSuffix,
} from "../../src/activate/index.js";

describe("splitArguments", () => {
  it.each([
    ["", []],
    ["   ", []],
    ["a b  c", ["a", "b", "c"]],
    [" \ta\n b ", ["a", "b"]],
    ["'a b' c", ["a b", "c"]],
    [`'a\\b "c"'`, [`a\\b "c"`]],
    [`"say \\"hi\\"" x`, [`say "hi"`, "x"]],
    [`"a\\\\b"`, ["a\\b"]],
    [`"a\\nb"`, ["a\\nb"]],
    ["a\\ b c", ["a b", "c"]],
    ["a\\'b", ["a'b"]],
    ["trailing\\", ["trailing\\"]],
    ["'' \"\" x", ["", "", "x"]],
    ["pre'mid'\"post\"", ["premidpost"]],
    ["'unterminated rest", ["unterminated rest"]],
    [`"open \\" quote`, [`open " quote`]],
  ])("splits %j", (raw, expected) => {
    expect(splitArguments(raw)).toEqual(expected);
  });
});

describe("shellQuote", () => {
  it.each([
    ["", "''"],
    ["plain", "plain"],
    ["./a/b-c_1.txt", "./a/b-c_1.txt"],
    ["it's", `'it'\\''s'`],
    ["a b", "'a b'"],
    ["$HOME", "'$HOME'"],
    ["~", "'~'"],
    ["a=b", "'a=b'"],
  ])("quotes %j", (value, expected) => {
    expect(shellQuote(value)).toBe(expected);
  });

  it("round-trips any array of strings through splitArguments", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" })), (args) => {
        expect(splitArguments(args.map(shellQuote).join(" "))).toEqual(args);
      }),
    );
  });
});

describe("substituteArguments", () => {
  const base = { skillDir: "/skills/demo" };

  it("fills positional, indexed and whole-string placeholders", () => {
    const text = "$0|$1|$ARGUMENTS[1]|$ARGUMENTS[0]|$5|$ARGUMENTS[9]|$ARGUMENTS";
    expect(substituteArguments(text, { ...base, raw: "  one 'two three'  " })).toBe(
      "one|two three|two three|one|||one 'two three'",
    );
  });

  it("reads multi-digit positions", () => {
    const raw = "a b c d e f g h i j k";
    expect(substituteArguments("$10-$1", { ...base, raw })).toBe("k-b");
  });

  it("fills declared names, longest first, and respects name boundaries", () => {
    const options = { ...base, raw: "F N X", named: ["file", "file_name", "x"] };
    expect(substituteArguments("$file $file_name $x $files $xy $x.", options)).toBe(
      "F N X $files $xy X.",
    );
  });

  it("leaves undeclared and unknown variables alone and treats $$ as text", () => {
    const text = "$HOME $name $$ $ARGUMENTSX ${OTHER}";
    expect(substituteArguments(text, { ...base, raw: "a" })).toBe(text);
  });

  it("fills missing named arguments with the empty string", () => {
    expect(substituteArguments("[$a][$b]", { ...base, raw: "1", named: ["a", "b"] })).toBe("[1][]");
  });

  it("ignores declared names that are not identifiers", () => {
    expect(substituteArguments("$a-b $ok", { ...base, raw: "x y", named: ["a-b", "ok"] })).toBe(
      "$a-b y",
    );
  });

  it("substitutes both skill folder forms", () => {
    const text = "${SKILL_DIR}/s.sh ${CLAUDE_SKILL_DIR}/t.sh";
    expect(substituteArguments(text, { ...base, raw: "" })).toBe(
      "/skills/demo/s.sh /skills/demo/t.sh",
    );
  });

  it("never re-scans substituted values", () => {
    const options = { ...base, raw: "'$1 ${SKILL_DIR}' two", named: ["n"] };
    expect(substituteArguments("$0 $n", options)).toBe("$1 ${SKILL_DIR} $1 ${SKILL_DIR}");
  });

  it("passes every substituted value through quote, including the skill folder", () => {
    const options = {
      skillDir: "/my skills/demo",
      raw: `"it's" x`,
      named: ["who"],
      quote: shellQuote,
    };
    expect(substituteArguments("$0 $1 $who $7 $ARGUMENTS ${SKILL_DIR}", options)).toBe(
      `'it'\\''s' x 'it'\\''s' '' '"it'\\''s" x' '/my skills/demo'`,
    );
  });
});

describe("appendArgumentsIfUnused", () => {
  it("appends the trimmed arguments when the body never uses $ARGUMENTS", () => {
    expect(appendArgumentsIfUnused("Body", "  a b ")).toBe("Body\n\nARGUMENTS: a b");
    expect(unusedArgumentsSuffix("Body", "  a b ")).toBe("\n\nARGUMENTS: a b");
  });

  it.each([
    ["Use $ARGUMENTS", "a"],
    ["Use $ARGUMENTS[0]", "a"],
    ["Body", ""],
    ["Body", "  "],
  ])("leaves %j alone for raw %j", (body, raw) => {
    expect(appendArgumentsIfUnused(body, raw)).toBe(body);
  });
});

describe("quoted arguments in commands", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "skills-args-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const attacks = [
    `"; touch pwned; echo "`,
    "'; touch pwned; echo '",
    "$(touch pwned)",
    "`touch pwned`",
    "x` !`touch pwned` `",
    "x && touch pwned",
    "a\ntouch pwned",
    "a\n!`touch pwned`",
    "> pwned",
  ];

  it.each(attacks)("runs %j as a literal argument through interpolate", async (argument) => {
    const args = { raw: shellQuote(argument), skillDir: dir };
    const result = await interpolate("Out: !`echo $0`", {
      trusted: true,
      cwd: dir,
      arguments: args,
    });
    expect(result.text).toBe(`Out: ${argument}\n\nARGUMENTS: ${args.raw}`);
    // The report shows the text that ran, with the value beside it rather than spliced in.
    expect(result.commands[0]).toMatchObject({
      command: 'echo "${SKILLFLOW_ARG_0}"',
      arguments: { SKILLFLOW_ARG_0: argument },
    });
    expect(existsSync(join(dir, "pwned"))).toBe(false);
  });

  it.each(attacks.filter((attack) => !/[`\n]/.test(attack)))(
    "keeps %j literal when substituted before interpolate",
    async (argument) => {
      const args = { raw: shellQuote(argument), skillDir: dir, quote: shellQuote };
      const body = substituteArguments("Out: !`echo $0`", args);
      const result = await interpolate(body, { trusted: true, cwd: dir });
      expect(result.text).toBe(`Out: ${argument}`);
      expect(existsSync(join(dir, "pwned"))).toBe(false);
    },
  );

  it("keeps the whole $ARGUMENTS string as one literal word", async () => {
    const args = { raw: "a; touch pwned", skillDir: dir };
    const result = await interpolate("!`echo $ARGUMENTS`", {
      trusted: true,
      cwd: dir,
      arguments: args,
    });
    expect(result.text).toBe("a; touch pwned");
    expect(existsSync(join(dir, "pwned"))).toBe(false);
  });

  it("substitutes prose verbatim and appends unused arguments without scanning them", async () => {
    const args = { raw: "'!`touch pwned`' x", named: ["first"], skillDir: dir };
    const body = "First: $first, dir ${SKILL_DIR}\n!`echo ok`";
    const result = await interpolate(body, { trusted: true, cwd: dir, arguments: args });
    expect(result.text).toBe(
      `First: !\`touch pwned\`, dir ${dir}\nok\n\nARGUMENTS: '!\`touch pwned\`' x`,
    );
    expect(result.commands).toHaveLength(1);
    expect(existsSync(join(dir, "pwned"))).toBe(false);
  });

  it("does not append arguments when the body uses $ARGUMENTS", async () => {
    const args = { raw: "a b", skillDir: dir };
    const result = await interpolate("Got $ARGUMENTS", {
      trusted: false,
      cwd: dir,
      arguments: args,
    });
    expect(result.text).toBe("Got a b");
  });
});
