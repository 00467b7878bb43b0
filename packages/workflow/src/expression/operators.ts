// The operator table (§4.4, §4.7): one row per operator, read by the lexer, parser, printer and compiler.
import type { BinaryOperator } from "./ast.js";
import { containsOp, inOp, isTruthy, looseEquals, toNumber } from "./values.js";

/** How operators of one precedence level group: `left` chains, `none` allows one per level. */
export type Associativity = "left" | "none" | "right";

/** A binary operator row. `text` is both its spelling and its AST `operator`. */
export interface BinaryOperatorSpec<Token extends string = OperatorTokenType> {
  readonly arity: 2;
  readonly token: Token;
  readonly text: BinaryOperator;
  /** Precedence level, loosest first (§4.4). */
  readonly level: number;
  readonly associativity: "left" | "none";
  /** Result from both operand values. */
  readonly evaluate: (left: unknown, right: unknown) => unknown;
  /** Short-circuit: when this holds for the left value it is the result and the right is never evaluated. */
  readonly keepsLeft?: (left: unknown) => boolean;
  /** Relational operators: the comparison applied after converting both operands with N (§4.7). */
  readonly compareNumbers?: (left: number, right: number) => boolean;
}

/** A prefix operator row. */
export interface UnaryOperatorSpec<Token extends string = OperatorTokenType> {
  readonly arity: 1;
  readonly token: Token;
  readonly text: string;
  readonly level: number;
  readonly associativity: "right";
  readonly evaluate: (operand: unknown) => unknown;
}

/** A row of the operator table. */
export type OperatorSpec<Token extends string = OperatorTokenType> =
  BinaryOperatorSpec<Token> | UnaryOperatorSpec<Token>;

/** Every operator of the language. Word-shaped texts (`contains`, `in`) are keywords. */
export const OPERATORS = [
  binary(
    "COALESCE",
    "??",
    1,
    "left",
    (l, r) => l ?? r,
    (l) => l !== null && l !== undefined,
  ),
  binary("OR", "||", 2, "left", (l, r) => isTruthy(l) || isTruthy(r)),
  binary("AND", "&&", 3, "left", (l, r) => isTruthy(l) && isTruthy(r)),
  binary("EQ", "==", 4, "none", looseEquals),
  binary("NEQ", "!=", 4, "none", (l, r) => !looseEquals(l, r)),
  relational("GT", ">", (a, b) => a > b),
  relational("GTE", ">=", (a, b) => a >= b),
  relational("LT", "<", (a, b) => a < b),
  relational("LTE", "<=", (a, b) => a <= b),
  binary("CONTAINS", "contains", 4, "none", containsOp),
  binary("IN", "in", 4, "none", inOp),
  {
    arity: 1,
    token: "NOT",
    text: "!",
    level: 5,
    associativity: "right",
    evaluate: (v) => !isTruthy(v),
  },
] as const satisfies readonly OperatorSpec<string>[];

/** Token type names contributed by the operator table (e.g. `EQ`, `COALESCE`). */
export type OperatorTokenType = (typeof OPERATORS)[number]["token"];

const rows: readonly OperatorSpec[] = OPERATORS;
const binaryRows = rows.filter((o): o is BinaryOperatorSpec => o.arity === 2);
const unaryRows = rows.filter((o): o is UnaryOperatorSpec => o.arity === 1);

/** Loosest binary level (where parsing an expression starts). */
export const LOWEST_LEVEL = Math.min(...binaryRows.map((o) => o.level));
/** Tightest binary level. */
export const HIGHEST_BINARY_LEVEL = Math.max(...binaryRows.map((o) => o.level));
/** Precedence level of prefix operators; every binary level is looser. */
export const UNARY_LEVEL = Math.min(...unaryRows.map((o) => o.level));
/** Precedence level of accessors and primaries: binds tighter than any operator. */
export const POSTFIX_LEVEL = UNARY_LEVEL + 1;

/** Binary operators by token type. */
export const BINARY_BY_TOKEN: ReadonlyMap<string, BinaryOperatorSpec> = new Map(
  binaryRows.map((o) => [o.token, o]),
);
/** Binary operators by AST operator. */
export const BINARY_BY_OPERATOR: ReadonlyMap<BinaryOperator, BinaryOperatorSpec> = new Map(
  binaryRows.map((o) => [o.text, o]),
);
/** Prefix operators by token type. */
export const UNARY_BY_TOKEN: ReadonlyMap<string, UnaryOperatorSpec> = new Map(
  unaryRows.map((o) => [o.token, o]),
);
/** Symbolic operators, longest text first, so the lexer matches `>=` before `>`. */
export const SYMBOL_OPERATORS: readonly OperatorSpec[] = rows
  .filter((o) => !/^[A-Za-z_]/.test(o.text))
  .sort((a, b) => b.text.length - a.text.length);
/** Keyword operators (`contains`, `in`) by their word. */
export const KEYWORD_OPERATORS: ReadonlyMap<string, OperatorSpec> = new Map(
  rows.filter((o) => /^[A-Za-z_]/.test(o.text)).map((o) => [o.text, o]),
);

/** The row of a binary AST operator; every `BinaryOperator` has one. */
export function binaryOperator(operator: BinaryOperator): BinaryOperatorSpec {
  const spec = BINARY_BY_OPERATOR.get(operator);
  if (spec === undefined) throw new Error(`No operator row for "${operator}"`);
  return spec;
}

function binary<T extends string>(
  token: T,
  text: BinaryOperator,
  level: number,
  associativity: "left" | "none",
  evaluate: (left: unknown, right: unknown) => unknown,
  keepsLeft?: (left: unknown) => boolean,
) {
  const row = { arity: 2 as const, token, text, level, associativity, evaluate };
  return keepsLeft === undefined ? row : { ...row, keepsLeft };
}

/** A level-4 row comparing N(left) and N(right) numerically; NaN makes every comparison false. */
function relational<T extends string>(
  token: T,
  text: BinaryOperator,
  compareNumbers: (left: number, right: number) => boolean,
) {
  const evaluate = (left: unknown, right: unknown) =>
    compareNumbers(toNumber(left), toNumber(right));
  return { ...binary(token, text, 4, "none", evaluate), compareNumbers };
}
