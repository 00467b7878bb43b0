// The HTML report: one self-contained file (no scripts, no external assets) with a legend, a chart
// with an axis, the summary, verdicts, errors, and per case the outputs of both conditions.
import type { TrialSummary } from "../stats/index.js";
import type { Condition, EvalReport, ModelResult, TrialRecord } from "./evaluate.js";
import { HEADER, caseCell, headLines, interval, pct, rows, verdictLine } from "./_report-parts.js";

/** Everything that came from a model, a file or a user is escaped, in text and attributes alike. */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const COLOURS: Readonly<Record<Condition, string>> = {
  with: "#2b7a4b",
  without: "#8a8f98",
  previous: "#6a4fb3",
};
const LABELS: Readonly<Record<Condition, string>> = {
  with: "with the skill",
  without: "without (baseline)",
  previous: "previous version",
};

const BAR = 16;
const GAP = 4;
const HEAD = 22;
const GROUP_GAP = 12;
const PLOT = 420;
const LEFT = 80;
const CONDITION_LABEL: Readonly<Record<Condition, string>> = {
  with: "with",
  without: "without",
  previous: "previous",
};

/**
 * Per model, its full name as a heading, then one horizontal bar per condition (labelled), the
 * Wilson interval as a whisker and the rate at its end; an axis in percent with grid lines.
 */
function chart(report: EvalReport): string {
  const top = 4;
  const parts: string[] = [];
  let y = top;
  for (const m of report.models) {
    parts.push(
      `<text x="4" y="${y + 15}" font-size="13" font-weight="600">${escape(m.model)} <tspan font-weight="400" fill="#555">${escape(m.verdict)}</tspan></text>`,
    );
    y += HEAD;
    for (const c of m.conditions) {
      const s = c.summary;
      const judged = s.passes + s.failures > 0;
      const w = judged ? s.rate * PLOT : 0;
      const tip = `${m.model}, ${LABELS[c.condition]}: ${interval(s)} (${s.passes}/${s.passes + s.failures} passed, ${s.errors} errors)`;
      parts.push(
        `<text x="${LEFT - 8}" y="${y + BAR - 4}" font-size="12" text-anchor="end">${CONDITION_LABEL[c.condition]}</text>`,
        `<rect x="${LEFT}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${COLOURS[c.condition]}"><title>${escape(tip)}</title></rect>`,
      );
      if (judged) {
        const lo = LEFT + s.interval.low * PLOT;
        const hi = LEFT + s.interval.high * PLOT;
        const mid = y + BAR / 2;
        parts.push(
          `<path d="M${lo.toFixed(1)} ${mid}H${hi.toFixed(1)}M${lo.toFixed(1)} ${mid - 4}V${mid + 4}M${hi.toFixed(1)} ${mid - 4}V${mid + 4}" stroke="#222" fill="none"/>`,
        );
      }
      const value = judged ? pct(s.rate) : s.errors > 0 ? "errors only" : "no trials";
      parts.push(
        `<text x="${LEFT + PLOT + 8}" y="${y + BAR - 4}" font-size="12">${escape(value)}</text>`,
      );
      y += BAR + GAP;
    }
    y += GROUP_GAP;
  }
  const axisY = y;
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => {
      const x = LEFT + t * PLOT;
      return `<line x1="${x}" x2="${x}" y1="${top}" y2="${axisY}" stroke="#e3e3e3"/><line x1="${x}" x2="${x}" y1="${axisY}" y2="${axisY + 5}" stroke="#555"/><text x="${x}" y="${axisY + 18}" font-size="11" text-anchor="middle">${pct(t)}</text>`;
    })
    .join("");
  const longest = Math.max(0, ...report.models.map((m) => m.model.length + m.verdict.length + 1));
  const width = Math.max(LEFT + PLOT + 90, 12 + longest * 8);
  const height = axisY + 40;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="pass rate per model and condition">${ticks}${parts.join("")}<line x1="${LEFT}" x2="${LEFT + PLOT}" y1="${axisY}" y2="${axisY}" stroke="#555"/><text x="${LEFT + PLOT / 2}" y="${axisY + 34}" font-size="11" text-anchor="middle">pass rate of judged trials (errors excluded)</text></svg>`;
}

function legend(report: EvalReport): string {
  const shown = new Set(report.models.flatMap((m) => m.conditions.map((c) => c.condition)));
  const items = (["with", "without", "previous"] as const)
    .filter((c) => shown.has(c))
    .map(
      (c) => `<li><span class="swatch" style="background:${COLOURS[c]}"></span>${LABELS[c]}</li>`,
    );
  items.push('<li><span class="whisker"></span>95% Wilson interval</li>');
  return `<ul class="legend">${items.join("")}</ul>`;
}

const MAX_OUTPUT = 2000;

/** One trial's output (or error), with its failed assertions. */
function trialBlock(t: TrialRecord): string {
  const text = t.output.length > MAX_OUTPUT ? `${t.output.slice(0, MAX_OUTPUT)}…` : t.output;
  const failed = t.assertions.filter((a) => !a.passed);
  const head = `<span class="${t.outcome}">#${t.trial} ${t.outcome}</span>`;
  const error = t.error !== undefined ? `<div class="error">error: ${escape(t.error)}</div>` : "";
  const why =
    failed.length > 0
      ? `<div class="why">${failed.map((a) => escape(`${a.type}: ${a.detail}`)).join("<br>")}</div>`
      : "";
  return `<div class="trial">${head}${error}${text !== "" ? `<pre>${escape(text)}</pre>` : ""}${why}</div>`;
}

