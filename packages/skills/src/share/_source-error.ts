// The error every source step throws: a source that cannot be parsed or fetched, with a code.

/** Thrown when a source cannot be parsed or fetched; `code` says why. */
export class SourceError extends Error {
  override readonly name = "SourceError";
  constructor(
    readonly code: "NOT_FOUND" | "FETCH_FAILED" | "DIGEST_MISMATCH" | "INVALID_SOURCE",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
