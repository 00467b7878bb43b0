// §12 D5 with real SKILL.md text: validate and input diagnostics carry file lines and columns.
import { describe, expect, it } from "vitest";
import { parseWorkflowDocument } from "../../src/parse/document.js";
import { bindInputs, validateDefinition } from "../../src/validate/index.js";

const content = [
  "---", // 1
  "name: demo", // 2
  "description: Location test.", // 3
  "---", // 4
  "", // 5
  "# Demo", // 6
  "", // 7
  "```workflow", // 8
  "inputs:", // 9
  "  url: { type: string }", // 10
  "  limit: { type: int, default: 5 }", // 11
  "steps:", // 12
  "  - id: fetch", // 13
  "    type: tool", // 14
  "    tool: get", // 15
  '    condition: "$inputs.limit > $nope"', // 16
  "    inputs:", // 17
  "      url: { type: string, value: $inputs.missing }", // 18
  "      n: { type: string, value: $inputs.limit }", // 19
  "  - id: fetch", // 20
  "    type: tool", // 21
  "    tool: get", // 22
  "    timeout: 0s", // 23
  "```", // 24
  "",
].join("\n");

function parsed() {
  const outcome = parseWorkflowDocument(content);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome;
}

describe("locations in the original document", () => {
  it("places every validate diagnostic in SKILL.md, expressions at the offending character", () => {
    const { workflow, sourceMap } = parsed();
    const found = validateDefinition(workflow, { sourceMap }).map((d) => [
      d.code,
      d.line,
      d.column,
    ]);
    expect(found).toEqual([
      ["DUPLICATE_STEP_ID", 20, 9],
      ["ZERO_TIMEOUT", 23, 14],
      // inside the double-quoted scalar: column of `$nope` (the quote is at column 16)
      ["UNKNOWN_REFERENCE", 16, 17 + "$inputs.limit > ".length],
      ["UNDECLARED_INPUT", 18, 35],
      ["TYPE_MISMATCH", 19, 33],
    ]);
  });

  it("places input problems at the declaration", () => {
    const { workflow, sourceMap } = parsed();
    const found = bindInputs(workflow, { limit: "x" }, { sourceMap }).diagnostics;
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([
      ["MISSING_INPUT", 10, 3],
      ["INPUT_TYPE", 11, 3],
    ]);
  });
});
