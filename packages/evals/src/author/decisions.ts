// Approval decisions given as JSON (a dry run's arguments, a test file) as the runtime takes them.
import { setOwn, type Decision } from "@skillflow/workflow";

/** A decision as parsed from JSON: the optional fields may be present but undefined. */
export interface GivenDecision {
  approved: boolean;
  by?: string | undefined;
  response?: Record<string, unknown> | undefined;
}

/** `given` by approval key, each without the optional fields left out (own keys only). */
export function runtimeDecisions(given: Record<string, GivenDecision>): Record<string, Decision> {
  const out: Record<string, Decision> = {};
  for (const [key, { approved, by, response }] of Object.entries(given))
    setOwn(out, key, {
      approved,
      ...(by !== undefined ? { by } : {}),
      ...(response !== undefined ? { response } : {}),
    });
  return out;
}
