// The selected step: its status, timing, retries and iterations, inputs, output and error, and the
// child runs of a `workflow` step.
import { formatDuration, formatTime } from "../../format";
import type { StoredStep } from "../../run-detail";
import { ChildRuns } from "./child-runs";
import { ValueBlock } from "./value-block";

/** One step's record in full. */
export function StepDetail({ step }: { step: StoredStep }) {
  return (
    <section class="step-detail" aria-labelledby="step-title">
      <h2 id="step-title" tabIndex={-1}>
        Step {step.id} <span class={`status status-${step.status}`}>{step.status}</span>
      </h2>
      <dl class="facts">
        <dt>Executor</dt>
        <dd>{step.executor ?? "—"}</dd>
        <dt>Started</dt>
        <dd>
          {step.started_at ? (
            <time dateTime={step.started_at}>{formatTime(step.started_at)}</time>
          ) : (
            "not started"
          )}
        </dd>
        <dt>Duration</dt>
        <dd>{formatDuration(step.duration_ms)}</dd>
        {step.reason !== undefined ? (
          <>
            <dt>Reason</dt>
            <dd>{step.reason}</dd>
          </>
        ) : null}
        {step.iterations !== undefined ? (
          <>
            <dt>Iterations</dt>
            <dd>{step.iterations}</dd>
          </>
        ) : null}
        {step.retries !== undefined ? (
          <>
            <dt>Attempts</dt>
            <dd>{step.retries.attempts}</dd>
          </>
        ) : null}
      </dl>
      {step.error !== undefined ? <ValueBlock label="Error" value={step.error} /> : null}
      <ValueBlock label="Inputs" value={step.inputs} />
      <ValueBlock label="Output" value={step.output} />
      {step.retries && step.retries.errors.length > 0 ? (
        <ValueBlock label="Errors of the failed attempts" value={step.retries.errors} />
      ) : null}
      {step.iteration_errors && step.iteration_errors.length > 0 ? (
        <ValueBlock label="Failed iterations" value={step.iteration_errors} />
      ) : null}
      {step.runs && step.runs.length > 0 ? (
        <>
          <h3>Sub-workflow runs</h3>
          <ChildRuns runs={step.runs} depth={1} />
        </>
      ) : null}
    </section>
  );
}
