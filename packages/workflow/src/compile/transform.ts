// Compiles transform steps (§3.6) into array → array closures evaluated with a reused scope.
import type { RuntimeContext } from "../model/run-log.js";
import type { TransformStep } from "../model/schema.js";
import type { ExpressionCache } from "../expression/cache.js";
import { compileExpressionText, compileMapExpression } from "./values.js";

/** Runs a transform over `items`; `scope` is the step scope, reused for `$item`/`$index`. */
export type TransformFn = (items: readonly unknown[], scope: RuntimeContext) => unknown[];

function compileFilter(cache: ExpressionCache, where: string): TransformFn {
  const test = compileExpressionText(cache, where);
  return (items, scope) => {
    const out: unknown[] = [];
    const n = items.length;
    for (let i = 0; i < n; i++) {
      const item = items[i];
      scope.item = item;
      scope.index = i;
      if (test(scope)) out.push(item);
    }
    return out;
  };
}

function compileMap(cache: ExpressionCache, expression: Record<string, unknown>): TransformFn {
  const build = compileMapExpression(cache, expression);
  return (items, scope) => {
    const n = items.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      scope.item = items[i];
      scope.index = i;
      out[i] = build(scope);
    }
    return out;
  };
}

/** Reads one own property of an object or list; anything else yields absent. */
function readOwn(base: unknown, key: string): unknown {
  if (base !== null && typeof base === "object" && Object.hasOwn(base, key)) {
    return (base as Record<string, unknown>)[key];
  }
  return undefined;
}

/** A getter for a dot path such as `a.b.c`. */
export function compilePathGetter(field: string): (value: unknown) => unknown {
  const segments = field.split(".");
  if (segments.length === 1) return (value) => readOwn(value, field);
  return (value) => {
    let current = value;
    for (const segment of segments) {
      current = readOwn(current, segment);
      if (current === undefined) return undefined;
    }
    return current;
  };
}

/** The §3.6 comparator on two sort keys: null/absent sink to the end in both directions, else JS relational order. */
export function compareKeys(x: unknown, y: unknown, descending: boolean): number {
  if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
  if (y === null || y === undefined) return -1;
  if ((x as number) < (y as number)) return descending ? 1 : -1;
  if ((x as number) > (y as number)) return descending ? -1 : 1;
  return 0;
}

/** The §3.6 comparator on two elements, reading each element's key at `field`. */
export function compileComparator(
  field: string,
  descending: boolean,
): (a: unknown, b: unknown) => number {
  const key = compilePathGetter(field);
  return (a, b) => compareKeys(key(a), key(b), descending);
}

/**
 * Sorts with the built-in sort and exactly the §3.6 comparator, applied to keys read once per element:
 * an index array is sorted by its elements' keys, so the sort sees the same comparison results in the
 * same order as sorting the elements themselves (identical, stable result). When every key is a
 * number, `a - b` has the comparator's sign (NaN and Infinity − Infinity read as equal, as `<`/`>` do).
 */
function compileSort(field: string, direction: "asc" | "desc" | undefined): TransformFn {
  const key = compilePathGetter(field);
  const descending = direction === "desc";
  return (items) => {
    const n = items.length;
    const keys = new Array<unknown>(n);
    const order = new Array<number>(n);
    let numeric = true;
    for (let i = 0; i < n; i++) {
      const k = key(items[i]);
      keys[i] = k;
      order[i] = i;
      if (typeof k !== "number") numeric = false;
    }
    const nums = keys as number[];
    if (!numeric) order.sort((a, b) => compareKeys(keys[a], keys[b], descending));
    else if (descending) order.sort((a, b) => nums[b]! - nums[a]!);
    else order.sort((a, b) => nums[a]! - nums[b]!);
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = items[order[i]!];
    return out;
  };
}

/** Compiles the operation of a transform step. */
export function compileTransform(cache: ExpressionCache, step: TransformStep): TransformFn {
  switch (step.operation) {
    case "filter":
      return compileFilter(cache, step.where);
    case "map":
      return compileMap(cache, step.expression);
    case "sort":
      return compileSort(step.field, step.direction);
  }
}
