// Reads an HTTP `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP date.

const SECONDS = /^\d+$/;

/**
 * Milliseconds to wait from `now` for a `Retry-After` value: whole seconds (`"120"`) or an HTTP
 * date (a date in the past means no wait); undefined when the header is absent or malformed, so a
 * nonsense value never changes the retry schedule. The runtime caps the wait by `retry.max_delay`.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (SECONDS.test(text)) {
    const ms = Number(text) * 1000;
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  // An HTTP date always names its weekday; requiring a letter keeps bare numbers like "1.5" out.
  if (!/^[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
