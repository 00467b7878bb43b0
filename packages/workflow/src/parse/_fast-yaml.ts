// Fast path for the YAML subset of workflow documents: `yaml`'s exact value, or undefined.

const LF = 10;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const AMP = 38;
const SQUOTE = 39;
const STAR = 42;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const GT = 62;
const QMARK = 63;
const AT = 64;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const BACKTICK = 96;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

/** Deepest collection nesting handled; deeper documents go to the slow path and its own limit. */
const MAX_DEPTH = 64;
/** Longest implicit key handled (`yaml` rejects keys whose `:` is more than 1024 characters on). */
const MAX_KEY_LENGTH = 1000;

/** Thrown when the text leaves the supported subset; never escapes `fastParseYaml`. */
const BAIL = new Error("fast-yaml: outside the supported subset");

/** The YAML 1.2 core schema tests of `yaml`, copied so that resolution is identical. */
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const HEX_DIGITS = /^[0-9a-fA-F]+$/;
/** Control characters but LF (tabs and CR among them), BOM and non-characters: left to `yaml`. */
const UNSAFE_CHAR = /[^\n\P{Cc}]|[\ufeff\ufffe\uffff]/u;

/** ASCII codes at which a block plain scalar scan must look closer (LF, space, `:`). */
const BLOCK_STOP = 1;
/** ASCII codes at which a flow plain scalar scan must look closer (also `,[]{}`). */
const FLOW_STOP = 2;
const STOPS = new Uint8Array(128);
for (const c of [LF, SPACE, COLON]) STOPS[c] = BLOCK_STOP | FLOW_STOP;
for (const c of [COMMA, LBRACKET, RBRACKET, LBRACE, RBRACE]) STOPS[c] = FLOW_STOP;

/** Slots of the per-document cache of mapping keys (a power of two). */
const KEY_SLOTS = 256;

/**
 * Parses `text` when it lies in the YAML subset workflow documents use (block and one-line flow
 * collections, plain and quoted one-line scalars, `|`/`>` block scalars with clip or strip chomping,
 * comments) and returns exactly the value `yaml` would (`parseDocument` with the options of
 * yaml.ts: 1.2 core schema, unique string keys, then `toJS()`). Returns undefined for anything else,
 * including every error, so the caller falls back to `yaml`, which reports located diagnostics.
 */
export function fastParseYaml(text: string): { value: unknown } | undefined {
  if (UNSAFE_CHAR.test(text)) return undefined;
  try {
    return { value: new Reader(text).document() };
  } catch {
    return undefined;
  }
}

/** Space or line feed (tabs and CR never reach the reader). */
function isBlank(c: number): boolean {
  return c === SPACE || c === LF;
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/** Whether `c` (followed by `next`, -1 at the end) may start a plain scalar handled here. */
function isPlainStart(c: number, next: number, flow: boolean): boolean {
  switch (c) {
    case SPACE:
    case LF:
    case BANG:
    case DQUOTE:
    case HASH:
    case PERCENT:
    case AMP:
    case SQUOTE:
    case STAR:
    case COMMA:
    case GT:
    case AT:
    case LBRACKET:
    case RBRACKET:
    case BACKTICK:
    case LBRACE:
    case PIPE:
    case RBRACE:
      return false;
    case DASH:
      return next !== -1 && !isBlank(next) && !(flow && isFlowIndicator(next));
    case QMARK:
    case COLON:
      // `?x` and `:x` are plain in block context; in flow context `:` may be a value indicator.
      return !flow && next !== -1 && !isBlank(next);
    default:
      return true;
  }
}

/** A plain scalar's value under the core schema, tested in `yaml`'s tag order. */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 43 || c === DASH || c === DOT) return resolveNumber(s);
  if (s.length > 5) return s;
  switch (s) {
    case "~":
    case "null":
    case "Null":
    case "NULL":
      return null;
    case "true":
    case "True":
    case "TRUE":
      return true;
    case "false":
    case "False":
    case "FALSE":
      return false;
    default:
      return s;
  }
}

