// parseSkill and validateSkill: fields, levels, lenient loading, body limits, runnable skills.
import { describe, expect, it } from "vitest";
import { formatSkillDiagnostic, parseSkill, validateSkill } from "../../src/index.js";

const doc = (frontmatter: string, body = "# Body\n") => `---\n${frontmatter}\n---\n${body}`;
const codes = (text: string, options = {}) =>
  parseSkill(text, options).diagnostics.map((d) => [d.code, d.severity, d.line, d.column]);

describe("parseSkill", () => {
  it("reads the spec fields and the fields agents add", () => {
    const parsed = parseSkill(
      doc(
        [
          "name: pdf-forms",
          "description: Fills PDF forms.",
          "license: MIT",
          "compatibility: Needs python3",
          "metadata: { owner: docs-team }",
          "allowed-tools: Read Bash(python3:*)",
          "when_to_use: When a PDF form must be filled",
          "arguments: [file, output]",
          "argument-hint: <file> <output>",
          "disable-model-invocation: true",
          "user-invocable: false",
          "model: haiku",
          "context: fork",
        ].join("\n"),
      ),
      { folderName: "pdf-forms" },
    );
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.frontmatter).toEqual({
      name: "pdf-forms",
      description: "Fills PDF forms.",
      license: "MIT",
      compatibility: "Needs python3",
      metadata: { owner: "docs-team" },
      allowedTools: ["Read", "Bash(python3:*)"],
      whenToUse: "When a PDF form must be filled",
      arguments: ["file", "output"],
      argumentHint: "<file> <output>",
      disableModelInvocation: true,
      userInvocable: false,
      model: "haiku",
      context: "fork",
    });
    expect(parsed.body).toBe("# Body\n");
    expect(parsed.bodyLine).toBe(16);
    expect(parsed.runnable).toBe(false);
  });

  it("locates each field problem", () => {
    expect(
      codes(doc("name: PDF_Forms\ndescription: 42\ncompatibility: " + "x".repeat(501)), {
        folderName: "pdf-forms",
      }),
    ).toEqual([
      ["INVALID_NAME", "error", 2, 7],
      ["NAME_MISMATCH", "error", 2, 7],
      ["INVALID_FIELD", "error", 3, 14],
      ["INVALID_FIELD", "error", 4, 16],
    ]);
    expect(codes(doc("name: " + "a".repeat(65) + "\ndescription: d"))[0]).toEqual([
      "INVALID_NAME",
      "error",
      2,
      7,
    ]);
    for (const bad of ["-pdf", "pdf-", "pd--f", "Pdf"])
      expect(codes(doc(`name: ${bad}\ndescription: d`))[0]?.[0], bad).toBe("INVALID_NAME");
  });

  it("warns about unknown fields by default and refuses non-spec fields under strict", () => {
    const text = doc("name: a\ndescription: d\nwhen_to_use: w\ncolour: blue");
    expect(codes(text)).toEqual([["UNKNOWN_FIELD", "warning", 5, 1]]);
    expect(codes(text, { level: "strict" })).toEqual([
      ["NOT_A_SPEC_FIELD", "error", 4, 1],
      ["UNKNOWN_FIELD", "error", 5, 1],
    ]);
  });

  it("refuses < and > in name or description under strict, warns otherwise", () => {
    const text = doc("name: a\ndescription: Turns <b> into **b**");
    expect(codes(text)).toEqual([["ANGLE_BRACKETS", "warning", 3, 14]]);
    expect(codes(text, { level: "strict" })).toEqual([["ANGLE_BRACKETS", "error", 3, 14]]);
  });

  it("retries an unquoted colon as a quoted string, with a warning", () => {
    const parsed = parseSkill(doc("name: a\ndescription: Use when: the user asks for X"));
    expect(parsed.frontmatter?.description).toBe("Use when: the user asks for X");
    expect(parsed.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ["UNQUOTED_COLON", "warning", 3],
    ]);
  });

  it("cannot load a skill without a description, and says so", () => {
    const parsed = parseSkill(doc("name: a"), { file: "skills/a/SKILL.md" });
    expect(parsed.frontmatter).toBeUndefined();
    expect(parsed.diagnostics.map(formatSkillDiagnostic)).toEqual([
      "skills/a/SKILL.md:1:1 error MISSING_DESCRIPTION description is required: agents choose skills by it",
    ]);
  });

  it("takes the folder's name when name is missing", () => {
    const parsed = parseSkill(doc("description: d"), { folderName: "from-folder" });
    expect(parsed.frontmatter?.name).toBe("from-folder");
    expect(parsed.diagnostics[0]?.code).toBe("MISSING_NAME");
  });

  it("reports missing, unclosed and broken frontmatter with places", () => {
    expect(codes("# no frontmatter")).toEqual([["NO_FRONTMATTER", "error", 1, 1]]);
    expect(codes("---\nname: a\n")).toEqual([["UNCLOSED_FRONTMATTER", "error", 1, 1]]);
    expect(codes(doc("name: a\n  description: [unclosed"))[0]?.slice(0, 3)).toEqual([
      "INVALID_YAML",
      "error",
      2,
    ]);
    expect(codes(doc("- a\n- b"))).toEqual([["FRONTMATTER_NOT_MAPPING", "error", 2, 1]]);
  });

  it("reads CRLF files and a byte order mark", () => {
    const parsed = parseSkill("\uFEFF---\r\nname: a\r\ndescription: d\r\n---\r\nbody\r\n");
    expect(parsed.frontmatter).toMatchObject({ name: "a", description: "d" });
    expect(parsed.body).toBe("body\n");
  });
});

