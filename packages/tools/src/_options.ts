// Checks of numeric host options shared by the tools (timeouts within Node's timer range).
import { ToolError } from "./tool.js";

/** The largest delay Node's timers honour; a larger one fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A timeout option: a positive number of milliseconds within the timer range, or the fallback. */
export function timeoutOption(
  owner: string,
  name: string,
  value: number | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new ToolError(
      "CONFIGURATION",
      `${owner}: ${name} must be a number of milliseconds from 1 to ${MAX_TIMER_MS}, got ${value}`,
    );
  }
  return value;
}
