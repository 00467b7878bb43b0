// One run: its status, trigger, timing, inputs and outputs, pending approvals and actions, the
// waterfall of its steps with the selected step's values, its notifications; live while it runs.
import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import { api, query as queryString } from "../api";
import { formatDuration, formatTime, formatTrigger } from "../format";
import { useServiceEvents } from "../live";
import { ErrorNote, useLoad } from "../load";
import { isLive, type RunDetail } from "../run-detail";
import { RunActions } from "./run/actions";
import { CompareWith } from "./run/compare-with";
import { StepDetail } from "./run/step-detail";
import { ValueBlock, ValueList } from "./run/value-block";
import { WaterfallChart } from "./run/waterfall-chart";

/** Whether a service event is about this run or one of its child runs. */
function concerns(runId: string, eventRunId: string | undefined): boolean {
  return eventRunId === runId || (eventRunId?.startsWith(`${runId}/`) ?? false);
}

/** Keeps `now` ticking (for running bars) and reloads now and then while the run is live. */
function useLiveClock(live: boolean, reload: () => void): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!live) return;
    let ticks = 0;
    const timer = setInterval(() => {
      setNow(Date.now());
      // Events refresh the view; this is the fallback when the stream is down.
      if (++ticks % 5 === 0) reload();
    }, 1000);
    return () => clearInterval(timer);
  }, [live, reload]);
  return now;
}

function Facts({ run }: { run: RunDetail }) {
  return (
    <dl class="facts">
      <dt>Workflow</dt>
      <dd>{run.workflow}</dd>
      <dt>Trigger</dt>
      <dd>
        {formatTrigger(run.trigger)}
        {run.trigger.kind === "rerun" ? (
          <>
            {" of "}
            <a href={`/runs/${encodeURIComponent(run.trigger.of)}`}>{run.trigger.of}</a>
          </>
        ) : null}
      </dd>
      <dt>Started</dt>
      <dd>
        <time dateTime={run.startedAt}>{formatTime(run.startedAt)}</time>
      </dd>
      <dt>Duration</dt>
      <dd>{formatDuration(run.durationMs)}</dd>
      <dt>Steps</dt>
      <dd>
        {run.stepsExecuted} run, {run.stepsSkipped} skipped
        {run.totalSteps !== undefined ? ` of ${run.totalSteps}` : ""}
      </dd>
      <dt>Run id</dt>
      <dd>
        <code>{run.id}</code>
      </dd>
    </dl>
  );
}

function Pending({ run }: { run: RunDetail }) {
  if (!run.pending || run.pending.length === 0) return null;
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">Waiting for approval</h2>
      <ul>
        {run.pending.map((p) => (
          <li key={p.key}>
            <a
              href={`/runs/${encodeURIComponent(run.id)}?step=${encodeURIComponent(p.path[0] ?? p.stepId)}`}
            >
              {p.key}
            </a>
            : {p.message}
            {p.expires_at ? ` (until ${formatTime(p.expires_at)})` : ""}
          </li>
        ))}
      </ul>
      <p>
        <a href="/approvals">Decide in Approvals</a>
      </p>
    </section>
  );
}

function Notifications({ run }: { run: RunDetail }) {
  if (!run.notifications || run.notifications.length === 0) return null;
  return (
    <section aria-labelledby="notes-title">
      <h2 id="notes-title">Notifications</h2>
      <ul>
        {run.notifications.map((n, i) => (
          <li key={i}>
            {n.event} at {formatTime(n.at)} to {n.result.host ?? "?"}:{" "}
            {n.result.ok ? "sent" : `failed${n.result.error ? ` (${n.result.error.message})` : ""}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Decisions({ run }: { run: RunDetail }) {
  if (!run.decisions || run.decisions.length === 0) return null;
  return (
    <section aria-labelledby="decisions-title">
      <h2 id="decisions-title">Decisions</h2>
      <ul class="decisions">
        {run.decisions.map((d, i) => (
          <li key={i}>
            <strong>{d.approved ? "Approved" : "Rejected"}</strong> {d.key}
            {d.by === null ? "" : ` by ${d.by}`} at {formatTime(d.at)}
            {d.note === null ? null : <blockquote class="note">{d.note}</blockquote>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The run view at /runs/:id. */
export function RunView() {
  const { params, query } = useRoute();
  const { route } = useLocation();
  const id = params["id"] ?? "";
  // The selected step is in the address (`?step=`), so a link can point at it.
  const selected = query["step"];
  const select = (step: string) =>
    route(`/runs/${encodeURIComponent(id)}${queryString({ step })}`, true);
  const run = useLoad(
    (signal) => api<RunDetail>(`/runs/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useServiceEvents(
    (event) => {
      if (event.kind !== "resync" && !concerns(id, event.runId)) return;
      if (pending.current !== undefined) return;
      pending.current = setTimeout(() => {
        pending.current = undefined;
        run.reload();
      }, 300);
    },
    [id, run.reload],
  );
  const data = run.data?.id === id ? run.data : undefined;
  const live = data !== undefined && isLive(data.status);
  const now = useLiveClock(live, run.reload);
  const step = data?.steps.find((s) => s.id === selected);
  return (
    <section aria-labelledby="run-title" class="run-view">
      <p>
        <a href="/runs">← Runs</a>
      </p>
      <h1 id="run-title">
        Run of {data?.workflow ?? "…"}{" "}
        {data ? <span class={`status status-${data.status}`}>{data.status}</span> : null}
      </h1>
      <ErrorNote error={run.error} />
      <p class="live" aria-live="polite">
        {run.loading && data === undefined
          ? "Loading…"
          : live
            ? "Live: updates as the run goes on."
            : ""}
      </p>
      {data ? (
        <>
          <Facts run={data} />
          {data.error ? (
            <ValueBlock label={`Error (${data.error.phase})`} value={data.error.message} />
          ) : null}
          <RunActions run={data} onChanged={run.reload} />
          <Pending run={data} />
          <h2>Steps</h2>
          <div class={step ? "run-steps with-step" : "run-steps"}>
            <WaterfallChart
              steps={data.steps}
              runStart={data.startedAt}
              runEnd={data.completedAt}
              now={now}
              selected={selected}
              onSelect={select}
            />
            {step ? <StepDetail step={step} /> : null}
          </div>
          <div class="run-io">
            <section aria-labelledby="inputs-title">
              <h2 id="inputs-title">Inputs</h2>
              <ValueList values={data.inputs} empty="No inputs." />
            </section>
            <section aria-labelledby="outputs-title">
              <h2 id="outputs-title">Outputs</h2>
              <ValueList values={data.outputs} empty={live ? "Not finished yet." : "No outputs."} />
            </section>
          </div>
          <Decisions run={data} />
          <Notifications run={data} />
          <h2>Compare</h2>
          <CompareWith runId={data.id} workflow={data.workflow} />
        </>
      ) : null}
    </section>
  );
}
