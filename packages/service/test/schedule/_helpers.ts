// Test helper: one validated schedule from a declaration (defaults name and workflow).
import { parseSchedules, type Schedule } from "../../src/index.js";

/** Parse one declaration (name "s", workflow "check" unless given) and return its schedule. */
export function schedule(fields: Record<string, unknown>): Schedule {
  const parsed = parseSchedules([{ name: "s", workflow: "check", ...fields }]);
  const found = [...parsed.values()][0];
  if (found === undefined) throw new Error("no schedule parsed");
  return found;
}

/** ISO strings of dates, for compact assertions. */
export const iso = (dates: readonly Date[]): string[] => dates.map((d) => d.toISOString());
