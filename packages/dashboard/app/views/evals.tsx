// Evaluations: the saved reports of this project, newest first, each model's with-vs-without pass
// rates and verdict; a skill's history is one click away.
import { api } from "../api";
import { CONDITIONS, percent, summaryRates } from "../eval-charts";
import type { EvalReportSummary } from "../eval-types";
import { formatTime } from "../format";
import { useLoad } from "../load";
import { UnavailableOrError } from "../not-available";

/** The evaluations view (`/evals`). */
export function EvalsView() {
  const reports = useLoad((signal) => api<EvalReportSummary[]>("/evals/reports", { signal }), []);
  const list = reports.data ?? [];
  return (
    <section aria-labelledby="evals-title">
      <h1 id="evals-title">Evaluations</h1>
      <UnavailableOrError error={reports.error} what="Evaluation reports" />
      <p class="live" aria-live="polite">
        {reports.loading && reports.data === undefined
          ? "Loading…"
          : list.length === 0 && reports.error === undefined
            ? "No saved reports yet: run `skillflow eval <skill>` in the project."
            : `${list.length} reports`}
      </p>
      {list.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Report</th>
                <th scope="col">Skill</th>
                <th scope="col">Mode</th>
                <th scope="col">Models: with / without → verdict</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={`/evals/${encodeURIComponent(r.id)}`}>
                      {r.createdAt ? (
                        <time dateTime={r.createdAt}>{formatTime(r.createdAt)}</time>
                      ) : (
                        r.id
                      )}
                    </a>
                  </th>
                  <td>
                    {r.skill}{" "}
                    <a
                      class="small"
                      href={`/evals/${encodeURIComponent(r.id)}#history`}
                      aria-label={`History of ${r.skill}`}
                    >
                      history
                    </a>
                  </td>
                  <td>
                    {r.mode ?? "catalog"}
                    {r.replay ? <span class="tag">replay</span> : null}
                  </td>
                  <td>
                    <ul class="plain">
                      {summaryRates(r).map((m) => (
                        <li key={m.model}>
                          <code>{m.model}</code>:{" "}
                          {CONDITIONS.filter((c) => m.rates[c] !== undefined)
                            .map((c) => `${c} ${percent(m.rates[c]?.rate)}`)
                            .join(" / ")}{" "}
                          →{" "}
                          <span class={`verdict verdict-${m.verdict.replace(/\s+/g, "-")}`}>
                            {m.verdict}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
