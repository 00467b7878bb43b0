// The end of a run for people: status, counts, error and outputs.
import { stringify } from "yaml";
import { formatDiagnostic, type RunLog } from "@skillflow/workflow";
import type { Writer } from "../io.js";
import type { Style } from "../style.js";

/** Writes the validation/parse problems of a run that never started, located in `content`. */
export function writeProblems(out: Writer, log: RunLog, content: string, file: string): void {
  const details = log.error?.details ?? [];
  if (details.length === 0) out.write(`${file}: ${log.error?.message ?? "invalid workflow"}\n`);
  for (const problem of details) out.write(`${formatDiagnostic(problem, content, file)}\n`);
}

/** The summary after a run: one status line, the error if any, then the outputs. */
export function writeSummary(out: Writer, log: RunLog, style: Style): void {
  const { steps_executed, steps_skipped } = log.summary;
  const status = log.status === "success" ? style.green("✓ success") : style.red("✗ failed");
  out.write(
    `${status} ${style.bold(log.workflow)} in ${log.duration_ms}ms ${style.dim(`(${steps_executed} steps run, ${steps_skipped} skipped)`)}\n`,
  );
  if (log.error) out.write(`${style.red("error")} ${log.error.message}\n`);
  for (const [name, value] of Object.entries(log.outputs)) {
    // YAML keeps multi-line strings readable (block scalars) where JSON would escape them.
    const text = typeof value === "string" ? value : stringify(value).trimEnd();
    out.write(`\n${style.bold(name)}\n${text}\n`);
  }
}
