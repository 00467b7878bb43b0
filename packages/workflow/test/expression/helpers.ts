// Shared test helpers for the expression tests: position-free tree shapes and scopes.
import type { Expr } from "../../src/expression/ast.js";
import type { RuntimeContext } from "../../src/model/run-log.js";

/** A tree without `pos` fields, for comparing shapes. */
export function stripPos(expr: Expr): unknown {
  switch (expr.kind) {
    case "literal":
      return { kind: expr.kind, value: expr.value };
    case "reference":
      return { kind: expr.kind, name: expr.name };
    case "member":
      return { kind: expr.kind, object: stripPos(expr.object), name: expr.name };
    case "index":
      return { kind: expr.kind, object: stripPos(expr.object), index: stripPos(expr.index) };
    case "not":
      return { kind: expr.kind, operand: stripPos(expr.operand) };
    case "binary":
      return {
        kind: expr.kind,
        operator: expr.operator,
        left: stripPos(expr.left),
        right: stripPos(expr.right),
      };
  }
}

/** A scope with the given parts; `inputs` and `steps` default to empty mappings. */
export function scope(parts: Partial<RuntimeContext> = {}): RuntimeContext {
  return { inputs: {}, steps: {}, ...parts };
}
