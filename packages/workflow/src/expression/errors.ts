// The error classes of the expression language (§4.9): lexing, parsing, nesting depth and evaluation.

/** A character sequence that is not a token; `position` is the 0-based offset of the offending character. */
export class LexError extends Error {
  /** Diagnostic code the validator reports for this error (§12 D2). */
  readonly code = "EXPRESSION_SYNTAX";

  constructor(
    message: string,
    /** 0-based offset in the source text. */
    readonly position: number,
  ) {
    super(message);
    this.name = "LexError";
  }
}

/** A token sequence that does not match the grammar; `position` is the offset of the offending token. */
export class ParseExprError extends Error {
  /** Diagnostic code the validator reports for this error (§12 D2). */
  readonly code: "EXPRESSION_SYNTAX" | "EXPRESSION_TOO_DEEP" = "EXPRESSION_SYNTAX";

  constructor(
    message: string,
    /** 0-based offset in the source text. */
    readonly position: number,
  ) {
    super(message);
    this.name = "ParseExprError";
  }
}

/** An expression nested deeper than the parser's limit; raised instead of exhausting the stack. */
export class ExpressionDepthError extends ParseExprError {
  override readonly code = "EXPRESSION_TOO_DEEP";

  constructor(
    /** The nesting limit that was exceeded. */
    readonly limit: number,
    position: number,
  ) {
    super(`Expression is nested too deeply (limit ${limit})`, position);
  }
}

/** A failure while evaluating a compiled expression, e.g. `Unknown reference: $name`. */
export class EvalError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "EvalError";
  }
}
