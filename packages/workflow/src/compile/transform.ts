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

/** The §3.6 comparator: null/absent sink to the end in both directions, else JS relational order. */
export function compileComparator(
  field: string,
  descending: boolean,
): (a: unknown, b: unknown) => number {
  const key = compilePathGetter(field);
  const less = descending ? 1 : -1;
  return (a, b) => {
    const x = key(a) as number;
    const y = key(b) as number;
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    if (x < y) return less;
    if (x > y) return -less;
    return 0;
  };
}

function compileSort(field: string, direction: "asc" | "desc" | undefined): TransformFn {
  const compare = compileComparator(field, direction === "desc");
  return (items) => items.slice().sort(compare);
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
