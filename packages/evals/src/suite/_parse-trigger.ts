// Reads a suite's trigger set, in either of the two shapes authors write.
import { isSeq } from "yaml";
import type { TriggerSet } from "./types.js";
import type { At, Fields, Reader } from "./_nodes.js";

/**
 * The trigger set at `at`: `{ should_trigger: [...], should_not_trigger: [...] }`, or a list of
 * `{ query, should_trigger: boolean }` (the shape trigger-eval files use); undefined on errors.
 */
export function readTrigger(r: Reader, at: At): TriggerSet | undefined {
  const before = errorCount(r);
  const set = isSeq(at.node) ? fromQueries(r, at) : fromLists(r, at);
  return set && errorCount(r) === before ? set : undefined;
}

function errorCount(r: Reader): number {
  return r.diagnostics.filter((d) => d.severity === "error").length;
}

function fromLists(r: Reader, at: At): TriggerSet | undefined {
  const fields = r.map(at, "trigger (a mapping of should_trigger/should_not_trigger, or a list)");
  if (!fields) return undefined;
  r.unknownKeys(fields, ["should_trigger", "should_not_trigger"], "trigger");
  return {
    shouldTrigger: sentences(r, fields, "should_trigger"),
    shouldNotTrigger: sentences(r, fields, "should_not_trigger"),
  };
}

function sentences(r: Reader, fields: Fields, key: string): string[] {
  const at = fields.get(key);
  const items = (at && r.list(at, key)) ?? [];
  return items.flatMap((item) => r.string(item, "a task sentence") ?? []);
}

function fromQueries(r: Reader, at: At): TriggerSet {
  const set: TriggerSet = { shouldTrigger: [], shouldNotTrigger: [] };
  for (const item of r.list(at, "trigger") ?? []) {
    const fields = r.map(item, "a trigger query");
    if (!fields) continue;
    r.unknownKeys(fields, ["query", "should_trigger"], "trigger query");
    const queryAt = r.need(fields, "query", "query");
    const query = queryAt && r.string(queryAt, "query");
    const shouldAt = r.need(fields, "should_trigger", "should_trigger");
    const should = shouldAt && r.boolean(shouldAt, "should_trigger");
    if (query === undefined || should === undefined) continue;
    (should ? set.shouldTrigger : set.shouldNotTrigger).push(query);
  }
  return set;
}
