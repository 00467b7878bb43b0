// Locates the first JSON syntax error: V8's messages do not always say where (Node 20 often omits it).

/** Where and why `text` stops being JSON; `undefined` when it is valid. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Failure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** A recursive-descent check of RFC 8259 JSON that reports the first offending character. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const describe = (at: number) =>
    at >= text.length ? "unexpected end of input" : `unexpected ${JSON.stringify(text[at])}`;
  const fail = (expected?: string): never => {
    throw new Failure(i, expected ? `${describe(i)}, expected ${expected}` : describe(i));
  };
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('a closing "');
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c < " ") fail("an escaped control character");
      if (c === "\\") {
        const next = text[i + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail("four hex digits");
          }
          i += 6;
          continue;
        }
        i++;
        if (next === undefined || !ESCAPES.has(next)) fail("an escape sequence");
      }
      i++;
    }
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail("less nesting");
    skip();
    const c = text[i];
    if (c === "{") {
      i++;
      skip();
      if (text[i] === "}") return void i++;
      for (;;) {
        skip();
        if (text[i] !== '"') fail("a property name in double quotes");
        string();
        skip();
        if (text[i] !== ":") fail('":"');
        i++;
        value(depth + 1);
        skip();
        if (text[i] === "}") return void i++;
        if (text[i] !== ",") fail('"," or "}"');
        i++;
      }
    }
    if (c === "[") {
      i++;
      skip();
      if (text[i] === "]") return void i++;
      for (;;) {
        value(depth + 1);
        skip();
        if (text[i] === "]") return void i++;
        if (text[i] !== ",") fail('"," or "]"');
        i++;
      }
    }
    if (c === '"') return string();
    for (const word of ["true", "false", "null"])
      if (text.startsWith(word, i)) return void (i += word.length);
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) return void (i += number[0].length);
    fail("a value");
  };
  try {
    value(0);
    skip();
    if (i < text.length) fail("the end of input");
    return undefined;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split("\n").length;
    return { line, column: error.offset - before.lastIndexOf("\n"), message: error.message };
  }
}
