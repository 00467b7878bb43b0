// "Compare with…": pick another run of the same workflow and open both side by side.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api, query, type Page, type RunSummary } from "../../api";
import { formatTime } from "../../format";
import { ErrorNote, useLoad } from "../../load";

/** A picker of the workflow's other recent runs that opens /compare. */
export function CompareWith({ runId, workflow }: { runId: string; workflow: string }) {
  const { route } = useLocation();
  const [other, setOther] = useState("");
  const runs = useLoad(
    (signal) =>
      api<Page<RunSummary>>(`/runs${query({ workflow, limit: 50 })}`, { signal }).then((page) =>
        page.items.filter((r) => r.id !== runId && !r.queued),
      ),
    [runId, workflow],
  );
  const choices = runs.data ?? [];
  const chosen = other !== "" ? other : (choices[0]?.id ?? "");
  return (
    <form
      class="compare-with"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen !== "") route(`/compare${query({ a: chosen, b: runId })}`);
      }}
    >
      <ErrorNote error={runs.error} />
      <label>
        Compare with another run of {workflow}
        <select
          value={chosen}
          onChange={(e) => setOther(e.currentTarget.value)}
          disabled={choices.length === 0}
        >
          {choices.length === 0 ? <option value="">no other runs</option> : null}
          {choices.map((r) => (
            <option key={r.id} value={r.id}>
              {formatTime(r.startedAt)} · {r.status} · {r.id.slice(0, 8)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={chosen === ""}>
        Compare
      </button>
    </form>
  );
}
