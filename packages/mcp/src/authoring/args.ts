// Arguments of the authoring tools: one zod schema each (their JSON Schema for `tools/list` and
// their parse come from @skillflow/evals: toolInputSchema, parseToolArgs).
import { FixturesSchema } from "@skillflow/evals";
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
