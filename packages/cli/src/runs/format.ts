// Text rendering of stored runs: tables, durations, timeline bars, and date filters.
import type { RunRow, StoredRun, StoredStep } from "@skillflow/store";
import { PARTIAL_NOTE, displayValue, outputsComplete } from "../display-value.js";
import { CliError } from "../errors.js";
import { deadlineText, describeField, hasExpired } from "../run/approvals.js";
import type { Style } from "../style.js";
import { printable } from "../terminal-text.js";

/** A duration for people: `850ms`, `3.2s`, `4m05s`; `-` when unknown. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return "-";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, "0")}s`;
}

/** An ISO timestamp as `YYYY-MM-DD HH:MM:SS` (UTC). */
export function formatTime(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "");
}

/** Columns padded to their widest cell; `colour` styles a whole cell after padding. */
export function table(
  header: string[],
  rows: string[][],
  colour: (row: number, column: number, text: string) => string = (_r, _c, t) => t,
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[], row: number) =>
    cells
      .map((cell, i) => {
        const padded = i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0);
        return row < 0 ? padded : colour(row, i, padded);
      })
      .join("  ")
      .trimEnd();
  return [line(header, -1), ...rows.map((r, i) => line(r, i))].join("\n");
}

/** The colour of a run or step status. */
export function statusColour(style: Style, status: string): (text: string) => string {
  if (status === "success") return (text) => style.green(text);
  if (status === "failed" || status === "interrupted") return (text) => style.red(text);
  if (status === "cancelled" || status === "running") return (text) => style.yellow(text);
  return (text) => style.dim(text);
}

/** The `runs list` table. */
export function runsTable(rows: readonly RunRow[], style: Style): string {
  return table(
    ["ID", "WORKFLOW", "STATUS", "STARTED", "DURATION"],
    rows.map((r) => [
      r.id.slice(0, 8),
      r.workflow,
      r.status + (r.status === "waiting" && hasExpired(r.pending ?? []) ? " (expired)" : ""),
      formatTime(r.startedAt),
      formatDuration(r.durationMs),
    ]),
    (row, column, text) =>
      column === 2 ? statusColour(style, rows[row]?.status ?? "")(text) : text,
  );
}

const BAR_WIDTH = 30;

/**
 * One bar per step on a common scale, the run's duration (or the steps' extent when longer). A step
 * starts at its recorded start time; a record without one (older stores) starts where the durations
 * before it end, as steps run one after another.
 */
export function timeline(
  steps: readonly StoredStep[],
  runMs: number | undefined,
  runStartedAt?: string,
): string[] {
  const origin = runStartedAt === undefined ? Number.NaN : Date.parse(runStartedAt);
  let offset = 0;
  const spans = steps.map((step) => {
    const duration = step.duration_ms ?? 0;
    const recorded =
      step.started_at === undefined ? Number.NaN : Date.parse(step.started_at) - origin;
    const start = Number.isFinite(recorded) ? Math.max(0, recorded) : offset;
    offset = start + duration;
    return { start, duration };
  });
  const total = Math.max(runMs ?? 0, ...spans.map((s) => s.start + s.duration), 1);
  return steps.map((step, i) => {
    const { start: startMs, duration } = spans[i]!;
    const start = Math.min(BAR_WIDTH - 1, Math.floor((startMs / total) * BAR_WIDTH));
    if (step.status === "skipped") return `${" ".repeat(start)}·`.padEnd(BAR_WIDTH);
    const length = Math.max(1, Math.round((duration / total) * BAR_WIDTH));
    const bar = "█".repeat(Math.min(length, BAR_WIDTH - start));
    return `${" ".repeat(start)}${bar}`.padEnd(BAR_WIDTH);
  });
}

/**
 * The error lines of one step: its error, or for a failed `each` that recorded them, every failed
 * item by index (the step error alone is the last item's and does not say which).
 */
function stepErrors(step: StoredStep): string[] {
  if (step.error === undefined) return [];
  const items = step.iteration_errors ?? [];
  if (items.length === 0) return [`step ${step.id}: ${step.error}`];
  const of = step.iterations === undefined ? "" : ` of ${step.iterations}`;
  return [
    `step ${step.id}: ${items.length}${of} items failed`,
    ...items.map((item) => `  item ${item.index}: ${item.error}`),
  ];
}