/** The outputs of a condition for a case: the first trial shown, the others folded. */
function outputs(trials: readonly TrialRecord[]): string {
  if (trials.length === 0) return '<span class="muted">not run</span>';
  const [first, ...rest] = trials;
  const more =
    rest.length > 0
      ? `<details><summary>${rest.length} more trial(s)</summary>${rest.map(trialBlock).join("")}</details>`
      : "";
  return `${trialBlock(first!)}${more}`;
}

function rateCell(m: ModelResult, condition: Condition, caseId: string): string {
  const s: TrialSummary | undefined = m.conditions
    .find((c) => c.condition === condition)
    ?.cases.find((c) => c.caseId === caseId)?.summary;
  const judged = s !== undefined && s.passes + s.failures > 0;
  return `<td class="rate">${escape(caseCell(m, condition, caseId))}${judged ? `<br><span class="muted">${pct(s.rate)}</span>` : ""}</td>`;
}

function perCase(report: EvalReport): string {
  return report.models
    .map((m) => {
      const trialsOf = (condition: Condition, caseId: string) =>
        report.trials.filter(
          (t) => t.model === m.model && t.condition === condition && t.caseId === caseId,
        );
      const body = report.cases
        .map(
          (c) =>
            `<tr><td>${escape(c.id)}</td><td class="prompt">${escape(c.prompt)}</td>${rateCell(m, "with", c.id)}${rateCell(m, "without", c.id)}<td class="out">${outputs(trialsOf("with", c.id))}</td><td class="out">${outputs(trialsOf("without", c.id))}</td></tr>`,
        )
        .join("");
      return `<h3>${escape(m.model)}</h3><table class="cases"><tr><th>Case</th><th>Prompt</th><th>With</th><th>Without</th><th>Output with the skill</th><th>Output without</th></tr>${body}</table>`;
    })
    .join("");
}

const STYLE =
  "body{font:14px system-ui,sans-serif;margin:2rem;max-width:80rem;color:#1b1b1b}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}.pass{color:#2b7a4b;font-weight:600}.fail{color:#b3261e;font-weight:600}.error{color:#8a5a00}.muted{color:#666}.legend{list-style:none;padding:0;display:flex;gap:1.5rem}.swatch{display:inline-block;width:.9rem;height:.9rem;margin-right:.4rem;vertical-align:-2px}.whisker{display:inline-block;width:1.4rem;height:.5rem;margin-right:.4rem;border:solid #222;border-width:0 1px;background:linear-gradient(#222,#222) center/100% 1px no-repeat}.cases td.prompt{max-width:16rem}.cases td.out{max-width:22rem}pre{white-space:pre-wrap;word-break:break-word;margin:.2rem 0;font-size:12px;background:#f8f8f8;padding:.3rem}.why{font-size:12px;color:#555}.warning{color:#8a5a00}.trial+.trial{margin-top:.4rem}";

/** One self-contained HTML file (no scripts, no external assets); every value from outside is escaped. */
export function formatHtml(report: EvalReport): string {
  const tableRows = rows(report)
    .map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`)
    .join("");
  const [, ...notes] = headLines(report);
  const errors = report.models.flatMap((m) =>
    m.errors.map(
      (e) =>
        `<li><b>${escape(m.model)}</b>: ${e.count} trial(s): <code>${escape(e.message)}</code></li>`,
    ),
  );
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
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evaluation of ${escape(report.skill)}</title><style>${STYLE}</style></head><body><h1>Evaluation of <code>${escape(report.skill)}</code></h1><p>Skill hash <code>${escape(report.skillHash.slice(0, 12))}</code>, ${report.cases.length} cases × ${report.repeat} trials per condition, started ${escape(report.startedAt)}.</p><ul>${notes.map((n) => `<li class="${n.startsWith("warning") ? "warning" : ""}">${escape(n)}</li>`).join("")}</ul><h2>Pass rate per model</h2>${legend(report)}${chart(report)}<table><tr>${HEADER.map((h) => `<th>${h}</th>`).join("")}</tr>${tableRows}</table><h2>Verdicts</h2><ul>${report.models.map((m) => `<li>${escape(verdictLine(m))}</li>`).join("")}</ul>${errors.length > 0 ? `<h2>Errors</h2><ul class="error">${errors.join("")}</ul>` : ""}<h2>Per case</h2>${perCase(report)}<details><summary>All ${report.trials.length} trials</summary><table><tr><th>Model</th><th>Condition</th><th>Case</th><th>Trial</th><th>Outcome</th><th>Why</th></tr>${trials}</table></details></body></html>\n`;
}
