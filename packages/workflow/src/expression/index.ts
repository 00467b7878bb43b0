// Public surface of the expression language: lexer, parser, printer, compiler, templates and helpers.
export type { BinaryOperator, Expr, TemplateSegment } from "./ast.js";
export { EvalError, ExpressionDepthError, LexError, ParseExprError } from "./errors.js";
export { lex, type Token, type TokenType } from "./lexer.js";
export { DEFAULT_MAX_DEPTH, parseExpression, type ParseExpressionOptions } from "./parser.js";
export { printExpression } from "./print.js";
export { compileExpression, type CompiledExpression } from "./compile.js";
export { compileTemplate, containsTemplate, parseTemplate } from "./template.js";
export { collectReferences, type ReferenceUse } from "./references.js";
export {
  ExpressionCache,
  type CachedExpression,
  type CachedTemplate,
  type ExpressionSyntaxError,
} from "./cache.js";
export { resolveExpression, resolveTemplate } from "./resolve.js";
export {
  containsOp,
  getIndex,
  getMember,
  inOp,
  isHostTruthy,
  isTruthy,
  looseEquals,
  stringify,
  toNumber,
  toText,
} from "./values.js";
export {
  OPERATORS,
  type Associativity,
  type BinaryOperatorSpec,
  type OperatorSpec,
  type UnaryOperatorSpec,
} from "./operators.js";
