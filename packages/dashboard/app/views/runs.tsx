// Runs: every run with its status, workflow, trigger, start and duration; filters in the address
// (so a filtered view can be shared), a search over what is loaded, and live updates.
import { useMemo, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api, query, type Page, type RunSummary } from "../api";
import { filtersOf, matchesSearch, type RunFilters } from "../runs-filter";
import { formatDuration, formatTime, formatTrigger, STATUSES } from "../format";
import { useServiceEvents } from "../live";
import { ErrorNote, useLoad } from "../load";

/** A datetime-local value as ISO 8601 (the API's `since`/`until`), or undefined. */
function isoOf(local: string): string | undefined {
  if (local === "") return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function Filters({ filters }: { filters: RunFilters }) {
  const { route } = useLocation();
  const apply = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? "");
    route(
      `/runs${query({
        status: text("status"),
        workflow: text("workflow"),
        schedule: text("schedule"),
        since: isoOf(text("since")),
        until: isoOf(text("until")),
      })}`,
    );
  };
  return (
    <form class="filters" onSubmit={apply} aria-label="Filter runs">
      <label>
        Status
        <select name="status" value={filters.status ?? ""}>
          <option value="">any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Workflow
        <input name="workflow" value={filters.workflow ?? ""} />
      </label>
      <label>
        Schedule
        <input name="schedule" value={filters.schedule ?? ""} />
      </label>
      <label>
        Since
        <input name="since" type="datetime-local" />
      </label>
      <label>
        Until
        <input name="until" type="datetime-local" />
      </label>
      <button type="submit">Apply</button>
      <a href="/runs">Clear</a>
    </form>
  );
}

/** The runs view. */
export function RunsView() {
  const { query: search } = useLocation();
  const filters = filtersOf(search);
  const key = JSON.stringify(filters);
  const [more, setMore] = useState<RunSummary[]>([]);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [text, setText] = useState("");
  const runs = useLoad(
    async (signal) => {
      const page = await api<Page<RunSummary>>(`/runs${query({ ...filters, limit: 50 })}`, {
        signal,
      });
      setMore([]);
      setNext(page.next);
      return page.items;
    },
    [key],
  );
  // Runs come and go while the view is open: fetch again, at most every half second.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useServiceEvents(() => {
    if (pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      runs.reload();
    }, 500);
  }, [runs.reload]);
  const loadMore = async () => {
    if (next === undefined) return;
    const page = await api<Page<RunSummary>>(
      `/runs${query({ ...filters, limit: 50, cursor: next })}`,
    );
    setMore((shown) => [...shown, ...page.items]);
    setNext(page.next);
  };
  const all = useMemo(() => [...(runs.data ?? []), ...more], [runs.data, more]);
  const shown = all.filter((run) => matchesSearch(run, text));
  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title">Runs</h1>
      <Filters filters={filters} />
      <label class="search">
        Search
        <input
          type="search"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          placeholder="workflow, run id, trigger"
        />
      </label>
      <ErrorNote error={runs.error} />
      <p class="live" aria-live="polite">
        {runs.loading && runs.data === undefined ? "Loading…" : `${shown.length} runs shown`}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Workflow</th>
              <th scope="col">Trigger</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Steps</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((run) => (
              <tr key={run.id}>
                <td>
                  <span class={`status status-${run.status}`}>{run.status}</span>
                </td>
                <td>
                  <a href={`/runs/${encodeURIComponent(run.id)}`}>{run.workflow}</a>
                </td>
                <td>{formatTrigger(run.trigger)}</td>
                <td>
                  <time dateTime={run.startedAt}>{formatTime(run.startedAt)}</time>
                </td>
                <td>{formatDuration(run.durationMs)}</td>
                <td>
                  {run.stepsExecuted}
                  {run.totalSteps !== undefined ? ` / ${run.totalSteps}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next !== undefined ? (
        <button type="button" onClick={() => void loadMore()}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
