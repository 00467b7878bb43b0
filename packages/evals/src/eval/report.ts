// Evaluation reports: a terminal table, Markdown, and one self-contained HTML file with a chart.
import type { TrialSummary } from "../stats/index.js";
import type { EvalReport, ModelResult } from "./evaluate.js";
import type { HistoryRecord } from "./history.js";

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const interval = (s: TrialSummary) =>
  `${pct(s.rate)} [${pct(s.interval.low)}–${pct(s.interval.high)}]`;
const signed = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(0)} pts`;

function rows(report: EvalReport): string[][] {
  return report.models.flatMap((m) =>
    m.conditions.map((c) => [
      m.model,
      c.condition,
      interval(c.summary),
      c.summary.passHatK === undefined || Number.isNaN(c.summary.passHatK)
        ? "-"
        : pct(c.summary.passHatK),
      `${c.summary.passes}/${c.summary.passes + c.summary.failures}`,
      String(c.summary.errors),
    ]),
  );
}

function verdictLine(m: ModelResult): string {
  const c = m.comparison;
  const base = `${m.model}: ${m.verdict.toUpperCase()} — with − without ${signed(c.meanDifference)} over ${c.cases} cases, 95% bootstrap [${signed(c.bootstrap.low)}, ${signed(c.bootstrap.high)}], sign test p = ${c.signTest.pValue.toFixed(3)} (${c.signTest.positive}+ / ${c.signTest.negative}− / ${c.signTest.ties}=)`;
  return m.previous
    ? `${base}; vs previous version: ${m.previous.verdict} (${signed(m.previous.comparison.meanDifference)})`
    : base;
}

const HEADER = ["MODEL", "CONDITION", "PASS RATE [95% Wilson]", "PASS^K", "PASSED", "ERRORS"];

/** The terminal table and one verdict line per model. */
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
  return `${report.skill} (${report.skillHash.slice(0, 12)}), ${report.cases.length} cases × ${report.repeat} trials, pass^k with k = ${report.k}\n\n${table}\n\n${report.models.map(verdictLine).join("\n")}\n`;
}

/** Markdown: the summary table, verdicts, and per-case results. */
export function formatMarkdown(report: EvalReport): string {
  const table = [
    `| ${HEADER.join(" | ")} |`,
    `|${HEADER.map(() => "---").join("|")}|`,
    ...rows(report).map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
  const cases = report.models.flatMap((m) =>
    report.cases.map((c) => {
      const cell = (condition: string) => {
        const found = m.conditions
          .find((x) => x.condition === condition)
          ?.cases.find((x) => x.caseId === c.id)?.summary;
        return found
          ? `${found.passes}/${found.passes + found.failures}${found.errors ? ` (${found.errors} errors)` : ""}`
          : "-";
      };
      return `| ${m.model} | ${c.id} | ${c.prompt.replace(/\s+/g, " ").replace(/\|/g, "\\|").slice(0, 80)} | ${cell("with")} | ${cell("without")} |`;
    }),
  );
  return [
    `# Evaluation of \`${report.skill}\``,
    "",
    `Skill hash \`${report.skillHash.slice(0, 12)}\`, ${report.cases.length} cases × ${report.repeat} trials per condition, started ${report.startedAt}.`,
    "",
    table,
    "",
    ...report.models.map((m) => `- ${verdictLine(m)}`),
    "",
    "## Per case",
    "",
    "| Model | Case | Prompt | With | Without |",
    "|---|---|---|---|---|",
    ...cases,
    "",
  ].join("\n");
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An SVG bar chart: pass rate with vs without per model, with the Wilson intervals as whiskers. */
function chart(report: EvalReport): string {
  const barW = 28;
  const groupW = 100;
  const h = 160;
  const height = h + 40;
  const width = Math.max(220, report.models.length * groupW + 40);
  const parts: string[] = [];
  report.models.forEach((m, i) => {
    ["with", "without"].forEach((condition, j) => {
      const s = m.conditions.find((c) => c.condition === condition)?.summary;
      if (!s) return;
      const x = 30 + i * groupW + j * (barW + 6);
      const y = (v: number) => 10 + h - v * h;
      const colour = condition === "with" ? "#2b7a4b" : "#8a8f98";
      parts.push(
        `<rect x="${x}" y="${y(s.rate)}" width="${barW}" height="${(s.rate * h).toFixed(1)}" fill="${colour}"><title>${escape(`${m.model} ${condition}: ${interval(s)}`)}</title></rect>`,
        `<line x1="${x + barW / 2}" x2="${x + barW / 2}" y1="${y(s.interval.low)}" y2="${y(s.interval.high)}" stroke="#222"/>`,
      );
    });
    parts.push(
      `<text x="${30 + i * groupW}" y="${h + 28}" font-size="11">${escape(m.model)}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="pass rate with and without the skill per model"><line x1="26" x2="${width}" y1="${10 + h}" y2="${10 + h}" stroke="#999"/>${parts.join("")}</svg>`;
}

/** One self-contained HTML file (no scripts, no external assets). */
export function formatHtml(report: EvalReport): string {
  const tableRows = rows(report)
    .map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`)
    .join("");
  const trials = report.trials
    .map(
      (t) =>
        `<tr><td>${escape(t.model)}</td><td>${t.condition}</td><td>${escape(t.caseId)}</td><td>${t.trial}</td><td class="${t.outcome}">${t.outcome}</td><td>${escape(
          t.error ??
            t.assertions
              .filter((a) => !a.passed)
              .map((a) => `${a.type}: ${a.detail}`)
              .join("; "),
        )}</td></tr>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evaluation of ${escape(report.skill)}</title><style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}.pass{color:#2b7a4b}.fail{color:#b3261e}.error{color:#8a6d00}</style></head><body><h1>Evaluation of <code>${escape(report.skill)}</code></h1><p>Skill hash <code>${report.skillHash.slice(0, 12)}</code>, ${report.cases.length} cases × ${report.repeat} trials, started ${escape(report.startedAt)}.</p>${chart(report)}<table><tr>${HEADER.map((h) => `<th>${h}</th>`).join("")}</tr>${tableRows}</table><ul>${report.models.map((m) => `<li>${escape(verdictLine(m))}</li>`).join("")}</ul><h2>Trials</h2><table><tr><th>Model</th><th>Condition</th><th>Case</th><th>Trial</th><th>Outcome</th><th>Why</th></tr>${trials}</table></body></html>\n`;
}

/** `eval history`: one line per stored result, oldest first. */
export function formatHistory(records: readonly HistoryRecord[]): string {
  if (records.length === 0) return "no evaluations recorded\n";
  const lines = records.map((r) => {
    const rate = (c: "with" | "without") => (r.rates[c] ? pct(r.rates[c].rate) : "-");
    return `${r.at.slice(0, 16).replace("T", " ")}  ${r.skillHash.slice(0, 12)}  ${r.model.padEnd(28)}  with ${rate("with").padStart(4)}  without ${rate("without").padStart(4)}  ${signed(r.meanDifference).padStart(8)}  ${r.verdict}`;
  });
  return `${lines.join("\n")}\n`;
}
