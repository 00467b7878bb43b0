// ParseError: what the throwing parse entry points throw, wrapping every located problem.
import type { ValidationError } from "../model/run-log.js";

/** One detail of a ParseError: `{ path, message }` plus `code`, `line` and `column` when known. */
export type ParseErrorDetail = ValidationError;

/** A parse-phase failure: `message` is the overall reason, `details` one entry per located problem (§8.3). */
export class ParseError extends Error {
  override readonly name = "ParseError";

  constructor(
    message: string,
    /** `{ path, message }` per problem, plus `code`, `line` and `column` [§12 D5]. */
    readonly details: ParseErrorDetail[] = [],
  ) {
    super(message);
  }
}
