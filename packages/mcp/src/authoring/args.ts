// Arguments of the authoring tools: one zod schema each, its JSON Schema for `tools/list`, and a
// parse that names the first wrong field.
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { firstIssue, FixturesSchema } from "@skillflow/evals";
import { z } from "zod";

const text = z
  .string({ error: "text must be the SKILL.md (or bare workflow YAML) as a string" })
  .min(1, { error: "text must not be empty" })
  .describe("The SKILL.md with its ```workflow block, or bare workflow YAML");

/** `list_tools` takes no arguments. */
export const ListToolsArgs = z.object({});

/** `validate_workflow`: the document. */
export const ValidateArgs = z.object({ text });

/** `dry_run_workflow`: the document, its inputs, fixtures, a recorded run and approval decisions. */
export const DryRunArgs = z.object({
  text,
  inputs: z
    .record(z.string(), z.unknown(), { error: "inputs must be an object of input values" })
    .optional()
    .describe("Values of the workflow's inputs"),
  fixtures: FixturesSchema.optional().describe(
    'Answers by tool name: { "<tool>": { "output": <result> } } answers every call; a list ' +
      '[{ "output": ... }, ...] answers one call each, in order; an entry may add "when": {<argument>: <value>} ' +
      'to match arguments, "step": "<step id>", or use "error": "<message>" to make the call fail. ' +
      'LLM calls are the tool "llm".',
  ),
  runId: z
    .string({ error: "runId must be a run id from the history" })
    .min(1)
    .optional()
    .describe("Answer tool steps with what they returned in this recorded run (fixtures win)"),
  approvals: z
    .record(
      z.string(),
      z.object({
        approved: z.boolean({ error: "approved must be true or false" }),
        by: z.string().optional(),
        response: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional()
    .describe("Decisions for approval steps by step id; an approval without one suspends the run"),
});

/** The JSON Schema of `schema` as a tool's `inputSchema`. */
export function inputSchema(schema: z.ZodType): Tool["inputSchema"] {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: "input" }) as Record<
    string,
    unknown
  >;
  return { ...json, type: "object" };
}

/** The parsed arguments, or the first wrong field (dotted path) and what is wrong with it. */
export function parseArgs<T extends z.ZodType>(
  schema: T,
  args: Record<string, unknown>,
): { ok: true; value: z.infer<T> } | { ok: false; field: string; message: string } {
  const parsed = schema.safeParse(args);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = firstIssue(parsed.error);
  const field = issue.path.map(String).join(".") || "arguments";
  return { ok: false, field, message: `${field}: ${issue.message}` };
}