/** The `runs show` text: header, steps with timeline, inputs, outputs and errors. */
export function showRun(run: StoredRun, style: Style): string {
  const out: string[] = [];
  out.push(
    `${style.bold(run.workflow)} ${statusColour(style, run.status)(run.status)} ${style.dim(run.id)}`,
  );
  out.push(
    `started ${formatTime(run.startedAt)}  duration ${formatDuration(run.durationMs)}  ` +
      `${run.stepsExecuted} steps run, ${run.stepsSkipped} skipped` +
      (run.totalSteps !== undefined ? ` of ${run.totalSteps}` : ""),
  );
  if (run.source !== undefined) out.push(style.dim(run.source));
  if (run.steps.length > 0) {
    const bars = timeline(run.steps, run.durationMs, run.startedAt);
    out.push(
      "",
      table(
        ["STEP", "TYPE", "STATUS", "DURATION", "TIMELINE"],
        run.steps.map((s, i) => [
          s.id,
          s.executor ?? "-",
          s.status + (s.retries ? ` (${s.retries.attempts} retries)` : ""),
          s.status === "skipped" ? "-" : formatDuration(s.duration_ms),
          `|${bars[i] ?? ""}|`,
        ]),
        (row, column, text) =>
          column === 2 ? statusColour(style, run.steps[row]?.status ?? "")(text) : text,
      ),
    );
  }
  const section = (title: string, values: Record<string, unknown> | undefined) => {
    if (values === undefined || Object.keys(values).length === 0) return;
    out.push("", style.bold(title));
    for (const [name, value] of Object.entries(values)) {
      const text = displayValue(value);
      out.push(
        text.includes("\n") ? `  ${name}:\n${text.replace(/^/gm, "    ")}` : `  ${name}: ${text}`,
      );
    }
  };
  const pending = run.pending ?? [];
  if (pending.length > 0) {
    out.push("", style.bold("Waiting for"));
    for (const approval of pending) {
      out.push(`  ${style.bold(printable(approval.key))}: ${printable(approval.message)}`);
      out.push(`    ${style.dim(deadlineText(approval))}`);
      const fields = Object.entries(approval.response);
      if (fields.length > 0)
        out.push(`    response fields: ${fields.map(([n, f]) => describeField(n, f)).join(", ")}`);
    }
    const step = pending.length > 1 ? ` --step <key>` : "";
    out.push(
      `  ${style.dim(`decide with: skillflow approve ${run.id.slice(0, 8)}${step} [--reject]`)}`,
    );
  }
  section("Inputs", run.inputs);
  section(
    outputsComplete(run.status) ? "Outputs" : `Partial outputs ${style.dim(PARTIAL_NOTE)}`,
    run.outputs,
  );
  const errors = [
    ...(run.error ? [`${run.error.phase}: ${run.error.message}`] : []),
    ...(run.error?.details ?? []).map((d) => `  ${d.path}: ${d.message}`),
    ...run.steps.flatMap(stepErrors),
  ];
  if (errors.length > 0)
    out.push("", style.bold("Errors"), ...errors.map((e) => style.red(printable(e))));
  if (run.verbosity === "minimal")
    out.push("", style.dim("(recorded at minimal verbosity: no values)"));
  return `${out.join("\n")}\n`;
}

const UNITS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** An age like `30d`, `12h`, `90m` or `2w` (or a bare number of days) as a number of days. */
export function parseAgeDays(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([mhdw])?$/.exec(value.trim());
  if (!match)
    throw new CliError(
      "BAD_ARGUMENTS",
      `--${flag} ${value}: expected an age such as 30d, 12h, 90m or 2w (a bare number is days)`,
    );
  return (Number(match[1]) * UNITS[match[2] ?? "d"]!) / UNITS.d!;
}

/**
 * A `--since`/`--until` value as ISO 8601: a date or date-time, or a duration before `now` like
 * `30m`, `12h`, `7d`, `2w`. A bare date as `--until` means the end of that day (UTC).
 */
export function parseWhen(value: string, flag: string, now = Date.now()): string {
  const relative = /^(\d+(?:\.\d+)?)\s*([mhdw])$/.exec(value.trim());
  if (relative) return new Date(now - Number(relative[1]) * UNITS[relative[2]!]!).toISOString();
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new CliError(
      "BAD_ARGUMENTS",
      `--${flag} ${value}: expected an ISO date (2025-01-31, 2025-01-31T12:00Z) or an age (30m, 12h, 7d, 2w)`,
    );
  const endOfDay = flag === "until" && /^\d{4}-\d\d-\d\d$/.test(value.trim());
  return new Date(endOfDay ? time + 86_400_000 - 1 : time).toISOString();
}
