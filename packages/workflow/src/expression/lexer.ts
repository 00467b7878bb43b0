// The expression lexer (§4.2): source text to tokens, with the §4.9 token type names and error texts.
import { LexError } from "./errors.js";
import { KEYWORD_OPERATORS, SYMBOL_OPERATORS, type OperatorTokenType } from "./operators.js";

/** Token type names (§4.9); operator names come from the operator table. */
export type TokenType =
  | OperatorTokenType
  | "DOLLAR_REF"
  | "DOT"
  | "IDENTIFIER"
  | "NUMBER"
  | "STRING"
  | "BOOLEAN"
  | "NULL"
  | "LPAREN"
  | "RPAREN"
  | "LBRACKET"
  | "RBRACKET"
  | "EOF";

/**
 * One token. `value` is what error messages show: the name without `$` for references, the unescaped
 * content for strings, the source text otherwise, `""` for EOF. `pos` is the 0-based start offset.
 */
export interface Token {
  type: TokenType;
  value: string;
  pos: number;
}

const PUNCTUATION: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ["(", "LPAREN"],
  [")", "RPAREN"],
  ["[", "LBRACKET"],
  ["]", "RBRACKET"],
  [".", "DOT"],
]);

const WORD_TOKENS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ["true", "BOOLEAN"],
  ["false", "BOOLEAN"],
  ["null", "NULL"],
  ...[...KEYWORD_OPERATORS].map(([word, spec]): [string, TokenType] => [word, spec.token]),
]);

/** Split an expression into tokens, ending with an `EOF` token; throws `LexError`. */
export function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < source.length) {
    const code = source.charCodeAt(pos);
    if (isWhitespace(code)) {
      pos++;
      continue;
    }
    const afterDot = tokens.length > 0 && tokens[tokens.length - 1]?.type === "DOT";
    const token = afterDot && isDigit(code) ? memberDigits(source, pos) : readToken(source, pos);
    tokens.push(token.token);
    pos = token.end;
  }
  tokens.push({ type: "EOF", value: "", pos });
  return tokens;
}

interface Read {
  token: Token;
  end: number;
}

function readToken(source: string, pos: number): Read {
  const code = source.charCodeAt(pos);
  const ch = source.charAt(pos);
  if (ch === "$") return reference(source, pos);
  if (ch === '"' || ch === "'") return string(source, pos);
  if (isDigit(code) || (ch === "-" && isDigit(source.charCodeAt(pos + 1)))) {
    return number(source, pos);
  }
  if (isWordStart(code)) return word(source, pos);
  const punctuation = PUNCTUATION.get(ch);
  if (punctuation !== undefined)
    return { token: { type: punctuation, value: ch, pos }, end: pos + 1 };
  for (const op of SYMBOL_OPERATORS) {
    if (source.startsWith(op.text, pos)) {
      return { token: { type: op.token, value: op.text, pos }, end: pos + op.text.length };
    }
  }
  const char = String.fromCodePoint(source.codePointAt(pos) ?? code);
  throw new LexError(`Unexpected character: ${char}`, pos);
}

function reference(source: string, start: number): Read {
  let end = start + 1;
  while (end < source.length && isReferenceChar(source.charCodeAt(end))) end++;
  if (end === start + 1) throw new LexError("Expected identifier after $", start);
  return { token: { type: "DOLLAR_REF", value: source.slice(start + 1, end), pos: start }, end };
}

function string(source: string, start: number): Read {
  const quote = source.charAt(start);
  let value = "";
  let pos = start + 1;
  while (pos < source.length) {
    const ch = source.charAt(pos);
    if (ch === quote) return { token: { type: "STRING", value, pos: start }, end: pos + 1 };
    // A backslash makes the next character literal; there are no escape sequences (§4.2).
    if (ch === "\\" && pos + 1 < source.length) pos++;
    value += source.charAt(pos);
    pos++;
  }
  throw new LexError("Unterminated string literal", start);
}

function number(source: string, start: number): Read {
  let end = source.charAt(start) === "-" ? start + 1 : start;
  end = skipDigits(source, end);
  if (source.charAt(end) === ".") end = skipDigits(source, end + 1);
  return { token: { type: "NUMBER", value: source.slice(start, end), pos: start }, end };
}

/** Directly after `.`, a run of digits is a member name, not a number (§4.2, [DEC K11]). */
function memberDigits(source: string, start: number): Read {
  const end = skipDigits(source, start);
  return { token: { type: "NUMBER", value: source.slice(start, end), pos: start }, end };
}

function word(source: string, start: number): Read {
  let end = start + 1;
  while (end < source.length && isWordChar(source.charCodeAt(end))) end++;
  const value = source.slice(start, end);
  const type = WORD_TOKENS.get(value) ?? "IDENTIFIER";
  return { token: { type, value, pos: start }, end };
}

function skipDigits(source: string, pos: number): number {
  let end = pos;
  while (end < source.length && isDigit(source.charCodeAt(end))) end++;
  return end;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isReferenceChar(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isWordStart(code: number): boolean {
  return isReferenceChar(code);
}

function isWordChar(code: number): boolean {
  return isReferenceChar(code) || isDigit(code);
}

/** JavaScript `\s`: ASCII whitespace, NBSP, BOM and the Unicode space separators and line breaks. */
function isWhitespace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
