// Arguments of the session's host tools: one zod schema each (checked with ../args.ts).
import { z } from "zod";
import { FixturesSchema } from "../fixtures.js";

const text = z
  .string({ error: "text must be the whole SKILL.md as a string" })
  .min(1, { error: "text must not be empty" })
  .describe("The whole SKILL.md: frontmatter (name, description), body and its ```workflow block");

/** `validate_workflow`: the draft. */
export const ValidateArgs = z.object({ text });

/** `dry_run_workflow`: the draft, its inputs, the fixtures it proposes and approval decisions. */
export const DryRunArgs = z.object({
  text,
  inputs: z
    .record(z.string(), z.unknown(), { error: "inputs must be an object of input values" })
    .optional()
    .describe("Values of the workflow's inputs (defaults apply to the others)"),
  fixtures: FixturesSchema.optional().describe(
    'Answers by tool name: { "<tool>": { "output": <result> } } answers every call; a list ' +
      '[{ "output": ... }, ...] answers one call each, in order; an entry may add "when": {<argument>: <value>} ' +
      'to match arguments, "step": "<step id>", or use "error": "<message>" to make the call fail. ' +
      'LLM calls are the tool "llm". Fixtures the user gave or that were recorded win over these.',
  ),
  approvals: z
    .record(
      z.string(),
      z.object({ approved: z.boolean({ error: "approved must be true or false" }) }),
    )
    .optional()
    .describe("Decisions for approval steps by step id; an approval without one suspends the run"),
});
