// The workflow test file (`<skill>/tests/<name>.json`): one zod schema, types inferred from it.
import { z } from "zod";
import { FixturesSchema } from "../author/fixtures.js";

/** The folder of a skill that holds its workflow tests (`*.json` directly inside it). */
export const TESTS_FOLDER = "tests";

const DecisionSchema = z.strictObject({
  approved: z.boolean(),
  by: z.string().optional(),
  response: z.record(z.string(), z.unknown()).optional(),
});

/** What a test expects of the run. */
export const ExpectationSchema = z.strictObject({
  /** The run's final status; `success` when absent. */
  status: z.enum(["success", "failed", "waiting"]).optional(),
  /** The run's outputs; absent: the test fails until `skillflow test --update` writes them. */
  outputs: z.record(z.string(), z.unknown()).optional(),
  /**
   * `exact` (default): the outputs equal these; `subset`: objects may hold more keys than written
   * (at any depth); lists are still compared item by item.
   */
  match: z.enum(["exact", "subset"]).optional(),
  /** Paths left out of the comparison, as the diff shows them: `outputs.fetched_at`, `outputs.items[*].id`. */
  ignore: z
    .array(
      z.string().regex(/^outputs(\.[^.[\]]+|\[(\d+|\*)\])*$/, {
        error: 'an ignored path starts with "outputs", like "outputs.items[*].id"',
      }),
    )
    .optional(),
});

/** A workflow test: inputs, the tool results to answer calls with, and the expected outcome. */
export const WorkflowTestSchema = z.strictObject({
  description: z.string().optional(),
  /** The run's inputs; the recording's inputs when absent. */
  inputs: z.record(z.string(), z.unknown()).optional(),
  /** A `skillflow run --record` file, relative to this test file, inside the skill folder. */
  recording: z.string().min(1).optional(),
  /** Answers by tool name (the dry-run fixtures format); a tool named here ignores the recording. */
  fixtures: FixturesSchema.optional(),
  /** Decisions for approvals by key (the step id at top level); the recording's when absent. */
  approvals: z.record(z.string(), DecisionSchema).optional(),
  expect: ExpectationSchema.optional(),
});

/** A parsed workflow test file; see `WorkflowTestSchema`. */
export type WorkflowTestFile = z.infer<typeof WorkflowTestSchema>;
/** What a test expects; see `ExpectationSchema`. */
export type Expectation = z.infer<typeof ExpectationSchema>;
