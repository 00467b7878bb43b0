// Schedules as people read them: one block per schedule with its cron, zone, next fires and last run.
import type { ScheduleInfo } from "@skillflow/service";
import { printable } from "../terminal-text.js";

/** The state word of a schedule. */
const state = (s: ScheduleInfo) => (!s.enabled ? "disabled" : s.paused ? "paused" : "active");

/** The schedules, one block each; `next` limits the fire times shown. */
export function formatSchedules(schedules: readonly ScheduleInfo[], next = 3): string {
  if (schedules.length === 0)
    return 'no schedules (add one: skillflow schedules add <name> --workflow <ref> --cron "0 9 * * *")\n';
  return schedules
    .map((s) => {
      const lines = [
        `${printable(s.name)}  ${state(s)}  ${printable(s.workflow)}`,
        `  cron      ${printable(s.cron)} (${printable(s.timezone)}), overlap ${s.overlap}, missed ${s.missed}`,
        `  next      ${s.next.length > 0 ? s.next.slice(0, next).join(", ") : "—"}`,
        `  last run  ${s.lastRun ? `${s.lastRun.runId.slice(0, 8)} ${s.lastRun.status} at ${s.lastRun.startedAt}` : "—"}`,
      ];
      return `${lines.join("\n")}\n`;
    })
    .join("\n");
}
