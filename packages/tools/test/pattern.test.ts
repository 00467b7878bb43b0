// Author patterns run on RE2: catastrophic patterns finish at once, unsupported syntax fails early and located.
import { describe, expect, it } from "vitest";
import { compileAnswerSchema, judgeAnswer } from "../src/llm/_answer.js";
import { SafeJsonSchemaValidator } from "../src/mcp/_validator.js";
import { PatternError, compilePattern, safeCompilePattern } from "../src/pattern.js";
import { createShellTool } from "../src/shell/shell.js";
import { defineTool } from "../src/tool.js";
import { ToolSet } from "../src/toolset.js";

// `^(a+)+$` on 30 a's and a `!` backtracks for about 37 s in V8; these tests are guarded only by
// the vitest timeout.
const CATASTROPHIC = ["^(a+)+$", "^(a|a)+$", "^(a|aa)+$", "^(.*a){25}$", "^([a-z]+)+$"];
const POISON = `${"a".repeat(30)}!`;
const LONG = `${"a".repeat(100_000)}!`;

describe("compilePattern", () => {
  it.each(CATASTROPHIC)("runs %s in linear time", (source) => {
    const pattern = compilePattern(source);
    expect(pattern.test(POISON)).toBe(false);
    expect(pattern.test(LONG)).toBe(false);
  });

  it("searches like RegExp#test, with the JavaScript syntax authors write", () => {
    const cases: [string, string, string, boolean][] = [
      ["b", "", "abc", true],
      ["^b", "", "abc", false],
      ["^B", "i", "abc\nbcd", false],
      ["^B", "im", "abc\nbcd", true],
      ["a.c", "", "a\nc", false],
      ["a.c", "s", "a\nc", true],
      ["(?<year>\\d{4})-\\d\\d", "u", "in 2024-05", true],
      ["^\\u{1F600}$", "u", "😀", true],
      ["^\\u0041$", "", "A", true],
      ["(?<=\\$)\\d+", "", "costs $12", true],
      ["(?<!\\$)\\b\\d+", "", "costs $12", false],
      ["^[^]$", "", "\n", true],
      ["[(?=]", "", "=", true],
      ["\\(?=", "", "(=", true],
      ["x", "gy", "xx", true],
    ];
    for (const [source, flags, input, expected] of cases) {
      expect(compilePattern(source, flags).test(input), `/${source}/${flags}`).toBe(expected);
    }
  });

  it("is stateless, whatever the flags", () => {
    const pattern = compilePattern("a", "g");
    expect([pattern.test("a"), pattern.test("a")]).toEqual([true, true]);
  });

  it.each([
    ["a(?=b)", 1, "UNSUPPORTED_SYNTAX"],
    ["^(?!foo)", 1, "UNSUPPORTED_SYNTAX"],
    ["(a)-\\1", 4, "UNSUPPORTED_SYNTAX"],
    ["(?<q>a)\\k<q>", 7, "UNSUPPORTED_SYNTAX"],
    ["(?<=(a))b", 0, "UNSUPPORTED_SYNTAX"],
    ["ab(", 0, "INVALID_PATTERN"],
    ["a{1001}", 1, "INVALID_PATTERN"],
    ["[a", 0, "INVALID_PATTERN"],
  ])("refuses %s, located", (source, offset, code) => {
    const result = safeCompilePattern(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(PatternError);
    expect([result.error.code, result.error.offset]).toEqual([code, offset]);
  });

  it.each(["v", "ii", "q"])("refuses the flags %s", (flags) => {
    expect(() => compilePattern("a", flags)).toThrow(
      expect.objectContaining({ code: "INVALID_FLAGS" }),
    );
  });
});

describe("schemas and rules that carry patterns", () => {
  it("checks an llm answer against a catastrophic schema pattern at once", () => {
    const validate = compileAnswerSchema({ type: "string", pattern: "^(a+)+$" });
    expect(judgeAnswer(JSON.stringify(POISON), "stop", validate).ok).toBe(false);
    expect(judgeAnswer(JSON.stringify("aaa"), "stop", validate).ok).toBe(true);
    const keyed = compileAnswerSchema({
      type: "object",
      patternProperties: { "^(a+)+$": { type: "number" } },
    });
    expect(judgeAnswer(JSON.stringify({ [POISON]: "x" }), "stop", keyed).ok).toBe(true);
    expect(judgeAnswer(JSON.stringify({ aaa: "x" }), "stop", keyed).ok).toBe(false);
  });

  it("refuses an llm schema whose pattern RE2 cannot run, before calling the model", () => {
    expect(() => compileAnswerSchema({ type: "string", pattern: "^(?!x)" })).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENTS" }),
    );
  });

  it("checks tool arguments against a catastrophic pattern at once", async () => {
    const echo = defineTool<{ text: string }, string>({
      name: "echo",
      description: "echo",
      inputSchema: {
        type: "object",
        properties: { text: { type: "string", pattern: "^(a+)+$" } },
        required: ["text"],
      },
      run: async ({ text }) => text,
    });
    const set = new ToolSet([echo]);
    expect((await set.invoke("echo", { text: POISON })).code).toBe("INVALID_ARGUMENTS");
    expect((await set.invoke("echo", { text: "aaa" })).output).toBe("aaa");
  });

  it("refuses a tool whose input schema has a pattern RE2 cannot run, when the set is built", () => {
    const tool = defineTool({
      name: "t",
      description: "t",
      inputSchema: { type: "object", properties: { x: { type: "string", pattern: "(a)\\1" } } },
      run: async () => null,
    });
    expect(() => new ToolSet([tool])).toThrow(/offset 3/);
  });

  it("checks MCP results against a catastrophic output-schema pattern at once", () => {
    const validator = new SafeJsonSchemaValidator();
    const check = validator.getValidator<string>({ type: "string", pattern: "^(a+)+$" });
    expect(check(POISON).valid).toBe(false);
    expect(check("aa").valid).toBe(true);
  });

  it("matches shell allowlist RegExp rules in linear time, and refuses lookahead at creation", async () => {
    const tool = createShellTool({
      allow: [{ command: "echo", args: /^(a+)+$/ }],
      workspaceRoot: ".",
    });
    const context = { signal: new AbortController().signal, runId: "r", stepId: "s", attempt: 1 };
    await expect(tool.run({ command: "echo", args: [POISON] }, context)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(() =>
      createShellTool({
        allow: [{ command: "git", args: /^log(?! --output)/ }],
        workspaceRoot: ".",
      }),
    ).toThrow(expect.objectContaining({ code: "CONFIGURATION" }));
  });
});
