// When a run is notified: on failure, success, a change of outputs, or a waiting approval.
import type { RunStatus } from "@skillflow/workflow";
import { jsonEqual } from "./_equal.js";

/** The events a notification can be sent on. */
export type NotificationEvent = "failure" | "success" | "change" | "waiting";

/** Every notification event, in the order of precedence `shouldNotify` applies. */
export const NOTIFICATION_EVENTS: readonly NotificationEvent[] = [
  "failure",
  "waiting",
  "change",
  "success",
];

/** Which events a schedule (or the service default) notifies on. */
export interface NotifyRules {
  on: readonly NotificationEvent[];
}

/** What `shouldNotify` needs to know about a finished (or suspended) run. */
export interface RunOutcome {
  status: RunStatus;
  outputs?: Readonly<Record<string, unknown>>;
}

/** The event a run's outcome raises under the rules, if any. */
function eventsOf(
  outcome: RunOutcome,
  previousOutputs: Readonly<Record<string, unknown>> | undefined,
): NotificationEvent[] {
  if (outcome.status === "failed") return ["failure"];
  if (outcome.status === "waiting") return ["waiting"];
  // No previous successful run means the outputs are new: the first run counts as a change.
  const changed =
    previousOutputs === undefined || !jsonEqual(outcome.outputs ?? {}, previousOutputs);
  return changed ? ["change", "success"] : ["success"];
}

/**
 * The one event to notify for `outcome`, or undefined: failure and waiting as they happen; for a
 * success, "change" when it is asked for and the outputs differ (deeply, key order aside) from the
 * last successful run's `previousOutputs` (undefined: no such run, so they changed), else "success"
 * when asked for. One run sends at most one notification per rule set.
 */
export function shouldNotify(
  rules: NotifyRules,
  outcome: RunOutcome,
  previousOutputs: Readonly<Record<string, unknown>> | undefined,
): NotificationEvent | undefined {
  return eventsOf(outcome, previousOutputs).find((event) => rules.on.includes(event));
}
