// The run's steps on its time axis: one row per step (a button that selects it) with its bar,
// retry and iteration marks; steps that never started listed after them.
import { formatDuration } from "../../format";
import type { StoredStep } from "../../run-detail";
import { layoutWaterfall, type WaterfallBar } from "../../waterfall";

/** Positions an element from code (the CSP forbids style attributes, not CSSOM writes). */
function place(left: number, width: number) {
  return (el: HTMLElement | null) => {
    if (el === null) return;
    el.style.left = `${left}%`;
    el.style.width = `${width}%`;
  };
}

function barLabel(bar: WaterfallBar): string {
  const parts = [bar.id, bar.status, `started +${formatDuration(bar.offsetMs)}`];
  parts.push(
    bar.open ? `running for ${formatDuration(bar.durationMs)}` : formatDuration(bar.durationMs),
  );
  if (bar.retries > 0) parts.push(`${bar.retries} ${bar.retries === 1 ? "retry" : "retries"}`);
  if (bar.iterations > 0) parts.push(`${bar.iterations} iterations`);
  if (bar.lane > 0) parts.push(`ran alongside other steps (lane ${bar.lane + 1})`);
  return parts.join(", ");
}

/** Moves focus between the rows with the arrow keys, Home and End. */
function onRowKey(event: KeyboardEvent & { currentTarget: HTMLButtonElement }) {
  const keys: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
  const list = event.currentTarget.closest("ol");
  if (list === null) return;
  const rows = [...list.querySelectorAll<HTMLButtonElement>("button.wf-step")];
  const index = rows.indexOf(event.currentTarget);
  let next: number | undefined;
  if (event.key in keys) next = index + (keys[event.key] ?? 0);
  else if (event.key === "Home") next = 0;
  else if (event.key === "End") next = rows.length - 1;
  if (next === undefined) return;
  event.preventDefault();
  rows[Math.max(0, Math.min(rows.length - 1, next))]?.focus();
}

/** The waterfall of a run's steps. */
export function WaterfallChart({
  steps,
  runStart,
  runEnd,
  now,
  selected,
  onSelect,
}: {
  steps: readonly StoredStep[];
  runStart: string;
  runEnd: string | undefined;
  now: number;
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  const w = layoutWaterfall(steps, { runStart, ...(runEnd ? { runEnd } : {}), now });
  if (steps.length === 0) return <p class="muted">No steps recorded yet.</p>;
  return (
    <div class="waterfall">
      <p class="muted">
        {formatDuration(w.spanMs)} from the run's start
        {w.lanes > 1 ? `; up to ${w.lanes} steps ran at the same time` : ""}. Select a step to see
        its values (arrow keys move between steps).
      </p>
      <div class="wf-axis" aria-hidden="true">
        {w.ticks.map((t) => (
          <span key={t.at} ref={place(t.at, 0)} class="wf-tick">
            {formatDuration(t.offsetMs)}
          </span>
        ))}
      </div>
      <ol class="wf-rows">
        {w.bars.map((bar) => (
          <li key={bar.id} class={bar.id === selected ? "wf-row selected" : "wf-row"}>
            <button
              type="button"
              class="wf-step"
              aria-pressed={bar.id === selected}
              aria-label={barLabel(bar)}
              onClick={() => onSelect(bar.id)}
              onKeyDown={onRowKey}
            >
              <span class="wf-name">{bar.id}</span>
              <span class="wf-track" aria-hidden="true">
                <span
                  ref={place(bar.left, bar.width)}
                  class={`wf-bar bar-${bar.status}${bar.open ? " open" : ""}`}
                />
              </span>
              <span class="wf-meta" aria-hidden="true">
                {formatDuration(bar.durationMs)}
                {bar.open ? "…" : ""}
                {bar.retries > 0 ? <span class="wf-mark">↻ {bar.retries}</span> : null}
                {bar.iterations > 0 ? <span class="wf-mark">× {bar.iterations}</span> : null}
              </span>
            </button>
          </li>
        ))}
        {w.unstarted.map((s) => (
          <li key={s.id} class={s.id === selected ? "wf-row selected" : "wf-row"}>
            <button
              type="button"
              class="wf-step"
              aria-pressed={s.id === selected}
              aria-label={`${s.id}, ${s.status === "skipped" ? "skipped" : `${s.status}, not started`}`}
              onClick={() => onSelect(s.id)}
              onKeyDown={onRowKey}
            >
              <span class="wf-name">{s.id}</span>
              <span class="wf-track wf-none" aria-hidden="true">
                {s.status === "skipped" ? "skipped" : "not started"}
              </span>
              <span class="wf-meta" aria-hidden="true">
                —
              </span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
