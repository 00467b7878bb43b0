// A structural JSON diff of expected and actual outputs, with paths (`outputs.items[2].title`).
import { isDeepStrictEqual } from "node:util";
import { child } from "../suite/_nodes.js";

/** One difference: a value that differs, a key or item that is missing, or one that is extra. */
export interface OutputDifference {
  /** Like `outputs.items[2].title`. */
  path: string;
  kind: "changed" | "missing" | "extra";
  expected?: unknown;
  actual?: unknown;
}

/** How to compare: `subset` lets objects hold keys the expectation does not name. */
export interface DiffOptions {
  match?: "exact" | "subset";
  /** Paths to leave out; `[*]` matches any index and `.*` any key. */
  ignore?: readonly string[];
}

function ignoredBy(patterns: readonly string[]): (path: string) => boolean {
  const regexes = patterns.map((p) => {
    const escaped = p
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replaceAll("\\[\\*\\]", "\\[\\d+\\]")
      .replaceAll("\\.\\*", "\\.[^.[]+");
    return new RegExp(`^${escaped}$`);
  });
  return (path) => regexes.some((r) => r.test(path));
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** The differences between `expected` and `actual` under `root` (default `outputs`), in path order. */
export function diffOutputs(
  expected: unknown,
  actual: unknown,
  options: DiffOptions = {},
  root = "outputs",
): OutputDifference[] {
  const out: OutputDifference[] = [];
  const ignored = ignoredBy(options.ignore ?? []);
  const subset = options.match === "subset";
  const walk = (e: unknown, a: unknown, at: string): void => {
    if (ignored(at)) return;
    if (isObject(e) && isObject(a)) {
      for (const key of Object.keys(e)) {
        const p = child(at, key);
        if (!Object.hasOwn(a, key)) {
          if (!ignored(p)) out.push({ path: p, kind: "missing", expected: e[key] });
        } else walk(e[key], a[key], p);
      }
      if (!subset)
        for (const key of Object.keys(a))
          if (!Object.hasOwn(e, key) && !ignored(child(at, key)))
            out.push({ path: child(at, key), kind: "extra", actual: a[key] });
      return;
    }
    if (Array.isArray(e) && Array.isArray(a)) {
      for (let i = 0; i < Math.max(e.length, a.length); i++) {
        const p = `${at}[${i}]`;
        if (ignored(p)) continue;
        if (i >= a.length) out.push({ path: p, kind: "missing", expected: e[i] });
        else if (i >= e.length) out.push({ path: p, kind: "extra", actual: a[i] });
        else walk(e[i], a[i], p);
      }
      return;
    }
    if (!isDeepStrictEqual(e, a)) out.push({ path: at, kind: "changed", expected: e, actual: a });
  };
  walk(expected, actual, root);
  return out;
}

/** A value as one short line of JSON. */
export function shortJson(value: unknown, max = 80): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One line per difference: `outputs.items[2].title: expected "a", got "b"`. */
export function formatDifference(d: OutputDifference): string {
  if (d.kind === "missing") return `${d.path}: missing (expected ${shortJson(d.expected)})`;
  if (d.kind === "extra") return `${d.path}: unexpected (got ${shortJson(d.actual)})`;
  return `${d.path}: expected ${shortJson(d.expected)}, got ${shortJson(d.actual)}`;
}
