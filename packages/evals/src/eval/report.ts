// Evaluation reports for people: a terminal table, Markdown, and the history lines.
import type { EvalReport } from "./evaluate.js";
import type { HistoryRecord } from "./history.js";
import {
  HEADER,
  caseCell,
  errorLines,
  headLines,
  pct,
  rows,
  signed,
  verdictLine,
} from "./_report-parts.js";

/** The terminal table and one verdict line per model, then the errors met. */
export function formatText(report: EvalReport): string {
  const all = [HEADER, ...rows(report)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const table = all
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
  const errors = errorLines(report);
  return `${headLines(report).join("\n")}\n\n${table}\n\n${report.models.map(verdictLine).join("\n")}\n${errors.length > 0 ? `\nerrors:\n${errors.map((e) => `  ${e}`).join("\n")}\n` : ""}`;
}

const mdCell = (text: string) => text.replace(/\s+/g, " ").replace(/\|/g, "\\|");

/** Markdown: the summary table, verdicts, and per-case results. */
export function formatMarkdown(report: EvalReport): string {
  const table = [
    `| ${HEADER.join(" | ")} |`,
    `|${HEADER.map(() => "---").join("|")}|`,
    ...rows(report).map((r) => `| ${r.map(mdCell).join(" | ")} |`),
  ].join("\n");
  const cases = report.models.flatMap((m) =>
    report.cases.map(
      (c) =>
        `| ${mdCell(m.model)} | ${mdCell(c.id)} | ${mdCell(c.prompt).slice(0, 80)} | ${caseCell(m, "with", c.id)} | ${caseCell(m, "without", c.id)} |`,
    ),
  );
  const errors = errorLines(report);
  return [
    `# Evaluation of \`${report.skill}\``,
    "",
    `Skill hash \`${report.skillHash.slice(0, 12)}\`, ${report.cases.length} cases × ${report.repeat} trials per condition, started ${report.startedAt}.`,
    "",
    ...headLines(report)
      .slice(1)
      .map((l) => `- ${mdCell(l)}`),
    "",
    table,
    "",
    ...report.models.map((m) => `- ${mdCell(verdictLine(m))}`),
    ...(errors.length > 0 ? ["", "Errors:", "", ...errors.map((e) => `- ${mdCell(e)}`)] : []),
    "",
    "## Per case",
    "",
    "| Model | Case | Prompt | With | Without |",
    "|---|---|---|---|---|",
    ...cases,
    "",
  ].join("\n");
}

/** `eval history`: one line per stored result, oldest first; replays and the mode are marked. */
export function formatHistory(records: readonly HistoryRecord[]): string {
  if (records.length === 0) return "no evaluations recorded\n";
  const lines = records.map((r) => {
    const rate = (c: "with" | "without") =>
      r.rates[c] && r.rates[c].judged > 0 ? pct(r.rates[c].rate) : "-";
    const tags = [r.mode ?? "catalog", ...(r.replay ? ["replay"] : [])].join(", ");
    return `${r.at.slice(0, 16).replace("T", " ")}  ${r.skillHash.slice(0, 12)}  ${r.model.padEnd(28)}  with ${rate("with").padStart(4)}  without ${rate("without").padStart(4)}  ${signed(r.meanDifference).padStart(8)}  ${r.verdict}  (${tags})`;
  });
  return `${lines.join("\n")}\n`;
}
