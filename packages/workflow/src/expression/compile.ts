// The compiler: an `Expr` becomes nested closures, specialised per node shape, built once and run many times.
import type { RuntimeContext } from "../model/run-log.js";
import type { Expr } from "./ast.js";
import { EvalError } from "./errors.js";
import { UNARY_BY_TOKEN, binaryOperator, type BinaryOperatorSpec } from "./operators.js";
import { getIndex, getMember, toNumber } from "./values.js";

/** A compiled expression: evaluates against a scope; throws only `EvalError`. */
export type CompiledExpression = (scope: RuntimeContext) => unknown;

type Literal = string | number | boolean | null;

// One closure per root, shared by every expression, keeps call sites that read roots monomorphic.
const ROOTS: ReadonlyMap<string, CompiledExpression> = new Map<string, CompiledExpression>([
  ["inputs", (s) => s.inputs],
  ["steps", (s) => s.steps],
  ["item", (s) => s.item],
  ["index", (s) => s.index],
  ["result", (s) => s.result],
]);

const notSpec = UNARY_BY_TOKEN.get("NOT");

/** Compile an expression tree into a closure; unknown `$names` throw `EvalError` when evaluated. */
export function compileExpression(expr: Expr): CompiledExpression {
  switch (expr.kind) {
    case "literal":
      return constant(expr.value);
    case "reference":
      return ROOTS.get(expr.name) ?? unknownReference(expr.name);
    case "member":
      return compileMemberChain(expr);
    case "index":
      return compileIndex(expr.object, expr.index);
    case "not":
      return compileNot(compileExpression(expr.operand));
    case "binary":
      return compileBinary(binaryOperator(expr.operator), expr.left, expr.right);
  }
}

function constant(value: unknown): CompiledExpression {
  return () => value;
}

function unknownReference(name: string): CompiledExpression {
  const message = `Unknown reference: $${name}`;
  return () => {
    throw new EvalError(message);
  };
}

/** `$x.a.b.c` becomes one closure that reads the base once and walks the static names. */
function compileMemberChain(expr: Expr): CompiledExpression {
  const names: string[] = [];
  let base = expr;
  while (base.kind === "member") {
    names.push(base.name);
    base = base.object;
  }
  names.reverse();
  return memberPath(compileExpression(base), names);
}

function memberPath(base: CompiledExpression, names: readonly string[]): CompiledExpression {
  const [a = "", b = "", c = ""] = names;
  switch (names.length) {
    case 1:
      return (s) => getMember(base(s), a);
    case 2:
      return (s) => getMember(getMember(base(s), a), b);
    case 3:
      return (s) => getMember(getMember(getMember(base(s), a), b), c);
    default:
      return (s) => {
        let value = base(s);
        for (let i = 0; i < names.length; i++) value = getMember(value, names[i] as string);
        return value;
      };
  }
}

function compileIndex(objectExpr: Expr, indexExpr: Expr): CompiledExpression {
  const object = compileExpression(objectExpr);
  if (indexExpr.kind === "literal") {
    const key = indexExpr.value;
    // A literal string index is an own-property read, exactly like `.name` (§4.6 rule 3).
    if (typeof key === "string") return memberPath(object, [key]);
    return (s) => getIndex(object(s), key);
  }
  const index = compileExpression(indexExpr);
  return (s) => getIndex(object(s), index(s));
}

function compileNot(operand: CompiledExpression): CompiledExpression {
  if (notSpec === undefined) throw new Error("No operator row for NOT");
  const evaluate = notSpec.evaluate;
  return (s) => evaluate(operand(s));
}

function compileBinary(
  spec: BinaryOperatorSpec,
  leftExpr: Expr,
  rightExpr: Expr,
): CompiledExpression {
  const evaluate = spec.evaluate;
  const keepsLeft = spec.keepsLeft;
  const left = compileExpression(leftExpr);
  const right = compileExpression(rightExpr);
  if (keepsLeft !== undefined) {
    return (s) => {
      const value = left(s);
      return keepsLeft(value) ? value : evaluate(value, right(s));
    };
  }
  if (leftExpr.kind === "literal" && rightExpr.kind === "literal") {
    return constant(evaluate(leftExpr.value, rightExpr.value));
  }
  const compare = spec.compareNumbers;
  if (rightExpr.kind === "literal") {
    if (compare !== undefined) return numericConstantRight(compare, left, rightExpr.value);
    return withConstantRight(evaluate, left, rightExpr.value);
  }
  if (leftExpr.kind === "literal") {
    if (compare !== undefined) return numericConstantLeft(compare, leftExpr.value, right);
    return withConstantLeft(evaluate, leftExpr.value, right);
  }
  // Both operands are evaluated before the operator applies: `&&` and `||` do not short-circuit (§4.7).
  return (s) => evaluate(left(s), right(s));
}

function withConstantRight(
  evaluate: BinaryOperatorSpec["evaluate"],
  left: CompiledExpression,
  right: Literal,
): CompiledExpression {
  return (s) => evaluate(left(s), right);
}

function withConstantLeft(
  evaluate: BinaryOperatorSpec["evaluate"],
  left: Literal,
  right: CompiledExpression,
): CompiledExpression {
  return (s) => evaluate(left, right(s));
}

/** `$x.n >= 5`: the literal is converted once; a number operand skips the N conversion. */
function numericConstantRight(
  compare: (left: number, right: number) => boolean,
  left: CompiledExpression,
  right: Literal,
): CompiledExpression {
  const n = toNumber(right);
  return (s) => {
    const value = left(s);
    return compare(typeof value === "number" ? value : toNumber(value), n);
  };
}

function numericConstantLeft(
  compare: (left: number, right: number) => boolean,
  left: Literal,
  right: CompiledExpression,
): CompiledExpression {
  const n = toNumber(left);
  return (s) => {
    const value = right(s);
    return compare(n, typeof value === "number" ? value : toNumber(value));
  };
}
