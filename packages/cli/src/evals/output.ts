// What `skillflow eval` prints: the report in a format, a progress bar, trigger scores.
import {
  evaluateTriggers,
  formatHtml,
  formatMarkdown,
  formatText,
  type CacheMode,
  type CallCache,
  type EvalReport,
  type EvalSuite,
} from "@skillflow/evals";
import type { Io } from "../io.js";
import type { cliModel } from "./models.js";

/** The report in `format`: text, json, markdown or html. */
export function render(report: EvalReport, format: string): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "markdown":
      return formatMarkdown(report);
    case "html":
      return formatHtml(report);
    default:
      return formatText(report);
  }
}

/** A progress bar on a terminal, nothing otherwise. */
export function progress(io: Io) {
  if (!io.isTTY) return undefined;
  return ({ done, total, label }: { done: number; total: number; label: string }) => {
    const width = 24;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    io.stderr.write(
      `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${label}`.padEnd(90),
    );
    if (done === total) io.stderr.write("\n");
  };
}

/** Scores the suite's trigger set on each model and prints one line per model. */
export async function triggers(
  io: Io,
  models: readonly { name: string; model: ReturnType<typeof cliModel> }[],
  dir: string,
  suite: EvalSuite,
  cache?: { store: CallCache; mode: CacheMode },
) {
  if (!suite.trigger) return;
  for (const model of models) {
    const result = await evaluateTriggers({
      skillDir: dir,
      skill: suite.skillName,
      trigger: suite.trigger,
      model,
      ...(cache ? { cache } : {}),
    });
    const p = (x: number) => `${(100 * x).toFixed(0)}%`;
    io.stdout.write(
      `triggers on ${model.name}: routing precision ${p(result.routing.precision)} recall ${p(result.routing.recall)}; activation precision ${p(result.activation.precision)} recall ${p(result.activation.recall)}\n`,
    );
  }
}
