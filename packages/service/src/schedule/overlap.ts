// The overlap policy as a pure decision: what a fire does while runs of its schedule are going.
import type { OverlapPolicy } from "./declaration.js";

/** What the service does with a fire: start it, drop it, hold it, or cancel the running one first. */
export type OverlapDecision = "start" | "skip" | "queue" | "cancel-previous-then-start";

/**
 * Decide a fire of a schedule with `running` runs going and `queued` fires waiting (counts of
 * this schedule only). Nothing running and nothing waiting: `start`. Otherwise by policy:
 * `skip` drops the fire; `allow` starts it alongside; `cancel-previous` cancels the running run(s)
 * then starts; `queue` holds at most one fire, so a fire arriving while one already waits is
 * dropped (`skip`), and with nothing running and nothing waiting it starts.
 */
export function overlapDecision(
  policy: OverlapPolicy,
  running: number,
  queued: number,
): OverlapDecision {
  const busy = running > 0;
  switch (policy) {
    case "allow":
      return "start";
    case "skip":
      return busy ? "skip" : "start";
    case "cancel-previous":
      return busy ? "cancel-previous-then-start" : "start";
    case "queue":
      if (queued > 0) return "skip";
      return busy ? "queue" : "start";
  }
}
