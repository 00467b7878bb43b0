// Refusals of improve and tune: coded, with what was refused and how to go on.

/** Why an improvement refused to start or to go on. */
export type ImproveErrorCode =
  | "SKILL_SHADOWED"
  | "SKILL_NOT_FOUND"
  | "NO_CASES"
  | "NO_TRIGGERS"
  | "PRICE_UNKNOWN"
  | "BAD_OPTIONS";

/** A refusal before anything is spent (or a bad option); the message says how to fix it. */
export class ImproveError extends Error {
  override readonly name = "ImproveError";
  constructor(
    readonly code: ImproveErrorCode,
    message: string,
  ) {
    super(message);
  }
}
