// What a session converts: the shape shared by a transcript and a recorded run, and its errors.
import type { Fixtures } from "../fixtures.js";
import type { RecordedSteps } from "../replay.js";

/** What an earlier agentic run (or workflow run) spent on models. */
export interface RecordedUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** USD; null when a price was unknown. */
  costUsd: number | null;
}

/** What was done once, ready for a session: the model's context and the answers of its calls. */
export interface AuthorSource {
  kind: "transcript" | "run";
  /** What was done, for the model's prompt (values bounded, lists capped). */
  context: string;
  /** The recorded tool outputs by tool name (`when` = the recorded arguments): they win over the model's. */
  recordedFixtures?: Fixtures;
  /** A recorded run whose tool steps answer calls by step id. */
  recordedRun?: RecordedSteps;
  /** The recorded model usage, for the cost comparison. */
  usage: RecordedUsage;
  /** The user's task of the recorded agent run (a request when none is given). */
  task?: string;
}

/** Codes of a source that cannot be converted. */
export type AuthorSourceCode = "INVALID_TRANSCRIPT" | "INVALID_RUN";

/** A transcript or run that is not one: names the field and what is wrong. */
export class AuthorSourceError extends Error {
  override readonly name = "AuthorSourceError";
  constructor(
    readonly code: AuthorSourceCode,
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}
