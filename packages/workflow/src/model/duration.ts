// Duration strings of §10.1 (`500ms`, `2s`, `5m`, `1h`) and the exact V28 messages about them.

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION = /^([0-9]+)(ms|s|m|h)$/;

/**
 * Milliseconds of a §10.1 duration, or undefined when `text` is not one.
 * Whole ASCII digits then `ms`, `s`, `m` or `h`; no sign, fraction, spaces or upper case.
 * Values beyond `Number.MAX_SAFE_INTEGER` ms (about 285 000 years) are also rejected: they
 * cannot be represented exactly and no timer could honour them.
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null) return undefined;
  const ms = Number(match[1]) * (UNIT_MS[match[2] ?? ""] ?? Number.NaN);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** The V28 message for a malformed duration (exact text of §5.2). */
export function invalidDurationMessage(value: string): string {
  return `Invalid duration "${value}": expected a whole number followed by ms, s, m or h`;
}

/** The V28 message for a `timeout` of zero (exact text of §5.2). */
export const ZERO_TIMEOUT_MESSAGE = '"timeout" must be greater than zero';
