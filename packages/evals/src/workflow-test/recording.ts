// The `skillflow run --record` file: every tool call of a real run (secrets redacted), and how it
// becomes dry-run fixtures.
import { z } from "zod";
import type { FixtureAnswer, Fixtures } from "../author/fixtures.js";

/** The `format` value of a recording file. */
export const RECORDING_FORMAT = "skillflow-recording";
/** The version of the recording format this package writes and reads. */
export const RECORDING_VERSION = 1;

/** One tool call of a recorded run: where it came from, its arguments and what it returned. */
export const RecordedCallSchema = z.strictObject({
  tool: z.string().min(1),
  /** The step that called it (its id inside the sub-workflow for a sub-workflow's call). */
  step: z.string().min(1),
  /** 0-based index of the `each` element, for calls of `each` steps. */
  iteration: z.number().int().nonnegative().optional(),
  /** 1 for the first try, 2 for the first retry... */
  attempt: z.number().int().positive().optional(),
  /** The sub-workflow's name, for calls made inside a sub-workflow. */
  workflow: z.string().optional(),
  arguments: z.record(z.string(), z.unknown()),
  output: z.unknown().optional(),
  error: z.string().optional(),
  retryable: z.boolean().optional(),
});

/** A decision given to an approval during the recorded run, by its `PendingApproval.key`. */
const DecisionSchema = z.strictObject({
  approved: z.boolean(),
  by: z.string().optional(),
  response: z.record(z.string(), z.unknown()).optional(),
});

/** A recording file (version 1): the run's inputs, outcome and every tool call, in call order. */
export const RecordingSchema = z.strictObject({
  format: z.literal(RECORDING_FORMAT),
  version: z.literal(RECORDING_VERSION),
  workflow: z.string(),
  recorded_at: z.string(),
  status: z.enum(["success", "failed", "waiting"]),
  inputs: z.record(z.string(), z.unknown()),
  outputs: z.record(z.string(), z.unknown()),
  approvals: z.record(z.string(), DecisionSchema).optional(),
  calls: z.array(RecordedCallSchema),
});

/** One recorded call; see `RecordedCallSchema`. */
export type RecordedCall = z.infer<typeof RecordedCallSchema>;
/** A recording file; see `RecordingSchema`. */
export type Recording = z.infer<typeof RecordingSchema>;

/**
 * The arguments without those a redaction changed (they could never match again): `[REDACTED]`
 * values, and URLs whose credentials read `REDACTED`.
 */
function matchable(args: Record<string, unknown>): Record<string, unknown> {
  const when: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args))
    if (!JSON.stringify(value ?? null).includes("REDACTED"))
      Object.defineProperty(when, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  return when;
}

/**
 * The recording as dry-run fixtures: per tool, one answer per call in call order, each restricted
 * to its step and to the arguments it was called with (arguments whose value was redacted are not
 * compared). A retried call replays its failures first, then its success.
 */
export function recordingFixtures(recording: Pick<Recording, "calls">): Fixtures {
  const fixtures: Record<string, FixtureAnswer[]> = {};
  for (const call of recording.calls) {
    const answer: FixtureAnswer =
      call.error !== undefined
        ? {
            error: call.error === "" ? "the tool failed" : call.error,
            ...(call.retryable === false ? { retryable: false } : {}),
          }
        : { output: call.output ?? null };
    answer.step = call.step;
    answer.when = matchable(call.arguments);
    if (!Object.hasOwn(fixtures, call.tool))
      Object.defineProperty(fixtures, call.tool, {
        value: [],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    fixtures[call.tool]!.push(answer);
  }
  return fixtures;
}
