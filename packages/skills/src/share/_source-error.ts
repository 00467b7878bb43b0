// The error every source step throws: a source that cannot be parsed or fetched, with a code.

/**
 * Thrown when a source cannot be parsed or fetched; `code` says why (PRIVATE_NETWORK: a host it
 * leads to is private, loopback or link-local and private networks are not allowed).
 */
export class SourceError extends Error {
  override readonly name = "SourceError";
  constructor(
    readonly code:
      "NOT_FOUND" | "FETCH_FAILED" | "DIGEST_MISMATCH" | "INVALID_SOURCE" | "PRIVATE_NETWORK",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