/** Numbers exactly as `yaml`'s core tags compute them (same regexps, same parse calls). */
function resolveNumber(s: string): unknown {
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) {
    if (s.slice(-3).toLowerCase() === "nan") return NaN;
    return s[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** A double-quoted escape other than \x, \u and \U. */
function simpleEscape(c: number): string {
  switch (String.fromCharCode(c)) {
    case "0":
      return "\0";
    case "a":
      return "\x07";
    case "b":
      return "\b";
    case "e":
      return "\x1b";
    case "f":
      return "\f";
    case "n":
      return "\n";
    case "r":
      return "\r";
    case "t":
      return "\t";
    case "v":
      return "\v";
    case "N":
      return "\u0085";
    case "_":
      return "\u00a0";
    case "L":
      return "\u2028";
    case "P":
      return "\u2029";
    case " ":
    case '"':
    case "/":
    case "\\":
      return String.fromCharCode(c);
    default:
      throw BAIL;
  }
}

/** `\x`, `\u` or `\U` with `hex` digits as `yaml` decodes it; bails where `yaml` errs. */
function hexEscape(hex: string, width: number): string {
  if (hex.length !== width || !HEX_DIGITS.test(hex)) throw BAIL;
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) throw BAIL;
  return String.fromCodePoint(code);
}

/** Folds the lines of a `>` block scalar (no more-indented lines) as `yaml` does. */
function fold(lines: readonly string[]): string {
  let value = "";
  let sep = "";
  for (const line of lines) {
    if (line === "") {
      if (sep === "\n") value += "\n";
      else sep = "\n";
    } else {
      value += sep + line;
      sep = " ";
    }
  }
  return value;
}

/**
 * A single pass over the text. Block structure is driven by `indent`, the indentation of the
 * current content line (-1 at the end of the text); `pos` is the reading position.
 */
class Reader {
  private readonly len: number;
  private pos = 0;
  private lineStart = 0;
  private indent = 0;
  private depth = 0;
  /** End (exclusive, trailing spaces excluded) of the plain scalar scanned last. */
  private plainEnd = 0;
  /** Keys read so far, by a cheap hash: a repeated key reuses one (engine-interned) string. */
  private readonly keys: (string | undefined)[] = new Array<string | undefined>(KEY_SLOTS);

  constructor(private readonly src: string) {
    this.len = src.length;
  }

  /** The whole text: one node, or null when there is only whitespace and comments. */
  document(): unknown {
    this.skipToContent(0);
    if (this.indent < 0) return null;
    const value = this.node(this.indent, -1, false);
    if (this.indent !== -1) throw BAIL;
    return value;
  }

  /** The key `src[start, end)`, taken from the key cache when it was seen before. */
  private keyAt(start: number, end: number): string {
    const { src } = this;
    const length = end - start;
    const hash = length * 961 + src.charCodeAt(start) * 31 + src.charCodeAt(end - 1);
    const slot = hash & (KEY_SLOTS - 1);
    const cached = this.keys[slot];
    if (cached !== undefined && cached.length === length && src.startsWith(cached, start)) {
      return cached;
    }
    const key = src.slice(start, end);
    this.keys[slot] = key;
    return key;
  }

  private at(i: number): number {
    return i < this.len ? this.src.charCodeAt(i) : -1;
  }

  private skipSpaces(i: number): number {
    while (i < this.len && this.src.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** From the line starting at `from`, moves to the next line that is not blank or a comment. */
  private skipToContent(from: number): void {
    const { src, len } = this;
    let p = from;
    for (;;) {
      const i = this.skipSpaces(p);
      const c = this.at(i);
      if (c === LF) {
        p = i + 1;
        continue;
      }
      if (c === HASH) {
        const nl = src.indexOf("\n", i);
        if (nl !== -1) {
          p = nl + 1;
          continue;
        }
      }
      if (c === -1 || c === HASH) {
        this.pos = len;
        this.indent = -1;
        return;
      }
      // Document markers (and anything starting like one) are left to the slow path.
      if (i === p && (c === DASH || c === DOT)) {
        if (src.startsWith("---", p) || src.startsWith("...", p)) throw BAIL;
      }
      this.lineStart = p;
      this.pos = i;
      this.indent = i - p;
      return;
    }
  }

  /** From a line feed (or the end), moves to the next content line. */
  private nextLine(): void {
    if (this.pos >= this.len) this.indent = -1;
    else this.skipToContent(this.pos + 1);
  }

  /** Accepts only spaces and a comment (after a space) up to the end of the line; stops at the LF. */
  private endLine(): void {
    const i = this.skipSpaces(this.pos);
    const c = this.at(i);
    if (c === LF || c === -1) {
      this.pos = i;
    } else if (c === HASH && i > this.pos) {
      const nl = this.src.indexOf("\n", i);
      this.pos = nl === -1 ? this.len : nl;
    } else {
      throw BAIL;
    }
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw BAIL;
  }

  private isSeqItem(): boolean {
    if (this.at(this.pos) !== DASH) return false;
    const next = this.at(this.pos + 1);
    return next === -1 || isBlank(next);
  }

  /**
   * A block node at column `col`: a sequence, a mapping, or a value ending its line. `parent` is the
   * indentation of the enclosing collection; block scalars are taken only after `- ` or `key: `.
   */
  private node(col: number, parent: number, afterIndicator: boolean): unknown {
    if (this.isSeqItem()) return this.seq(col);
    const key = this.tryKey();
    if (key !== undefined) return this.map(col, key);
    return this.inlineValue(parent, afterIndicator);
  }

  /** A block mapping at column `n` whose first key has been read. */
  private map(n: number, firstKey: string): Record<string, unknown> {
    this.enter();
    const map: Record<string, unknown> = {};
    let key = firstKey;
    for (;;) {
      const value = this.mapValue(n);
      // Duplicates, `__proto__` and other inherited names, and merge keys go to the slow path.
      if (key in map || key === "<<") throw BAIL;
      map[key] = value;
      if (this.indent !== n) {
        if (this.indent < n) break;
        throw BAIL;
      }
      const next = this.tryKey();
      if (next === undefined) throw BAIL;
      key = next;
    }
    this.depth--;
    return map;
  }

  /** The value after `key:` in a mapping at column `n`. */
  private mapValue(n: number): unknown {
    const i = this.skipSpaces(this.pos);
    const c = this.at(i);
    if (c === LF || c === HASH || c === -1) {
      this.endLine();
      this.nextLine();
      if (this.indent > n) return this.node(this.indent, n, false);
      if (this.indent === n && this.isSeqItem()) return this.seq(n);
      return null;
    }
    this.pos = i;
    return this.inlineValue(n, true);
  }

  /** A block sequence at column `n`; `pos` is at its first `-`. */
  private seq(n: number): unknown[] {
    this.enter();
    const seq: unknown[] = [];
    do {
      this.pos++;
      seq.push(this.seqItem(n));
    } while (this.indent === n && this.isSeqItem());
    if (this.indent > n) throw BAIL;
    this.depth--;
    return seq;
  }

  private seqItem(n: number): unknown {
    const i = this.skipSpaces(this.pos);
    const c = this.at(i);
    if (c === LF || c === HASH || c === -1) {
      this.endLine();
      this.nextLine();
      return this.indent > n ? this.node(this.indent, n, false) : null;
    }
    this.pos = i;
    return this.node(i - this.lineStart, n, true);
  }

  /** A value ending its line: flow collection, quoted or plain scalar, block scalar. */
  private inlineValue(parent: number, afterIndicator: boolean): unknown {
    const c = this.at(this.pos);
    let value: unknown;
    if (c === LBRACKET) value = this.flowSeq();
    else if (c === LBRACE) value = this.flowMap();
    else if (c === DQUOTE || c === SQUOTE) value = this.quoted();
    else if (c === PIPE || c === GT) {
      if (!afterIndicator || parent < 0) throw BAIL;
      value = this.blockScalar(parent);
      this.nextLine();
      return value;
    } else {
      if (!isPlainStart(c, this.at(this.pos + 1), false)) throw BAIL;
      const start = this.pos;
      if (this.plainBlock()) throw BAIL; // `a: b: c`
      value = resolvePlain(this.src.slice(start, this.plainEnd));
    }
    this.endLine();
    this.nextLine();
    return value;
  }

  /** Reads `key:` (plain or quoted key, `:`, a blank); undefined leaves `pos` alone. */
  private tryKey(): string | undefined {
    const start = this.pos;
    const c = this.at(start);
    let key: string;
    if (c === DQUOTE || c === SQUOTE) {
      key = this.quoted();
      const i = this.skipSpaces(this.pos);
      const next = this.at(i + 1);
      if (this.at(i) !== COLON || !(next === -1 || isBlank(next))) {
        this.pos = start;
        return undefined;
      }
      this.pos = i;
    } else {
      if (!isPlainStart(c, this.at(start + 1), false) || !this.plainBlock()) {
        this.pos = start;
        return undefined;
      }
      key = this.keyAt(start, this.plainEnd);
    }
    if (this.pos - start > MAX_KEY_LENGTH) throw BAIL;
    this.pos++;
    return key;
  }

  /**
   * Scans a block-context plain scalar from `pos` to the end of its line, a ` #` comment, or a `:`
   * followed by a blank (returning true, with `pos` at the `:`). Sets `plainEnd`.
   */
  private plainBlock(): boolean {
    const { src, len } = this;
    let i = this.pos;
    let end = i;
    let key = false;
    for (; i < len; i++) {
      const c = src.charCodeAt(i);
      if (c >= 128 || ((STOPS[c] ?? 0) & BLOCK_STOP) === 0) {
        end = i + 1;
      } else if (c === LF) {
        break;
      } else if (c === SPACE) {
        if (i + 1 < len && src.charCodeAt(i + 1) === HASH) break;
      } else if (i + 1 === len || isBlank(src.charCodeAt(i + 1))) {
        key = true; // a `:` followed by a blank
        break;
      } else {
        end = i + 1;
      }
    }
    this.pos = i;
    this.plainEnd = end;
    return key;
  }

  /** Scans a flow-context plain scalar: it also ends at `,[]{}` and at `:` before one of them. */
  private plainFlow(): void {
    const { src, len } = this;
    let i = this.pos;
    let end = i;
    for (; i < len; i++) {
      const c = src.charCodeAt(i);
      if (c >= 128 || ((STOPS[c] ?? 0) & FLOW_STOP) === 0) {
        end = i + 1;
      } else if (c === SPACE) {
        if (i + 1 < len && src.charCodeAt(i + 1) === HASH) break;
      } else if (c === COLON) {
        const next = this.at(i + 1);
        if (next === -1 || isBlank(next) || isFlowIndicator(next)) break;
        end = i + 1;
      } else {
        break; // LF or a flow indicator
      }
    }
    this.pos = i;
    this.plainEnd = end;
  }

  private quoted(): string {
    return this.at(this.pos) === SQUOTE ? this.singleQuoted() : this.doubleQuoted();
  }

  /** A one-line single-quoted scalar (`''` is a quote). */
  private singleQuoted(): string {
    const { src, len } = this;
    let out = "";
    let seg = this.pos + 1;
    for (let i = seg; i < len; i++) {
      const c = src.charCodeAt(i);
      if (c === LF) break;
      if (c !== SQUOTE) continue;
      if (this.at(i + 1) === SQUOTE) {
        out += src.slice(seg, i + 1);
        seg = ++i + 1;
        continue;
      }
      this.pos = i + 1;
      return out + src.slice(seg, i);
    }
    throw BAIL;
  }

  /** A one-line double-quoted scalar with `yaml`'s escapes. */
  private doubleQuoted(): string {
    const { src, len } = this;
    let out = "";
    let seg = this.pos + 1;
    for (let i = seg; i < len; i++) {
      const c = src.charCodeAt(i);
      if (c === LF) break;
      if (c === DQUOTE) {
        this.pos = i + 1;
        return out + src.slice(seg, i);
      }
      if (c !== BACKSLASH) continue;
      out += src.slice(seg, i);
      const e = this.at(i + 1);
      const width = e === 120 ? 2 : e === 117 ? 4 : e === 85 ? 8 : 0;
      out += width === 0 ? simpleEscape(e) : hexEscape(src.slice(i + 2, i + 2 + width), width);
      i += 1 + width;
      seg = i + 1;
    }
    throw BAIL;
  }

  /** A `|`, `|-`, `>` or `>-` block scalar whose content must be indented more than `parent`. */
  private blockScalar(parent: number): string {
    const folded = this.at(this.pos) === GT;
    let i = this.pos + 1;
    const strip = this.at(i) === DASH;
    if (strip) i++;
    const c = this.at(i);
    if (c !== -1 && !isBlank(c)) throw BAIL; // keep (+), indentation indicators, `|#`
    this.pos = i;
    this.endLine();
    const { lines, leading } = this.blockLines(parent, folded);
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    if (lines.length === 0) return "";
    const body = folded ? fold(lines) : lines.join("\n");
    return "\n".repeat(leading) + body + (strip ? "" : "\n");
  }

  /** A block scalar's lines (indentation removed, "" when empty) and how many empty lines lead. */
  private blockLines(parent: number, folded: boolean): { lines: string[]; leading: number } {
    const { src, len } = this;
    const lines: string[] = [];
    let indent = -1;
    let leading = 0;
    let maxLeading = 0;
    let p = this.pos;
    while (p < len) {
      const start = p + 1;
      const i = this.skipSpaces(start);
      const spaces = i - start;
      if (i === len || src.charCodeAt(i) === LF) {
        // An empty line; a more indented one would keep its extra spaces (not handled).
        if (indent < 0) {
          leading++;
          maxLeading = Math.max(maxLeading, spaces);
        } else {
          if (spaces > indent) throw BAIL;
          lines.push("");
        }
        p = i;
        continue;
      }
      if (indent < 0) {
        if (spaces <= parent) break;
        if (maxLeading > spaces) throw BAIL;
        indent = spaces;
      } else if (spaces < indent) break;
      if (folded && spaces > indent) throw BAIL;
      const nl = src.indexOf("\n", i);
      p = nl === -1 ? len : nl;
      lines.push(src.slice(start + indent, p));
    }
    this.pos = p;
    return { lines, leading };
  }

  /** Skips spaces inside a one-line flow collection; returns the character reached. */
  private flowSpaces(): number {
    this.pos = this.skipSpaces(this.pos);
    const c = this.at(this.pos);
    if (c === LF || c === HASH || c === -1) throw BAIL;
    return c;
  }

  private flowNode(): unknown {
    const c = this.at(this.pos);
    if (c === LBRACKET) return this.flowSeq();
    if (c === LBRACE) return this.flowMap();
    if (c === DQUOTE || c === SQUOTE) return this.quoted();
    if (!isPlainStart(c, this.at(this.pos + 1), true)) throw BAIL;
    const start = this.pos;
    this.plainFlow();
    return resolvePlain(this.src.slice(start, this.plainEnd));
  }

  /** `[a, b]` on one line; `pos` is at the `[`. */
  private flowSeq(): unknown[] {
    this.enter();
    const seq: unknown[] = [];
    this.pos++;
    let c = this.flowSpaces();
    while (c !== RBRACKET) {
      seq.push(this.flowNode());
      c = this.flowSpaces();
      if (c === COMMA) {
        this.pos++;
        c = this.flowSpaces();
      } else if (c !== RBRACKET) throw BAIL;
    }
    this.pos++;
    this.depth--;
    return seq;
  }

  /** `{ a: 1, b: c }` on one line; `pos` is at the `{`. */
  private flowMap(): Record<string, unknown> {
    this.enter();
    const map: Record<string, unknown> = {};
    this.pos++;
    let c = this.flowSpaces();
    while (c !== RBRACE) {
      const key = this.flowKey();
      c = this.at(this.pos);
      if (c === SPACE) c = this.flowSpaces();
      else if (c !== COMMA && c !== RBRACE) throw BAIL; // `"a":b` and friends
      const value = c === COMMA || c === RBRACE ? null : this.flowNode();
      if (key in map || key === "<<") throw BAIL;
      map[key] = value;
      c = this.flowSpaces();
      if (c === COMMA) {
        this.pos++;
        c = this.flowSpaces();
      } else if (c !== RBRACE) throw BAIL;
    }
    this.pos++;
    this.depth--;
    return map;
  }

  /** A flow mapping key and its `:`; `pos` ends after the `:`. */
  private flowKey(): string {
    const start = this.pos;
    const c = this.at(start);
    let key: string;
    if (c === DQUOTE || c === SQUOTE) key = this.quoted();
    else if (isPlainStart(c, this.at(start + 1), true)) {
      this.plainFlow();
      key = this.keyAt(start, this.plainEnd);
    } else throw BAIL;
    if (this.flowSpaces() !== COLON || this.pos - start > MAX_KEY_LENGTH) throw BAIL;
    this.pos++;
    return key;
  }
}
