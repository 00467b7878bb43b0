// The end of a run for people: status, counts, error and outputs.
import { formatDiagnostic, type RunLog, type ValidationError } from "@skillflow/workflow";
import { PARTIAL_NOTE, displayValue, outputsComplete } from "../display-value.js";
import type { Writer } from "../io.js";
import type { Style } from "../style.js";
import { printable } from "../terminal-text.js";

/** Where a problem is printed: the problem, the text of its file and the file's name. */
export type Place = (problem: ValidationError) => {
  problem: ValidationError;
  content: string;
  file: string;
};

/**
 * Writes the validation/parse problems of a run that never started, located in `content`, or
 * where `place` says (a problem inside a sub-workflow is in that file).
 */
export function writeProblems(
  out: Writer,
  log: RunLog,
  content: string,
  file: string,
  place: Place = (problem) => ({ problem, content, file }),
): void {
  const details = log.error?.details ?? [];
  if (details.length === 0)
    out.write(`${file}: ${printable(log.error?.message ?? "invalid workflow")}\n`);
  for (const detail of details) {
    const placed = place(detail);
    out.write(`${printable(formatDiagnostic(placed.problem, placed.content, placed.file))}\n`);
  }
}

/**
 * The summary after a run: one status line, the error if any, then the outputs. The outputs of a run
 * that did not succeed are labelled partial: values that needed a failed or skipped step are absent.
 */
export function writeSummary(out: Writer, log: RunLog, style: Style): void {
  const { steps_executed, steps_skipped } = log.summary;
  const status = log.status === "success" ? style.green("✓ success") : style.red("✗ failed");
  out.write(
    `${status} ${style.bold(log.workflow)} in ${log.duration_ms}ms ${style.dim(`(${steps_executed} steps run, ${steps_skipped} skipped)`)}\n`,
  );
  if (log.error) out.write(`${style.red("error")} ${printable(log.error.message)}\n`);
  for (const line of itemErrors(log)) out.write(`${style.red(printable(line))}\n`);
  const outputs = Object.entries(log.outputs ?? {});
  if (outputs.length > 0 && !outputsComplete(log.status)) {
    out.write(`\n${style.yellow("partial outputs")} ${style.dim(PARTIAL_NOTE)}\n`);
  }
  for (const [name, value] of outputs) {
    const text = value === undefined ? style.dim(displayValue(value)) : displayValue(value);
    out.write(`\n${style.bold(name)}\n${text}\n`);
  }
}

/** How many failed items of one `each` step the summary lists; `runs show` lists them all. */
const ITEMS_SHOWN = 5;

/** Which items of each failed `each` step failed, when the run recorded them (a few per step). */
function itemErrors(log: RunLog): string[] {
  const lines: string[] = [];
  for (const step of log.steps) {
    const items = step.iteration_errors ?? [];
    if (items.length === 0) continue;
    const of = step.iterations === undefined ? "" : ` of ${step.iterations}`;
    lines.push(`step ${step.id}: ${items.length}${of} items failed`);
    for (const item of items.slice(0, ITEMS_SHOWN))
      lines.push(`  item ${item.index}: ${item.error}`);
    if (items.length > ITEMS_SHOWN) {
      lines.push(
        `  … and ${items.length - ITEMS_SHOWN} more (skillflow runs show ${log.id.slice(0, 8)})`,
      );
    }
  }
  return lines;
}
