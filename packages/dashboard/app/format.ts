// How values are shown: durations, times, triggers and statuses, the same in every view.
import type { RunStatus, RunTrigger } from "./api";

/** `1.2 s`, `340 ms`, `3 m 20 s`, `2 h 5 m`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} m`;
}

/** A time in the viewer's locale, with the date when it is not today. */
export function formatTime(iso: string | undefined, now = new Date()): string {
  if (iso === undefined) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? date.toLocaleTimeString()
    : `${date.toLocaleDateString()} ${date.toLocaleTimeString()}`;
}

/** Where a run came from, in words. */
export function formatTrigger(trigger: RunTrigger): string {
  switch (trigger.kind) {
    case "schedule":
      return `schedule ${trigger.schedule}`;
    case "webhook":
      return `webhook ${trigger.hook}`;
    case "manual":
      return trigger.by === undefined ? "manual" : `manual (${trigger.by})`;
    case "rerun":
      return "rerun";
    case "mcp":
      return "MCP";
    case "cli":
      return "CLI";
  }
}

/** The statuses in the order filters list them. */
export const STATUSES: readonly RunStatus[] = [
  "queued",
  "running",
  "waiting",
  "success",
  "failed",
  "cancelled",
  "interrupted",
];
