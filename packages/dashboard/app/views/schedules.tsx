// Schedules: each schedule's cron, next fire times and last run, with pause, resume and trigger now;
// the list follows schedule changes live.
import { useRef, useState } from "preact/hooks";
import { api, type RunStatus } from "../api";
import { formatTime } from "../format";
import { useServiceEvents } from "../live";
import { ErrorNote, errorText, useLoad } from "../load";
import { formatRelative } from "../when";

/** A schedule as `GET /schedules` lists it. */
export interface ScheduleInfo {
  name: string;
  workflow: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  paused: boolean;
  overlap: string;
  missed: string;
  /** The next fire times (ISO 8601); none when disabled or paused. */
  next: string[];
  lastRun?: { runId: string; status: RunStatus; startedAt: string };
}

type Action = "pause" | "resume" | "trigger";

function state(s: ScheduleInfo): string {
  if (!s.enabled) return "disabled";
  return s.paused ? "paused" : "active";
}

function NextTimes({ next }: { next: readonly string[] }) {
  if (next.length === 0) return <span class="muted">—</span>;
  const now = Date.now();
  return (
    <ul class="plain">
      {next.slice(0, 3).map((at) => (
        <li key={at}>
          <time dateTime={at} title={at}>
            {formatTime(at)}
          </time>{" "}
          <span class="muted">({formatRelative(at, now)})</span>
        </li>
      ))}
    </ul>
  );
}

function Row({ schedule, act }: { schedule: ScheduleInfo; act: (a: Action) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const run = (a: Action) => {
    setBusy(true);
    void act(a).finally(() => setBusy(false));
  };
  return (
    <tr>
      <th scope="row">{schedule.name}</th>
      <td>{schedule.workflow}</td>
      <td>
        <code>{schedule.cron}</code> <span class="muted">{schedule.timezone}</span>
      </td>
      <td>
        <span class={`status state-${state(schedule)}`}>{state(schedule)}</span>
      </td>
      <td>
        <NextTimes next={schedule.next} />
      </td>
      <td>
        {schedule.lastRun ? (
          <>
            <span class={`status status-${schedule.lastRun.status}`}>
              {schedule.lastRun.status}
            </span>{" "}
            <a href={`/runs/${encodeURIComponent(schedule.lastRun.runId)}`}>
              <time dateTime={schedule.lastRun.startedAt}>
                {formatTime(schedule.lastRun.startedAt)}
              </time>
            </a>
          </>
        ) : (
          <span class="muted">never ran</span>
        )}
      </td>
      <td>
        <div class="actions">
          {schedule.paused ? (
            <button type="button" disabled={busy} onClick={() => run("resume")}>
              Resume<span class="sr-only"> {schedule.name}</span>
            </button>
          ) : (
            <button type="button" disabled={busy || !schedule.enabled} onClick={() => run("pause")}>
              Pause<span class="sr-only"> {schedule.name}</span>
            </button>
          )}
          <button type="button" disabled={busy} onClick={() => run("trigger")}>
            Trigger now<span class="sr-only"> {schedule.name}</span>
          </button>
        </div>
      </td>
    </tr>
  );
}

/** The schedules view. */
export function SchedulesView() {
  const schedules = useLoad((signal) => api<ScheduleInfo[]>("/schedules", { signal }), []);
  const [note, setNote] = useState<{ ok: boolean; text: string; runId?: string } | undefined>();
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useServiceEvents(
    (event) => {
      // A schedule changed, or a run finished (a schedule's last run may have changed).
      const relevant =
        event.kind === "schedule_changed" ||
        event.kind === "resync" ||
        event.kind === "run_finished";
      if (!relevant || pending.current !== undefined) return;
      pending.current = setTimeout(() => {
        pending.current = undefined;
        schedules.reload();
      }, 300);
    },
    [schedules.reload],
  );
  const act = async (name: string, action: Action) => {
    const path = `/schedules/${encodeURIComponent(name)}/${action}`;
    try {
      if (action === "trigger") {
        const ref = await api<{ runId: string; status: RunStatus }>(path, {
          method: "POST",
          body: {},
        });
        setNote({ ok: true, text: `Started ${name}: run is ${ref.status}.`, runId: ref.runId });
      } else {
        await api<ScheduleInfo>(path, { method: "POST" });
        setNote({ ok: true, text: `${action === "pause" ? "Paused" : "Resumed"} ${name}.` });
      }
    } catch (error) {
      setNote({ ok: false, text: `${name}: ${errorText(error)}` });
    }
    schedules.reload();
  };
  const list = schedules.data ?? [];
  return (
    <section aria-labelledby="schedules-title">
      <h1 id="schedules-title">Schedules</h1>
      <ErrorNote error={schedules.error} />
      <p class={note?.ok === false ? "error" : "live"} aria-live="polite">
        {note?.text ?? ""}
        {note?.runId ? (
          <>
            {" "}
            <a href={`/runs/${encodeURIComponent(note.runId)}`}>Open the run</a>
          </>
        ) : null}
      </p>
      <p class="live">
        {schedules.loading && schedules.data === undefined
          ? "Loading…"
          : list.length === 0
            ? "No schedules: declare them under `schedules:` in skillflow.config.yaml."
            : `${list.length} schedules`}
      </p>
      {list.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Schedule</th>
                <th scope="col">Workflow</th>
                <th scope="col">Cron</th>
                <th scope="col">State</th>
                <th scope="col">Next</th>
                <th scope="col">Last run</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <Row key={s.name} schedule={s} act={(a) => act(s.name, a)} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
