// Renders recorded calls and steps for a prompt: each value bounded, the list capped.
import { boundValue, type BoundLimits } from "../bound.js";

/** Limits of one recorded value in a prompt: enough to see its shape. */
export const RECORD_BOUNDS: BoundLimits = { string: 400, items: 10, depth: 5 };

/** Entries of a recorded list shown at most. */
export const MAX_RECORDS = 40;

/** `value` as bounded JSON on one line. */
export function shown(value: unknown): string {
  return JSON.stringify(boundValue(value ?? null, RECORD_BOUNDS).value);
}

/** The first `MAX_RECORDS` lines of `lines`, and a line saying how many were left out. */
export function capped(lines: readonly string[]): string {
  const kept = lines.slice(0, MAX_RECORDS);
  if (lines.length > MAX_RECORDS) kept.push(`… ${lines.length - MAX_RECORDS} more left out`);
  return kept.join("\n");
}
