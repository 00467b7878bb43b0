// The expression AST: produced by `parseExpression`, read by the printer, validator and compiler.

/** Binary operators of the language (§4.3); `??` and `in` are [EXT]. */
export type BinaryOperator =
  "??" | "||" | "&&" | "==" | "!=" | ">" | ">=" | "<" | "<=" | "contains" | "in";

/** A node of a parsed expression. `pos` is the 0-based offset of the node's first character. */
export type Expr =
  | { kind: "literal"; value: string | number | boolean | null; pos: number }
  /** `$name`; `name` excludes the `$`. */
  | { kind: "reference"; name: string; pos: number }
  /** `object.name` (digit-only and keyword names allowed). */
  | { kind: "member"; object: Expr; name: string; pos: number }
  /** `object[index]`. */
  | { kind: "index"; object: Expr; index: Expr; pos: number }
  | { kind: "not"; operand: Expr; pos: number }
  | { kind: "binary"; operator: BinaryOperator; left: Expr; right: Expr; pos: number };

/** A template string split into literal text and `${…}` blocks (§4.10). */
export type TemplateSegment =
  | { kind: "text"; text: string }
  /** `source` is the block text with the leading `$` restored; `offset` is where `${` starts in the string. */
  | { kind: "block"; source: string; expr: Expr; offset: number };
