// Naming runs on the command line: a full id or any prefix that names exactly one run.
import type { RunRow, RunStore } from "@skillflow/store";
import { CliError } from "../errors.js";

/** The full id of the run that `ref` names (an id or a unique prefix); UNKNOWN_RUN otherwise. */
export function resolveId(store: RunStore, ref: string, all: () => RunRow[]): string {
  if (store.get(ref) !== undefined) return ref;
  const matches = all().filter((r) => r.id.startsWith(ref));
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length > 1)
    throw new CliError(
      "AMBIGUOUS_RUN",
      `"${ref}" names ${matches.length} runs (${matches.map((m) => m.id.slice(0, 12)).join(", ")}); give more of the id`,
    );
  throw new CliError("UNKNOWN_RUN", `no run "${ref}" in the history (see skillflow runs list)`);
}

/** The full ids `refs` name, each once (see `resolveId`). */
export function resolveIds(store: RunStore, refs: readonly string[]): string[] {
  let rows: RunRow[] | undefined;
  const all = () => (rows ??= store.list());
  return [...new Set(refs.map((ref) => resolveId(store, ref, all)))];
}
