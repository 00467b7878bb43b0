// One evaluation report: per model the pass rate of each condition with its Wilson interval (a chart
// and the same numbers as a table), per case the conditions' outputs side by side (as text), and the
// skill's history across models and versions (a chart and its table).
import { useEffect, useMemo, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { api } from "../api";
import { HistoryChartView, RateChartView } from "../chart";
import {
  caseComparisons,
  historyChart,
  historyRows,
  isLong,
  percent,
  rateChart,
  rateRows,
  type CaseSide,
  type RateRow,
} from "../eval-charts";
import type { EvalReport, HistoryLine } from "../eval-types";
import { formatTime } from "../format";
import { useLoad } from "../load";
import { UnavailableOrError } from "../not-available";

/** A difference of rates in percentage points, signed: `+25 pts`. */
function points(value: number): string {
  const n = Math.round(value * 100);
  return `${n > 0 ? "+" : ""}${n} pts`;
}

function Interval({ low, high }: { low: number; high: number }) {
  return (
    <span class="muted">
      {percent(low)}–{percent(high)}
    </span>
  );
}

function RatesTable({ id, rows }: { id: string; rows: readonly RateRow[] }) {
  return (
    <div class="table-wrap">
      <table id={id}>
        <caption>Pass rate per model and condition, with the 95% Wilson interval</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Condition</th>
            <th scope="col">Pass rate</th>
            <th scope="col">95% interval</th>
            <th scope="col">Passed / judged</th>
            <th scope="col">Errors</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.model}/${r.condition}`}>
              <th scope="row">{r.model}</th>
              <td>{r.condition}</td>
              <td>{percent(r.rate)}</td>
              <td>
                <Interval low={r.low} high={r.high} />
              </td>
              <td>
                {r.passes} / {r.judged}
              </td>
              <td>{r.errors}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Output({ text, label }: { text: string; label: string }) {
  if (!isLong(text)) return <pre aria-label={label}>{text === "" ? "(empty)" : text}</pre>;
  return (
    <details>
      <summary>
        {label}: {text.length} characters (show)
      </summary>
      <pre>{text}</pre>
    </details>
  );
}

function Side({ side, caseId }: { side: CaseSide; caseId: string }) {
  return (
    <div class="side">
      <h4>
        {side.condition}{" "}
        <span class="muted">
          ({side.passes}/{side.judged} passed)
        </span>
      </h4>
      {side.trials.map((t) => (
        <div key={t.trial} class="trial">
          <p class="meta">
            Trial {t.trial + 1}: <span class={`outcome outcome-${t.outcome}`}>{t.outcome}</span>
            {t.outputTruncated ? ` (cut; ${t.outputTruncated.chars} characters in full)` : ""}
          </p>
          {t.error !== undefined ? <p class="error">{t.error}</p> : null}
          <Output text={t.output} label={`${caseId}, ${side.condition}, trial ${t.trial + 1}`} />
        </div>
      ))}
    </div>
  );
}

function Cases({ report }: { report: EvalReport }) {
  const models = report.models.map((m) => m.model);
  const [model, setModel] = useState(models[0] ?? "");
  const cases = useMemo(() => caseComparisons(report, model), [report, model]);
  return (
    <section aria-labelledby="cases-title">
      <h2 id="cases-title">Cases</h2>
      {models.length > 1 ? (
        <label>
          Model
          <select value={model} onChange={(e) => setModel(e.currentTarget.value)}>
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {cases.map((c) => (
        <article key={c.caseId} class="card case" aria-labelledby={`case-${c.caseId}`}>
          <h3 id={`case-${c.caseId}`}>{c.caseId}</h3>
          <Output text={c.prompt} label="Prompt" />
          <div class="sides">
            {c.sides.map((side) => (
              <Side key={side.condition} side={side} caseId={c.caseId} />
            ))}
          </div>
        </article>
      ))}
    </section>
  );
}

function History({ skill }: { skill: string }) {
  const history = useLoad(
    (signal) => api<HistoryLine[]>(`/evals/history/${encodeURIComponent(skill)}`, { signal }),
    [skill],
  );
  const lines = history.data ?? [];
  const chart = useMemo(() => historyChart(lines), [history.data]);
  const rows = useMemo(() => historyRows(lines), [history.data]);
  // The list's "history" link lands here once the section exists (it renders after the report loads).
  useEffect(() => {
    if (window.location.hash === "#history") document.getElementById("history")?.focus();
  }, []);
  return (
    <section aria-labelledby="history">
      <h2 id="history" tabIndex={-1}>
        History of {skill}
      </h2>
      <UnavailableOrError error={history.error} what="Evaluation histories" />
      {history.loading && history.data === undefined ? <p class="live">Loading…</p> : null}
      {chart.series.length > 0 ? (
        <HistoryChartView
          chart={chart}
          label={`Pass rates of ${skill} over time`}
          describedBy="history-table"
        />
      ) : null}
      {rows.length > 0 ? (
        <div class="table-wrap">
          <table id="history-table">
            <caption>Every evaluation of {skill}, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Model</th>
                <th scope="col">Version</th>
                <th scope="col">With</th>
                <th scope="col">Without</th>
                <th scope="col">Verdict</th>
                <th scope="col">Mode</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td>
                    {r.reportId ? (
                      <a href={`/evals/${encodeURIComponent(r.reportId)}`}>{formatTime(r.at)}</a>
                    ) : (
                      <time dateTime={r.at}>{formatTime(r.at)}</time>
                    )}
                  </td>
                  <th scope="row">{r.model}</th>
                  <td>
                    <code>{r.skillHash.slice(0, 12)}</code>
                  </td>
                  {(["with", "without"] as const).map((c) => (
                    <td key={c}>
                      {r.rates[c] ? (
                        <>
                          {percent(r.rates[c].rate)}{" "}
                          <Interval low={r.rates[c].low} high={r.rates[c].high} />
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  ))}
                  <td>{r.verdict}</td>
                  <td>
                    {r.mode}
                    {r.replay ? ", replay" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : history.data !== undefined ? (
        <p class="muted">No history recorded for {skill}.</p>
      ) : null}
    </section>
  );
}

/** The report view (`/evals/:id`). */
export function EvalReportView() {
  const { params } = useRoute();
  const id = params["id"] ?? "";
  const report = useLoad(
    (signal) => api<EvalReport>(`/evals/reports/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  const r = report.data;
  const rows = useMemo(() => (r ? rateRows(r) : []), [r]);
  const chart = useMemo(() => rateChart(rows), [rows]);
  return (
    <section aria-labelledby="report-title">
      <p>
        <a href="/evals">← Evaluations</a>
      </p>
      <h1 id="report-title">{r ? `Evaluation of ${r.skill}` : "Evaluation"}</h1>
      <UnavailableOrError error={report.error} what="Evaluation reports" />
      {report.loading && r === undefined ? <p class="live">Loading…</p> : null}
      {r ? (
        <>
          <p class="meta">
            <time dateTime={r.createdAt ?? r.startedAt}>
              {formatTime(r.createdAt ?? r.startedAt)}
            </time>{" "}
            · version <code>{r.skillHash.slice(0, 12)}</code> · {r.cases.length} cases × {r.repeat}{" "}
            trials · mode {r.mode}
            {r.replay ? " · replayed from the cache" : ""}
          </p>
          {(r.warnings ?? []).length > 0 ? (
            <ul class="note">
              {(r.warnings ?? []).map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
          <section aria-labelledby="rates-title">
            <h2 id="rates-title">Pass rates</h2>
            <ul class="plain">
              {r.models.map((m) => (
                <li key={m.model}>
                  <code>{m.model}</code>: {m.verdict} (with − without{" "}
                  {points(m.comparison.meanDifference)}, interval{" "}
                  {points(m.comparison.bootstrap.low)} to {points(m.comparison.bootstrap.high)})
                </li>
              ))}
            </ul>
            {chart.models.length > 0 ? (
              <RateChartView
                chart={chart}
                label="Pass rate per model and condition, with intervals"
                describedBy="rates-table"
              />
            ) : null}
            <RatesTable id="rates-table" rows={rows} />
          </section>
          <Cases report={r} />
          <History skill={r.skill} />
        </>
      ) : null}
    </section>
  );
}
