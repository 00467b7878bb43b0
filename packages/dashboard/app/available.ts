// Whether a part of the API is served at all: a server started without a skill catalog or evaluation
// reports (or one older than these routes) answers 404 for them, which a view shows as a note.

/** The 404 codes that mean "this server does not serve that" (not "no such item"). */
const NOT_SERVED = /^(NOT_FOUND|HTTP_404|[A-Z_]+_NOT_SERVED)$/;

/** Whether `error` (an ApiFailure) says the feature is not served by this server. */
export function notServed(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { status, code } = error as { status?: unknown; code?: unknown };
  return status === 404 && typeof code === "string" && NOT_SERVED.test(code);
}
