// The expression parser (§4.3, §4.4): tokens to an `Expr`, precedence read from the operator table.
import type { Expr } from "./ast.js";
import { ExpressionDepthError, ParseExprError } from "./errors.js";
import { lex, type Token, type TokenType } from "./lexer.js";
import {
  BINARY_BY_TOKEN,
  HIGHEST_BINARY_LEVEL,
  LOWEST_LEVEL,
  UNARY_BY_TOKEN,
} from "./operators.js";

/** Options of `parseExpression`. */
export interface ParseExpressionOptions {
  /** Deepest nesting accepted (parentheses, `!`, accessors, operators); default 64. */
  maxDepth?: number;
}

/** Default nesting limit of `parseExpression`. */
export const DEFAULT_MAX_DEPTH = 64;

/** Token types accepted as a member name after `.` ([DEC K11]: keywords and digits too). */
const MEMBER_TOKENS: ReadonlySet<TokenType> = new Set<TokenType>([
  "IDENTIFIER",
  "BOOLEAN",
  "NULL",
  "DOLLAR_REF",
  ...[...BINARY_BY_TOKEN.values()].filter((o) => /^[A-Za-z_]/.test(o.text)).map((o) => o.token),
]);

/** Parse one expression; the whole input must be consumed. Throws `LexError` or `ParseExprError`. */
export function parseExpression(source: string, options: ParseExpressionOptions = {}): Expr {
  return new Parser(lex(source), options.maxDepth ?? DEFAULT_MAX_DEPTH).parse();
}

/**
 * A parsed subtree with its nesting `height` (each parenthesis, `!`, accessor and operator is one
 * level) and `start`, the offset of its first character including any opening parenthesis.
 */
interface Parsed {
  expr: Expr;
  height: number;
  start: number;
}

class Parser {
  private index = 0;
  /** Open parentheses, `!` and `[` around the current token: bounds the recursion. */
  private nesting = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly maxDepth: number,
  ) {}

  parse(): Expr {
    const { expr } = this.binary(LOWEST_LEVEL);
    const token = this.peek();
    if (token.type !== "EOF") {
      throw new ParseExprError(`Unexpected token after expression: ${describe(token)}`, token.pos);
    }
    return expr;
  }

  private binary(level: number): Parsed {
    if (level > HIGHEST_BINARY_LEVEL) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      const spec = BINARY_BY_TOKEN.get(token.type);
      if (spec === undefined || spec.level !== level) return left;
      this.index++;
      const right = this.binary(level + 1);
      const expr: Expr = {
        kind: "binary",
        operator: spec.text,
        left: left.expr,
        right: right.expr,
        pos: left.start,
      };
      left = this.node(expr, Math.max(left.height, right.height), left.start, token);
      // Non-associative levels take one operator; a second one is left over and reported.
      if (spec.associativity === "none") return left;
    }
  }

  private unary(): Parsed {
    const token = this.peek();
    if (!UNARY_BY_TOKEN.has(token.type)) return this.primary();
    this.index++;
    this.enter(token);
    const operand = this.unary();
    this.nesting--;
    return this.node(
      { kind: "not", operand: operand.expr, pos: token.pos },
      operand.height,
      token.pos,
      token,
    );
  }

  private primary(): Parsed {
    const token = this.next();
    switch (token.type) {
      case "DOLLAR_REF":
        return this.accessors({
          expr: { kind: "reference", name: token.value, pos: token.pos },
          height: 0,
          start: token.pos,
        });
      case "NUMBER":
        return leaf(Number(token.value), token.pos);
      case "STRING":
        return leaf(token.value, token.pos);
      case "BOOLEAN":
        return leaf(token.value === "true", token.pos);
      case "NULL":
        return leaf(null, token.pos);
      case "LPAREN":
        return this.group(token);
      default:
        throw new ParseExprError(`Unexpected token: ${describe(token)}`, token.pos);
    }
  }

  private group(open: Token): Parsed {
    this.enter(open);
    const inner = this.binary(LOWEST_LEVEL);
    this.expect("RPAREN");
    this.nesting--;
    if (inner.height + 1 > this.maxDepth) throw new ExpressionDepthError(this.maxDepth, open.pos);
    return { expr: inner.expr, height: inner.height + 1, start: open.pos };
  }

  /** `{ "." member | "[" expression "]" }` after a reference; accessors follow only references. */
  private accessors(base: Parsed): Parsed {
    let current = base;
    for (;;) {
      const token = this.peek();
      if (token.type === "DOT") {
        this.index++;
        const name = this.memberName();
        const expr: Expr = { kind: "member", object: current.expr, name, pos: current.start };
        current = this.node(expr, current.height, current.start, token);
      } else if (token.type === "LBRACKET") {
        this.index++;
        this.enter(token);
        const index = this.binary(LOWEST_LEVEL);
        this.expect("RBRACKET");
        this.nesting--;
        const expr: Expr = {
          kind: "index",
          object: current.expr,
          index: index.expr,
          pos: current.start,
        };
        current = this.node(expr, Math.max(current.height, index.height), current.start, token);
      } else {
        return current;
      }
    }
  }

  private memberName(): string {
    const token = this.next();
    if (
      MEMBER_TOKENS.has(token.type) ||
      (token.type === "NUMBER" && /^[0-9]+$/.test(token.value))
    ) {
      return token.value;
    }
    throw new ParseExprError(`Expected property name after '.', got ${token.type}`, token.pos);
  }

  /** Wrap up a node one level above `childHeight`, enforcing the nesting limit at `at`. */
  private node(expr: Expr, childHeight: number, start: number, at: Token): Parsed {
    const height = childHeight + 1;
    if (height > this.maxDepth) throw new ExpressionDepthError(this.maxDepth, at.pos);
    return { expr, height, start };
  }

  private enter(token: Token): void {
    this.nesting++;
    if (this.nesting > this.maxDepth) throw new ExpressionDepthError(this.maxDepth, token.pos);
  }

  private expect(type: TokenType): Token {
    const token = this.peek();
    if (token.type !== type) {
      throw new ParseExprError(`Expected ${type} but got ${describe(token)}`, token.pos);
    }
    this.index++;
    return token;
  }

  private peek(): Token {
    // The token list always ends with EOF and the parser never moves past it.
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== "EOF") this.index++;
    return token;
  }
}

function leaf(value: string | number | boolean | null, pos: number): Parsed {
  return { expr: { kind: "literal", value, pos }, height: 0, start: pos };
}

function describe(token: Token): string {
  return `${token.type} ("${token.value}")`;
}
