// The runs view's filters (carried in the address) and its search over the runs loaded.
import type { RunSummary } from "./api";
import { formatTrigger } from "./format";

/** The filters the address carries. */
export interface RunFilters {
  status?: string;
  workflow?: string;
  schedule?: string;
  since?: string;
  until?: string;
}

const FILTER_KEYS = ["status", "workflow", "schedule", "since", "until"] as const;

/** The filters of a query string (unknown keys ignored). */
export function filtersOf(search: Record<string, string | undefined>): RunFilters {
  const filters: RunFilters = {};
  for (const key of FILTER_KEYS) {
    const value = search[key];
    if (value !== undefined && value !== "") filters[key] = value;
  }
  return filters;
}

/** Whether a run matches the search text (workflow, id, trigger or status). */
export function matchesSearch(run: RunSummary, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === "") return true;
  return [run.workflow, run.id, formatTrigger(run.trigger), run.status].some((field) =>
    field.toLowerCase().includes(needle),
  );
}
