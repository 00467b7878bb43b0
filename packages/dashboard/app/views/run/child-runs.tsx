// Sub-workflow runs of a `workflow` step, from the parent's step record (the service serves no
// child run on its own: its id `<run>/<step>[/<i>][#<attempt>]` is not a stored run). Each child
// has an anchor, a waterfall of its steps, its steps in a table (the selected step's values open)
// and its own children nested below.
import { useState } from "preact/hooks";
import { formatDuration, formatTime } from "../../format";
import type { ChildRunLog, StoredStep } from "../../run-detail";
import { ValueBlock, ValueList } from "./value-block";
import { WaterfallChart } from "./waterfall-chart";

/** The anchor of a child run (ids hold `/` and `#`, which anchors should not). */
export function childAnchor(runId: string): string {
  return `child-${runId.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function heading(depth: number) {
  return `h${Math.min(6, 3 + depth)}` as "h3" | "h4" | "h5" | "h6";
}

function ChildSteps({
  steps,
  depth,
  selected,
}: {
  steps: readonly StoredStep[];
  depth: number;
  selected: string | undefined;
}) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Status</th>
            <th scope="col">Duration</th>
            <th scope="col">Values</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr key={step.id} class={step.id === selected ? "selected" : undefined}>
              <th scope="row">{step.id}</th>
              <td>
                <span class={`status status-${step.status}`}>{step.status}</span>
                {step.retries && step.retries.attempts > 1 ? ` ↻ ${step.retries.attempts - 1}` : ""}
                {step.iterations ? ` × ${step.iterations}` : ""}
              </td>
              <td>{formatDuration(step.duration_ms)}</td>
              <td>
                <details open={step.id === selected}>
                  <summary>inputs, output{step.error !== undefined ? ", error" : ""}</summary>
                  <ValueBlock label="Inputs" value={step.inputs} maxLines={10} />
                  <ValueBlock label="Output" value={step.output} maxLines={10} />
                  {step.error !== undefined ? (
                    <ValueBlock label="Error" value={step.error} />
                  ) : null}
                </details>
                {step.runs && step.runs.length > 0 ? (
                  <ChildRuns runs={step.runs} depth={depth + 1} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChildRun({ run, depth }: { run: ChildRunLog; depth: number }) {
  const H = heading(depth);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  return (
    <section class="child-run" id={childAnchor(run.id)} aria-label={`Child run ${run.id}`}>
      <H>
        <a href={`#${childAnchor(run.id)}`}>{run.id}</a>{" "}
        <span class={`status status-${run.status}`}>{run.status}</span>
      </H>
      <p class="muted">
        {run.workflow} · started <time dateTime={run.started_at}>{formatTime(run.started_at)}</time>{" "}
        · {formatDuration(run.duration_ms)}
      </p>
      {run.error ? (
        <ValueBlock label={`Error (${run.error.phase})`} value={run.error.message} />
      ) : null}
      <details>
        <summary>Inputs and outputs</summary>
        <ValueList values={run.inputs} empty="No inputs." />
        <ValueList values={run.outputs} empty="No outputs." />
      </details>
      <WaterfallChart
        steps={run.steps}
        runStart={run.started_at}
        runEnd={run.completed_at}
        now={Date.parse(run.completed_at)}
        selected={selected}
        onSelect={setSelected}
      />
      <ChildSteps steps={run.steps} depth={depth} selected={selected} />
    </section>
  );
}

/** A `workflow` step's child runs (one per attempt, or per iteration for `each`). */
export function ChildRuns({ runs, depth = 0 }: { runs: readonly ChildRunLog[]; depth?: number }) {
  return (
    <div class="child-runs">
      <ul class="child-index">
        {runs.map((run) => (
          <li key={run.id}>
            <a href={`#${childAnchor(run.id)}`}>{run.id}</a> ({run.status})
          </li>
        ))}
      </ul>
      {runs.map((run) => (
        <ChildRun key={run.id} run={run} depth={depth} />
      ))}
    </div>
  );
}
