// Two runs side by side at /compare?a=<id>&b=<id>: inputs, outputs and each step's status,
// duration and output, with what changed marked.
import { useLocation } from "preact-iso";
import { api, query } from "../api";
import { compareRuns, type StepDiff, type ValueDiff } from "../compare";
import { formatDuration, formatTime } from "../format";
import { ErrorNote, useLoad } from "../load";
import type { RunDetail } from "../run-detail";
import { ValueBlock } from "./run/value-block";

function Changed({ changed, redacted = false }: { changed: boolean; redacted?: boolean }) {
  if (redacted && !changed)
    return <span class="diff-same">same as stored (secrets are redacted, not compared)</span>;
  return <span class={changed ? "diff-changed" : "diff-same"}>{changed ? "changed" : "same"}</span>;
}

function ValuesTable({ caption, diffs }: { caption: string; diffs: ValueDiff[] }) {
  if (diffs.length === 0) return <p class="muted">{caption}: none in either run.</p>;
  return (
    <div class="table-wrap">
      <table class="diff">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Run A</th>
            <th scope="col">Run B</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody>
          {diffs.map((d) => (
            <tr key={d.key} class={d.changed ? "changed" : undefined}>
              <th scope="row">{d.key}</th>
              <td>
                {d.inA ? <ValueBlock label="A" value={d.a} maxLines={12} /> : <em>absent</em>}
              </td>
              <td>
                {d.inB ? <ValueBlock label="B" value={d.b} maxLines={12} /> : <em>absent</em>}
              </td>
              <td>
                <Changed changed={d.changed} redacted={d.redacted} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StepSide({ side }: { side: StepDiff["a"] }) {
  if (side === undefined) return <em>not in this run</em>;
  return (
    <>
      <span class={`status status-${side.status}`}>{side.status}</span>{" "}
      {formatDuration(side.durationMs)}
      {side.error !== undefined ? (
        <ValueBlock label="Error" value={side.error} maxLines={6} />
      ) : null}
    </>
  );
}

function StepsTable({ diffs }: { diffs: StepDiff[] }) {
  if (diffs.length === 0) return <p class="muted">No steps in either run.</p>;
  return (
    <div class="table-wrap">
      <table class="diff">
        <caption class="visually-hidden">Steps</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Run A</th>
            <th scope="col">Run B</th>
            <th scope="col">Duration B − A</th>
            <th scope="col">Output</th>
          </tr>
        </thead>
        <tbody>
          {diffs.map((d) => (
            <tr key={d.id} class={d.statusChanged || d.outputChanged ? "changed" : undefined}>
              <th scope="row">{d.id}</th>
              <td>
                <StepSide side={d.a} />
              </td>
              <td>
                <StepSide side={d.b} />
              </td>
              <td>
                {d.durationDeltaMs === undefined
                  ? "—"
                  : `${d.durationDeltaMs >= 0 ? "+" : "−"}${formatDuration(Math.abs(d.durationDeltaMs))}`}
              </td>
              <td>
                <Changed changed={d.outputChanged} redacted={d.redacted} />
                <details>
                  <summary>outputs</summary>
                  <ValueBlock label="A" value={d.a?.output} maxLines={12} />
                  <ValueBlock label="B" value={d.b?.output} maxLines={12} />
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunHeader({ label, run }: { label: string; run: RunDetail }) {
  return (
    <li>
      <strong>{label}</strong>: <a href={`/runs/${encodeURIComponent(run.id)}`}>{run.id}</a>{" "}
      <span class={`status status-${run.status}`}>{run.status}</span> · started{" "}
      {formatTime(run.startedAt)} · {formatDuration(run.durationMs)}
    </li>
  );
}

/** The comparison view. */
export function CompareView() {
  const { query: q } = useLocation();
  const a = q["a"] ?? "";
  const b = q["b"] ?? "";
  const runs = useLoad(
    async (signal) => {
      if (a === "" || b === "")
        throw new Error(
          "Choose two runs: open a run and use “Compare with…”, or give ?a=<run id>&b=<run id>.",
        );
      const get = (id: string) => api<RunDetail>(`/runs/${encodeURIComponent(id)}`, { signal });
      return Promise.all([get(a), get(b)]);
    },
    [a, b],
  );
  const pair = runs.data;
  const result = pair ? compareRuns(pair[0], pair[1]) : undefined;
  return (
    <section aria-labelledby="compare-title">
      <h1 id="compare-title">Compare runs</h1>
      <ErrorNote error={runs.error} />
      <p class="live" aria-live="polite">
        {runs.loading && pair === undefined
          ? "Loading…"
          : result
            ? `Differences: ${result.changes.inputs} in inputs, ${result.changes.outputs} in outputs, ${result.changes.steps} in steps.`
            : ""}
      </p>
      {pair && result ? (
        <>
          <ul class="compare-runs">
            <RunHeader label="A" run={pair[0]} />
            <RunHeader label="B" run={pair[1]} />
          </ul>
          <p>
            <a href={`/compare${query({ a: b, b: a })}`}>Swap A and B</a>
          </p>
          {!result.sameWorkflow ? (
            <p class="error" role="alert">
              These runs are of different workflows ({pair[0].workflow}, {pair[1].workflow}): steps
              with the same id may do different things.
            </p>
          ) : null}
          <h2>Inputs</h2>
          <ValuesTable caption="Inputs" diffs={result.inputs} />
          <h2>Outputs</h2>
          <ValuesTable caption="Outputs" diffs={result.outputs} />
          <h2>Steps</h2>
          <StepsTable diffs={result.steps} />
        </>
      ) : null}
    </section>
  );
}
