// How to fix each diagnostic code: one actionable sentence per code, for a model or a person.
import type { DiagnosticCode } from "@skillflow/workflow";

/** One hint per code; codes not listed get none (the message is then the whole story). */
const HINTS: Partial<Record<DiagnosticCode, string>> = {
  EMPTY_CONTENT:
    "submit a SKILL.md with frontmatter and one ```workflow block, or bare workflow YAML",
  NO_WORKFLOW_BLOCK: "put the workflow in a fenced block whose info string is exactly `workflow`",
  MULTIPLE_WORKFLOW_BLOCKS: "keep one ```workflow block; only the first is used",
  YAML_SYNTAX:
    "fix the YAML at this position; quote strings containing `: `, ` #` or starting with a special character",
  YAML_TAB_INDENT: "indent with spaces, never tabs",
  YAML_DUPLICATE_KEY: "a key may appear only once per mapping; remove or rename one of them",
  YAML_MULTIPLE_DOCUMENTS: "remove the `---` separator: a workflow block holds one YAML document",
  DOCUMENT_TOO_LARGE: "split the workflow into sub-workflows (`workflow` steps)",
  INVALID_ROOT: "the workflow must be a mapping with `steps` (and optional `inputs`, `outputs`)",
  MISSING_FIELD: "add the field named in the message at this path",
  INVALID_FIELD_TYPE:
    "give the field the type the message names (see the authoring guide's tables)",
  INVALID_VALUE: "use one of the values the message names",
  UNKNOWN_STEP_TYPE:
    "use one of tool, transform, conditional, exit, approval or workflow (an LLM call is a `tool` step with `tool: llm`)",
  UNKNOWN_OPERATION: "a transform's operation is filter, map or sort",
  EMPTY_STEPS: "add at least one step under `steps`",
  STEP_INPUT_DEFAULT:
    "step inputs take `value`, not `default` (defaults belong to workflow inputs)",
  INVALID_FRONTMATTER: "frontmatter needs `name` (lowercase-hyphenated) and `description`",
  DUPLICATE_STEP_ID: "give every step a unique `id`",
  EACH_ON_EXIT: "remove `each` from the exit step",
  EACH_ON_CONDITIONAL: "remove `each` from the conditional step; put `each` on the steps it runs",
  DELAY_WITHOUT_EACH: "`delay` paces iterations: add `each` or remove `delay`",
  UNKNOWN_TOOL: "use a tool that list_tools names, spelled exactly",
  UNDEFINED_STEP_REFERENCE: "reference a step id that exists (`$steps.<id>.output...`)",
  FORWARD_REFERENCE:
    "a step can only read steps that run before it; move it after the step it reads",
  STEPS_IN_STEP_OUTPUT:
    "step outputs map `$result`; read other steps in the step's `inputs` instead",
  UNDEFINED_BRANCH_TARGET: "`then`/`else` list ids of steps defined in this workflow",
  RESULT_IN_WORKFLOW_OUTPUT:
    "workflow outputs read `$steps.<id>.output...` or `$inputs...`, not `$result`",
  CYCLE: "branches must not lead back to a step that runs before them",
  INVALID_DURATION: 'write durations like "500ms", "30s", "5m" or "1h"',
  ZERO_TIMEOUT: 'give a positive timeout such as "30s", or remove it',
  CONCURRENCY_WITHOUT_EACH: "`concurrency` needs `each`; add `each` or remove `concurrency`",
  BRANCH_RECURSION: "a branch must not (indirectly) run its own conditional again",
  APPROVAL_FIELD:
    "remove the field from the approval step (wrap it in a sub-workflow to repeat it)",
  ON_TIMEOUT_WITHOUT_TIMEOUT: "add `timeout` to the approval or remove `on_timeout`",
  EXPRESSION_SYNTAX:
    "fix the expression; quote a YAML value that starts with `$` and contains spaces",
  EXPRESSION_TOO_DEEP: "simplify the expression (split it over steps)",
  UNKNOWN_REFERENCE: "expressions start with $inputs, $steps, $result or $item",
  ITEM_OUTSIDE_EACH: "`$item` exists only in steps with `each` (and in transform expressions)",
  RESULT_OUTSIDE_OUTPUT: "`$result` is only readable in a step's `outputs`",
  UNDECLARED_INPUT:
    "declare the input under the workflow's `inputs` before reading `$inputs.<name>`",
  UNKNOWN_STEP_MEMBER: "read `$steps.<id>.output`, `.status` or `.error`",
  TYPE_MISMATCH: "make the declared `type` match the value, or convert the value",
  MISSING_INPUT: "pass the input or give it a `default` (or `nullable: true`)",
  INPUT_TYPE: "pass a value of the declared type",
  WORKFLOW_UNRESOLVED:
    "reference a workflow the host can resolve (a skill name or a relative path)",
  WORKFLOW_CYCLE: "a workflow must not call itself, directly or indirectly",
  WORKFLOW_DEPTH: "flatten the chain of sub-workflows",
  UNKNOWN_CHILD_INPUT: "pass only inputs the sub-workflow declares",
  MISSING_CHILD_INPUT: "pass every required input of the sub-workflow",
};

/** The hint for `code`, if any. */
export function hintFor(code: string | undefined): string | undefined {
  return code === undefined ? undefined : HINTS[code as DiagnosticCode];
}

/** Names in `known` closest to `name` (edit distance at most a third of its length), best first. */
export function closestNames(name: string, known: readonly string[], max = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return known
    .map((k) => ({ k, d: distance(name.toLowerCase(), k.toLowerCase()) }))
    .filter(({ k, d }) => d <= limit || k.includes(name) || name.includes(k))
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map(({ k }) => k);
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length]!;
}