describe("validateSkill", () => {
  it("warns about long bodies, counting tokens only when they could exceed the limit", async () => {
    const long = Array.from({ length: 501 }, (_, i) => `line ${i}`).join("\n");
    const result = await validateSkill(doc("name: a\ndescription: d", long));
    expect(result.valid).toBe(true);
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([["BODY_TOO_LONG", 5]]);
    let calls = 0;
    const counter = (text: string) => (calls++, Math.ceil(text.length / 2));
    const wordy = await validateSkill(doc("name: a\ndescription: d", "word ".repeat(3000)), {
      countTokens: counter,
    });
    expect(wordy.diagnostics.map((d) => d.code)).toEqual(["BODY_TOO_MANY_TOKENS"]);
    expect(wordy.diagnostics[0]?.message).toMatch(/about 7500 tokens \(an estimate/);
    await validateSkill(doc("name: a\ndescription: d", "short"), { countTokens: counter });
    expect(calls).toBe(1);
  });

  it("counts with the offline tokenizer by default", async () => {
    const result = await validateSkill(doc("name: a\ndescription: d", "skill ".repeat(6000)));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["BODY_TOO_MANY_TOKENS"]);
  });

  it("validates the workflow of a runnable skill, located in the file", async () => {
    const body = "\n```workflow\nsteps:\n  - id: a\n    type: exit\n    status: maybe\n```\n";
    const result = await validateSkill(doc("name: a\ndescription: d", body));
    expect(result.runnable).toBe(true);
    expect(result.valid).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: "INVALID_WORKFLOW", line: 10 });
  });

  it("warns, located, about command placeholders that activation will refuse", async () => {
    const body = [
      'Greet: !`sh -c "echo $who"` and !`echo "$who" \'$who\'`',
      "```!",
      "python3 - <<EOF",
      "print('$0')",
      "EOF",
      "echo $(( $0 + 1 )) ${SKILL_DIR}",
      "```",
    ].join("\n");
    const result = await validateSkill(doc("name: a\ndescription: d\narguments: [who]", body));
    expect(result.valid).toBe(true);
    // Arithmetic is left out: a plain integer argument is allowed there.
    expect(
      result.diagnostics.map((d) => [
        d.code,
        d.severity,
        d.line,
        d.column,
        d.message.includes("SKILLFLOW_ARG_0"),
      ]),
    ).toEqual([
      ["UNSAFE_ARGUMENT", "warning", 6, 22, true],
      ["UNSAFE_ARGUMENT", "warning", 9, 8, true],
    ]);
  });
});
