// Catch-up window durations (`90s`, `30m`, `1h`, `2d`): whole numbers with one unit, to milliseconds.

const UNIT_MS: ReadonlyMap<string, number> = new Map([
  ["s", 1_000],
  ["m", 60_000],
  ["h", 3_600_000],
  ["d", 86_400_000],
]);
const DURATION = /^([0-9]+)(s|m|h|d)$/;

/** The longest catch-up window accepted: 366 days (longer backlogs are not caught up, they are skipped). */
export const MAX_CATCH_UP_WINDOW_MS = 366 * 86_400_000;

/**
 * Milliseconds of a catch-up window such as `1h` or `2d`, or undefined when `text` is not one:
 * whole ASCII digits then `s`, `m`, `h` or `d`; no sign, fraction, spaces or upper case; greater
 * than zero and at most `MAX_CATCH_UP_WINDOW_MS`.
 */
export function parseCatchUpWindow(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null) return undefined;
  const ms = Number(match[1]) * (UNIT_MS.get(match[2] ?? "") ?? Number.NaN);
  return ms > 0 && ms <= MAX_CATCH_UP_WINDOW_MS ? ms : undefined;
}
