// How a run looks while it happens: a live step list on a TTY, plain event lines otherwise.
import type { RuntimeEvent } from "@skillflow/workflow";
import type { Writer } from "../io.js";
import type { Style } from "../style.js";
import { printable } from "../terminal-text.js";

/** Receives every event of a run; `finish` is called once after the run ends. */
export interface RunView {
  onEvent(event: RuntimeEvent): void;
  finish(): void;
}

/** One plain line per event (no colours, no cursor movement): for logs and pipes. */
export function plainView(out: Writer): RunView {
  // Step ids are checked names, but messages and errors come from workflows and tools.
  const line = (text: string) => out.write(`${printable(text)}\n`);
  return {
    onEvent(event) {
      switch (event.type) {
        case "workflow_start":
          return line(`start ${event.workflow} (${event.totalSteps} steps)`);
        case "step_start":
          return line(`step ${event.stepId} running${event.tool ? ` (${event.tool})` : ""}`);
        case "step_skip":
          return line(`step ${event.stepId} skipped: ${event.reason}`);
        case "step_retry":
          return line(`step ${event.stepId} retry ${event.attempt}: ${event.error}`);
        case "step_error":
          return line(`step ${event.stepId} error: ${event.error}`);
        case "each_progress":
          return line(`step ${event.stepId} ${event.current}/${event.total}`);
        case "step_complete":
          return line(
            `step ${event.stepId} ${event.status === "success" ? "done" : "failed"} ${event.duration_ms}ms`,
          );
        case "workflow_complete":
          return line(`${event.status} in ${event.duration_ms}ms`);
        case "step_waiting":
          return line(`step ${event.stepId} waiting for approval: ${event.message}`);
        case "workflow_suspend":
          return line(`waiting for ${event.pending.map((p) => p.key).join(", ")}`);
        case "workflow_resume":
          return line(`resume (segment ${event.segment})`);
      }
    },
    finish() {},
  };
}

interface Row {
  id: string;
  state: "running" | "done" | "skipped" | "failed";
  detail: string;
  firstProgressAt?: number;
}

/** Items per second since the first progress event of the step, when it is meaningful. */
function rate(row: Row, current: number, now: number): string {
  if (row.firstProgressAt === undefined) return "";
  const seconds = (now - row.firstProgressAt) / 1000;
  return seconds > 0.05 ? `, ${(current / seconds).toFixed(1)}/s` : "";
}

/** The live view: one row per started step, redrawn in place as events arrive. */
export function liveView(out: Writer, style: Style, now: () => number = Date.now): RunView {
  const rows = new Map<string, Row>();
  let drawn = 0;
  let lastDraw = 0;
  const icon = (row: Row) =>
    ({
      running: style.yellow("…"),
      done: style.green("✓"),
      skipped: style.dim("-"),
      failed: style.red("✗"),
    })[row.state];
  const draw = () => {
    const lines = [...rows.values()].map(
      (r) => `${icon(r)} ${r.id}${r.detail ? ` ${style.dim(printable(r.detail))}` : ""}`,
    );
    // Move up over the previous block and clear it, then write the new one.
    const up = drawn > 0 ? `\u001b[${drawn}A\u001b[0J` : "";
    out.write(`${up}${lines.join("\n")}${lines.length > 0 ? "\n" : ""}`);
    drawn = lines.length;
    lastDraw = now();
  };
  const set = (id: string, state: Row["state"], detail: string) => {
    const row = rows.get(id) ?? { id, state, detail };
    rows.set(id, Object.assign(row, { state, detail }));
  };
  return {
    onEvent(event) {
      switch (event.type) {
        case "step_start":
          set(event.stepId, "running", event.tool ?? event.stepType);
          break;
        case "step_skip":
          set(event.stepId, "skipped", `skipped: ${event.reason}`);
          break;
        case "step_retry":
          set(event.stepId, "running", `retry ${event.attempt}: ${event.error}`);
          break;
        case "step_error":
          set(event.stepId, "failed", event.error);
          break;
        case "each_progress": {
          const row = rows.get(event.stepId);
          if (row && row.firstProgressAt === undefined) row.firstProgressAt = now();
          const r = row ? rate(row, event.current, now()) : "";
          set(event.stepId, "running", `${event.current}/${event.total}${r}`);
          // Redraw at most every 80 ms while items stream in, always on the last one.
          if (event.current < event.total && now() - lastDraw < 80) return;
          break;
        }
        case "step_complete": {
          const iterations = event.iterations === undefined ? "" : `${event.iterations} items, `;
          const failed = event.status === "failed";
          const previous = rows.get(event.stepId)?.detail ?? "";
          set(
            event.stepId,
            failed ? "failed" : "done",
            failed ? previous : `${iterations}${event.duration_ms}ms`,
          );
          break;
        }
        default:
          return;
      }
      draw();
    },
    finish() {
      if (drawn > 0) draw();
    },
  };
}
