// The canonical printer: an `Expr` back to source text that re-parses to the same tree (§4.3).
import type { Expr } from "./ast.js";
import { POSTFIX_LEVEL, UNARY_LEVEL, binaryOperator } from "./operators.js";

const REFERENCE_NAME = /^[A-Za-z_]+$/;
const MEMBER_NAME = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)$/;
/** A numeral the lexer reads as Infinity: it has no exponent notation. */
const INFINITY_TEXT = "2" + "0".repeat(308);

/**
 * Print an expression with single spaces around binary operators and only the parentheses the
 * precedence table requires. Throws `Error` for a tree the parser cannot produce (e.g. an accessor
 * on a literal, a member name with a space, NaN).
 */
export function printExpression(expr: Expr): string {
  switch (expr.kind) {
    case "literal":
      return printLiteral(expr.value);
    case "reference":
      if (!REFERENCE_NAME.test(expr.name)) throw unprintable(`reference name "${expr.name}"`);
      return `$${expr.name}`;
    case "member":
      if (!MEMBER_NAME.test(expr.name)) throw unprintable(`member name "${expr.name}"`);
      return `${printAccessed(expr.object)}.${expr.name}`;
    case "index":
      return `${printAccessed(expr.object)}[${printExpression(expr.index)}]`;
    case "not":
      return `!${printOperand(expr.operand, levelOf(expr.operand) < UNARY_LEVEL)}`;
    case "binary": {
      const spec = binaryOperator(expr.operator);
      const leftLevel = levelOf(expr.left);
      const wrapLeft =
        leftLevel < spec.level || (leftLevel === spec.level && spec.associativity !== "left");
      const left = printOperand(expr.left, wrapLeft);
      const right = printOperand(expr.right, levelOf(expr.right) <= spec.level);
      return `${left} ${spec.text} ${right}`;
    }
  }
}

/** Precedence level of a node's outermost construct. */
function levelOf(expr: Expr): number {
  if (expr.kind === "binary") return binaryOperator(expr.operator).level;
  return expr.kind === "not" ? UNARY_LEVEL : POSTFIX_LEVEL;
}

function printOperand(expr: Expr, parenthesise: boolean): string {
  const text = printExpression(expr);
  return parenthesise ? `(${text})` : text;
}

/** Accessors apply only to references and accessor chains (§4.3). */
function printAccessed(object: Expr): string {
  if (object.kind !== "reference" && object.kind !== "member" && object.kind !== "index") {
    throw unprintable(`accessor on a ${object.kind} node`);
  }
  return printExpression(object);
}

function printLiteral(value: string | number | boolean | null): string {
  if (typeof value === "string") return `"${value.replace(/[\\"]/g, "\\$&")}"`;
  if (typeof value === "number") return printNumber(value);
  return String(value);
}

/** Plain positional notation, since the lexer has no exponents; `-0` and ±Infinity survive. */
function printNumber(value: number): string {
  if (Number.isNaN(value)) throw unprintable("NaN literal");
  if (value === Infinity) return INFINITY_TEXT;
  if (value === -Infinity) return `-${INFINITY_TEXT}`;
  if (Object.is(value, -0)) return "-0";
  const text = String(Math.abs(value));
  const sign = value < 0 ? "-" : "";
  const e = text.indexOf("e");
  if (e < 0) return sign + text;
  const mantissa = text.slice(0, e);
  const exponent = Number(text.slice(e + 1));
  const digits = mantissa.replace(".", "");
  const intLength =
    (mantissa.indexOf(".") < 0 ? mantissa.length : mantissa.indexOf(".")) + exponent;
  if (intLength >= digits.length) return sign + digits + "0".repeat(intLength - digits.length);
  if (intLength <= 0) return `${sign}0.${"0".repeat(-intLength)}${digits}`;
  return `${sign}${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
}

function unprintable(what: string): Error {
  return new Error(`Cannot print expression: ${what} cannot be parsed back`);
}
