// The fast YAML path against the `yaml` pipeline: the same value whenever it answers.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument, stringify, type CreateNodeOptions, type ToStringOptions } from "yaml";
import { EACH, PIPELINE, sequentialDocument } from "../../../../bench/scenarios.js";
import { SourceText } from "../../src/parse/_text.js";
import { fastParseYaml } from "../../src/parse/_fast-yaml.js";
import { MAX_ALIAS_COUNT, parseYaml } from "../../src/parse/yaml.js";

/** The parseDocument options of src/parse/yaml.ts (YAML 1.2 core schema, unique string keys, strict). */
const OPTIONS = {
  version: "1.2",
  schema: "core",
  merge: false,
  resolveKnownTags: false,
  uniqueKeys: true,
  stringKeys: true,
  strict: true,
  prettyErrors: false,
} as const;

/**
 * The `yaml` package's answer through the pipeline of src/parse/yaml.ts. (`parseYaml` itself now
 * tries the fast path first, so it cannot be the reference; a test below checks that this mirror
 * agrees with it wherever the fast path bails out.)
 */
function slow(text: string): { ok: true; value: unknown } | { ok: false } {
  const doc = parseDocument(text, OPTIONS);
  if (doc.errors.length > 0) return { ok: false };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch {
    return { ok: false };
  }
}

/** What the parser as shipped (`parseYaml`) returns. */
function shipped(text: string): { ok: true; value: unknown } | { ok: false } {
  const result = parseYaml(new SourceText(text), 0, text);
  return result.ok ? { ok: true, value: result.value } : { ok: false };
}

/** A serialisation telling -0 from 0, NaN, infinities, key order and non-plain objects apart. */
function canon(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const proto = Object.getPrototypeOf(value) === Array.prototype ? "" : "<exotic>";
    return `${proto}[${value.map(canon).join(",")}]`;
  }
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value) === Object.prototype ? "" : "<exotic>";
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record).map((k) => `${JSON.stringify(k)}:${canon(record[k])}`);
    return `${proto}{${entries.join(",")}}`;
  }
  return `<${typeof value}>`;
}

type Outcome = "same" | "bail" | "error";

/** Runs both paths: when `yaml` fails the fast path must bail; when it answers, it must agree. */
function compare(text: string): Outcome {
  const fast = fastParseYaml(text);
  const expected = slow(text);
  if (!expected.ok) {
    expect(
      fast,
      `fast path accepted YAML that yaml rejects: ${JSON.stringify(text)}`,
    ).toBeUndefined();
    return "error";
  }
  if (fast === undefined) return "bail";
  expect(canon(fast.value), JSON.stringify(text)).toBe(canon(expected.value));
  expect(fast.value).toStrictEqual(expected.value);
  return "same";
}

function expectHandled(text: string): void {
  expect(compare(text), JSON.stringify(text)).toBe("same");
}

function expectBail(text: string): void {
  expect(fastParseYaml(text), JSON.stringify(text)).toBeUndefined();
}

/** The body of every ```workflow (or other `lang`) block, cut as `locateWorkflow` cuts the first one. */
function workflowBlocks(markdown: string, lang = "workflow"): string[] {
  const header = "```" + lang;
  const blocks: string[] = [];
  for (let i = markdown.indexOf(header); i !== -1; i = markdown.indexOf(header, i + 1)) {
    const nl = markdown.indexOf("\n", i);
    if (nl === -1 || markdown.slice(i + header.length, nl).trim() !== "") continue;
    const end = markdown.indexOf("\n```", nl);
    if (end !== -1) blocks.push(markdown.slice(nl + 1, end));
  }
  return blocks;
}

const ROOT = new URL("../../../../", import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), "utf8");

/** Files under `folder` (of the repository) whose names end with `suffix`. */
function filesIn(folder: string, suffix: string): string[] {
  const url = new URL(`${folder}/`, ROOT);
  if (!existsSync(url)) return [];
  const files = readdirSync(url, { recursive: true, encoding: "utf8" });
  return files.filter((f) => f.endsWith(suffix)).map((f) => `${folder}/${f}`);
}

const SKILL_BLOCKS = [
  "packages/workflow/skill/SKILL.md",
  ...filesIn("examples", "SKILL.md"),
  "packages/workflow/test/parse/fixtures/price-watch.md",
].flatMap((path) => workflowBlocks(read(path)).map((body) => ({ path, body })));

/** Other YAML in the documentation: it need not be handled, but the two paths must agree. */
const DOC_BLOCKS = ["packages/workflow/skill/SKILL.md", ...filesIn("docs", ".md")].flatMap((path) =>
  ["yaml", "workflow"].flatMap((lang) => workflowBlocks(read(path), lang)),
);

const SEQUENTIAL = workflowBlocks(sequentialDocument(200))[0] ?? "";

describe("fastParseYaml on the real documents", () => {
  it("handles the 200-step benchmark document (about 33 KB)", () => {
    expect(SEQUENTIAL.length).toBeGreaterThan(30_000);
    expectHandled(SEQUENTIAL);
  });

  it("handles the PIPELINE and EACH benchmark documents", () => {
    for (const doc of [PIPELINE, EACH]) {
      const [body] = workflowBlocks(doc);
      expect(body).toBeDefined();
      expectHandled(body ?? "");
    }
  });

  it("handles every ```workflow block of the skill, the examples and the fixtures", () => {
    expect(SKILL_BLOCKS.length).toBeGreaterThanOrEqual(6);
    for (const { path, body } of SKILL_BLOCKS) expect(compare(body), path).toBe("same");
    expectHandled(read("packages/workflow/test/parse/fixtures/all-steps.workflow.yaml"));
  });

  it("agrees with yaml on the ```yaml and ```workflow blocks of the documentation", () => {
    expect(DOC_BLOCKS.length).toBeGreaterThan(5);
    for (const body of DOC_BLOCKS) compare(body);
  });
});

const HANDLED: Record<string, string[]> = {
  "block mappings and sequences": [
    "a: 1\nb:\n  c: 2\n  d:\n    e: x\n",
    "  a: 1\n  b: 2\n",
    "a:\n  - x\n  - y\nb: 1\n",
    "a:\n- x\n- y\nb: 1\n",
    "- a: 1\n  b: 2\n- c\n",
    "- - a\n  - b\n- c\n",
    "-\n- a\n-\n  b: 1\n",
    "- a:\n  - x\n  b: 2\n",
    "- a:\n    b: 1\n",
    "-   a: 1\n    b: 2\n",
    "a:\nb: 1\n",
    "a: # nothing\nb:\n",
    "steps:\n  - id: a\n    type: tool\n    inputs:\n      x: { type: int, value: $item }\n",
    "a:\n  hello\n",
    "a:\n  [1, 2]\n",
    "- x\n",
    "[1, 2]",
    "plain root",
    "",
    "# only a comment\n\n",
  ],
  "flow collections": [
    "a: { a: 1, b: $x }\n",
    'a: [a, "b", 3]\n',
    "a: [[1, [2]], { b: { c: [] } }, {}]\n",
    "a: [a, b, ]\n",
    "a: {a: 1, }\n",
    "a: { a: , b: 1 }\n",
    "a: {a:}\n",
    "a: [a:b]\n",
    "a: { u: http://x/y?q=1, p: a:b }\n",
    "a: [-1, -x, -.inf]\n",
    "a: { \"q k\": 'v', 'x''y': \"z\" }\n",
    "a: [ a b , c ]\n",
    "a: { b: 1, 2: x, a: 3 }\n",
    'a: { "a" : 1 }\n',
  ],
  "core schema scalars": [
    "n: [null, Null, NULL, ~, nULL]\ne:\nt: [true, True, TRUE, false, False, FALSE, tRUE]\n",
    "s: [yes, no, on, off, y, n, 2024-01-31, 12:30:00]\n",
    "i: [0, -0, +1, 0777, 0o17, 0o8, 0x1F, 0X1F, 0x, 1_000, 12345678901234567890]\n",
    "f: [.5, 1., -1.5, 1e3, 1E+3, 1.5e-3, .5e3, -0.0, 0.1, 1e400]\n",
    "x: [.inf, -.Inf, +.INF, .nan, .NaN, .NAN, +.nan, .iNF, inf, nan]\n",
    "k: 1\n1.0: a\n~: b\nnull: c\ntrue: d\n'': e\n",
  ],
  "plain scalars": [
    "a: $steps.a.output\nb: http://x\nc: a:b\n",
    "a: $inputs.x > 5\nb: $item.score >= $inputs.min\nc: $steps.a.output[0]\n",
    "a: x # comment\nb: x#y\nc: x   \n",
    "a: x, y]}\nb: x&y *z !w | > % @ `\n",
    "a: -x\nb: --\nc: -1\n",
    "key with spaces  : v\na : 1\n",
    "a: é 日本 😀\n",
  ],
  "quoted scalars": [
    "a: 'it''s'\nb: ''\nc: '#x: y'\n",
    'a: "${inputs.q}"\nb: ""\nc: "a #b"\n',
    'a: "\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\"\\/\\\\\\N\\_\\L\\P"\n',
    'a: "\\x41\\u00e9\\U0001F600\\ud800"\n',
    '"k": 1\n\'l\': 2\n"a b" : 3\n',
    "- 'x'\n- \"y\" # c\n",
  ],
  "comments and blank lines": [
    "# head\n\na: 1 # one\n\n  # indented\n# flush\nb:\n  # inside\n  c: 2\n\n",
    "a:\n  b: 1\n # odd\n  c: 2\n",
    "a: x\n  # deeper\nb: 1\n",
    "- a # c\n  # c\n- b\n",
  ],
  "block scalars": [
    "a: |\n  x\n  y\nb: 1\n",
    "a: |-\n  x\n\n   y\n\nb: 1\n",
    "a: >\n  x\n  y\n\n  z\n\n\n  w\nb: 1\n",
    "a: >-\n  x\n  y\n",
    "a: >\n\n  x\n",
    "a: |\nb: 1\n",
    "a: |\n\n\nb: 1\n",
    "- |\n x\n- >- # c\n   y\n   z\n",
    "- a: |\n    # not a comment\n    x\n  b: 1\n",
    "a: |\n    x\n  # c\nb: 1\n",
    "where: >-\n  ($item.priority in $inputs.priorities\n  || $inputs.x)\n",
  ],
};

const BAILS: Record<string, string[]> = {
  "anchors, aliases, tags": ["a: &x 1\nb: *x\n", "a: !!str 1\n", "a: !x y\n", "- &a\n  b: 1\n"],
  "block scalar forms": [
    "a: |+\n  x\n",
    "a: |2\n   x\n",
    "a: >\n  x\n    y\n",
    "|\n  x\n",
    "a: |\n    \n  x\n",
    "a: |\n  x\n   \n  y\n",
    "a: |\n  x\n   ",
    "a: |#c\n  x\n",
  ],
  "multi-line scalars": [
    "a: hello\n  world\n",
    "a: 'x\n  y'\n",
    'a: "x\n  y"\n',
    'a: "x\\\n  y"\n',
    "a:\n  x\n  y\n",
    "hello\nworld\n",
  ],
  "multi-line flow collections": ["a: [1,\n  2]\n", "a: {\n  b: 1 }\n", "a: [1, # c\n 2]\n"],
  "flow indicators yaml reads differently": [
    "[?x]",
    "{ a: :x }",
    "[-]",
    "[a, -]",
    "{a: -}",
    "[a:]",
  ],
  "complex keys, directives, markers": [
    "? a\n: b\n",
    "[a]: 1\n",
    "{a: 1}: 2\n",
    "a: {[b]: 1}\n",
    "%YAML 1.2\n---\na: 1\n",
    "---\na: 1\n",
    "a: 1\n...\n",
    "a: 1\n---\nb: 2\n",
  ],
  "whitespace and characters": [
    "a:\n\tb: 1\n",
    "a: b\tc\n",
    "a: 1\r\nb: 2\r\n",
    "\ufeffa: 1\n",
    "a: \u0085\n",
    "a: \u0001\n",
  ],
  keys: [
    "a: 1\na: 2\n",
    "a: 1\n'a': 2\n",
    "a: { b: 1, b: 2 }\n",
    "<<: { a: 1 }\n",
    "a: { <<: 1 }\n",
    "__proto__: 1\n",
    "a: { __proto__: 1 }\n",
    "toString: 1\n",
    `${"k".repeat(1100)}: 1\n`,
  ],
  "structure errors": [
    "a: b: c\n",
    "a: 1\n- b\n",
    "- a: 1\n  - x\n",
    "a:\n  b: 1\n c: 2\n",
    "a: 1\n  b: 2\n",
    "a: -\n",
    "a: - b\n",
    "  a: 1\nb: 2\n",
    "a: [a, , b]\n",
    "a: {a: 1 b: 2}\n",
    'a: {"a":1}\n',
    "a: { a, b: 1 }\n",
    "a: [a: 1]\n",
    "a: [1] x\n",
    'a: "x"y\n',
    'a: "x"#c\n',
    "a: @x\n",
    "a: `x\n",
    "a: %x\n",
    "a: ,x\n",
    'a: "\\q"\n',
    'a: "\\U00110000"\n',
    'a: "\\x4"\n',
    "a: 'x\n",
  ],
};

describe("fastParseYaml examples", () => {
  for (const [name, texts] of Object.entries(HANDLED)) {
    it(`handles ${name} exactly as yaml does`, () => {
      for (const text of texts) expectHandled(text);
    });
  }
  for (const [name, texts] of Object.entries(BAILS)) {
    it(`bails out on ${name}`, () => {
      for (const text of texts) {
        expectBail(text);
        compare(text);
      }
    });
  }

  it("compares with a reference that agrees with the shipped parseYaml on every example", () => {
    const texts = [...Object.values(BAILS).flat(), ...Object.values(HANDLED).flat(), ...DOC_BLOCKS];
    for (const text of texts) {
      const reference = slow(text);
      const actual = shipped(text);
      expect(actual.ok, JSON.stringify(text)).toBe(reference.ok);
      if (actual.ok && reference.ok) expect(canon(actual.value)).toBe(canon(reference.value));
    }
  });

  it("creates plain objects and arrays with keys in document order (as JS orders them)", () => {
    const value = fastParseYaml("b: 1\n2: x\na: [1]\n1: y\n")?.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["1", "2", "b", "a"]);
    expect(Array.isArray(value["a"])).toBe(true);
  });

  it("keeps -0, NaN and infinities", () => {
    const value = fastParseYaml("[-0, -0.0, .nan, -.inf, +.inf]")?.value as number[];
    expect(Object.is(value[0], -0) && Object.is(value[1], -0)).toBe(true);
    expect(value.slice(2)).toEqual([NaN, -Infinity, Infinity]);
  });

  it("bails out on nesting deeper than it handles, and agrees with yaml at every depth", () => {
    const shapes = [
      (d: number) => "[".repeat(d) + "]".repeat(d),
      (d: number) => `${"{a: ".repeat(d)}1${"}".repeat(d)}`,
      (d: number) => `${"- ".repeat(d)}x\n`,
      (d: number) => Array.from({ length: d }, (_, i) => `${" ".repeat(i)}k:\n`).join(""),
      (d: number) => Array.from({ length: d }, (_, i) => `${" ".repeat(2 * i)}- a:\n`).join(""),
    ];
    for (const shape of shapes) {
      for (const depth of [10, 32, 33, 63, 64, 65, 129, 140]) compare(shape(depth));
      expectHandled(shape(30));
      expectBail(shape(70));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Differential property tests.

const TRICKY = [
  ...["null", "Null", "NULL", "~", "true", "False", "TRUE", "yes", "no", "on", "off", "y"],
  ...["1e3", "1E3", "-1", "+1", ".5", "1.", "0777", "0o17", "0x1F", "0X1F", "1_000", "-0", "0.0"],
  ...["12345678901234567890", ".inf", "-.Inf", ".NaN", "+.nan", "2024-01-31", "12:30"],
  ...["-", "- ", "-x", ":", ": ", "a: b", "a:b", " #", "a #b", "#x", "x#", "$x", "${a}"],
  ...["?", "? x", "$steps.a.output[0]", "$inputs.x > 5", "'", "''", '"', "\\", "\\n"],
  ...["", " ", "a ", " a", "é", "😀", "日本", "---", "...", "<<", "__proto__", "[a]", "{a}"],
  ...["a,b", "*x", "&x", "!x", "|", ">", "%x", "@x", "`x", "http://x/y?a=1#f", "a, b", "[", "}"],
  ...[",", "a: b: c"],
];
const LINE_BREAKING = [
  "a\nb",
  "a\n",
  "\n",
  "a\n\nb\n",
  " a\n b",
  "\nlead",
  "\n\nlead\n",
  "a b\nc\n\n",
  "\ta",
  "a\tb",
  "\u2028",
  "\u0085",
];
const ALPHABET = [..."ab01.-+:#,'\"\\[]{}$ ~&*!|>?%@`é"];

const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
const expression = fc.tuple(identifier, identifier).map(([a, b]) => `$steps.${a}.output.${b}`);

/** One-line strings of the kinds workflow documents hold, plus tricky ones. */
const lineString = fc.oneof(
  fc.constantFrom(...TRICKY),
  identifier,
  expression,
  fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 10 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
);
/** Any string, including line breaks, tabs and lone surrogates. */
const anyString = fc.oneof(
  lineString,
  fc.constantFrom(...LINE_BREAKING),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.string({ unit: fc.constantFrom(...ALPHABET, "\n", "\t", " "), maxLength: 12 }),
);
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 2 ** 53, 2 ** 53 + 2, 1e21, 1e-7, 0.1, -1.5, 1e300),
);

function jsonLike(str: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(str, number, fc.boolean(), fc.constant(null));
  const key = fc.oneof(identifier, str);
  return fc.letrec<{ value: unknown; arr: unknown[]; obj: Record<string, unknown> }>((tie) => ({
    value: fc.oneof({ depthSize: "small" }, leaf, tie("arr"), tie("obj")),
    arr: fc.array(tie("value"), { maxLength: 4 }),
    obj: fc.dictionary(key, tie("value"), { maxKeys: 4, noNullPrototype: true }),
  })).value;
}

type StringifyOptions = CreateNodeOptions & ToStringOptions;

const STYLES: Record<string, StringifyOptions> = {
  block: { lineWidth: 0 },
  "block, folded at 80": {},
  "block, 4 spaces, unindented sequences": { indent: 4, indentSeq: false, lineWidth: 0 },
  flow: { collectionStyle: "flow", lineWidth: 0 },
  "double quotes": { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 },
  "single quotes": { defaultStringType: "QUOTE_SINGLE", singleQuote: true, lineWidth: 0 },
  "block literal": { defaultStringType: "BLOCK_LITERAL", defaultKeyType: "PLAIN" },
  "block folded": { defaultStringType: "BLOCK_FOLDED", defaultKeyType: "PLAIN", lineWidth: 20 },
  "JSON-like": {
    collectionStyle: "flow",
    defaultStringType: "QUOTE_DOUBLE",
    defaultKeyType: "QUOTE_DOUBLE",
    doubleQuotedAsJSON: true,
    lineWidth: 0,
  },
};

function tally(outcomes: Outcome[]): Record<Outcome, number> {
  const counts = { same: 0, bail: 0, error: 0 };
  for (const o of outcomes) counts[o]++;
  return counts;
}

describe("fastParseYaml differential: yaml.stringify output", () => {
  for (const [name, options] of Object.entries(STYLES)) {
    it(`agrees with yaml on random values stringified as ${name}`, () => {
      const outcomes: Outcome[] = [];
      fc.assert(
        fc.property(jsonLike(anyString), (value) => {
          outcomes.push(compare(stringify(value, { version: "1.2", ...options })));
        }),
        { numRuns: 400 },
      );
      expect(tally(outcomes).same).toBeGreaterThan(0);
    });
  }

  it("handles at least 90% of block-style documents of one-line JSON data", () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(jsonLike(lineString), (value) => {
        outcomes.push(compare(stringify(value, { version: "1.2", lineWidth: 0 })));
      }),
      { numRuns: 1000 },
    );
    const counts = tally(outcomes);
    expect(counts.same / outcomes.length).toBeGreaterThanOrEqual(0.9);
  });
});

// A tiny emitter of the compact styles workflow documents use, with deliberately careless quoting.

type Quote = "plain" | "single" | "double" | "|" | "|-" | ">" | ">-";
type Node =
  | { kind: "scalar"; text: string; quote: Quote }
  | { kind: "seq"; items: Node[]; flow: boolean }
  | { kind: "map"; entries: [string, Quote, Node][]; flow: boolean };

function quoteText(text: string, quote: Quote): string {
  if (quote === "plain") return text;
  if (quote === "single") return `'${text.replaceAll("'", "''")}'`;
  return JSON.stringify(text);
}

function emitFlow(node: Node): string {
  if (node.kind === "scalar") return quoteText(node.text, node.quote);
  if (node.kind === "seq") return `[${node.items.map(emitFlow).join(", ")}]`;
  const entries = node.entries.map(([k, q, v]) => `${quoteText(k, q)}: ${emitFlow(v)}`);
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
}

function isBlock(node: Node): node is Exclude<Node, { kind: "scalar" }> {
  return (
    node.kind !== "scalar" &&
    !node.flow &&
    (node.kind === "seq" ? node.items : node.entries).length > 0
  );
}

/** `head` (`key:` or `-`) followed by the value, inline or on the following lines. */
function emitValue(head: string, node: Node, indent: number, indentSeq: boolean): string[] {
  const pad = " ".repeat(indent);
  if (node.kind === "scalar" && (node.quote[0] === "|" || node.quote[0] === ">")) {
    // Empty lines get a varying number of spaces, sometimes more than the content's indentation.
    const blank = " ".repeat(node.text.length % (indent + 5));
    const body = node.text.split("\n").map((l) => (l === "" ? blank : `${pad}  ${l}`));
    return [`${pad}${head} ${node.quote}`, ...body];
  }
  if (!isBlock(node)) return [`${pad}${head} ${emitFlow(node)}`];
  const nested = node.kind === "seq" && head !== "-" && !indentSeq ? indent : indent + 2;
  if (head === "-") {
    const lines = emitBlock(node, indent + 2, indentSeq);
    return [`${pad}- ${(lines[0] ?? "").slice(indent + 2)}`, ...lines.slice(1)];
  }
  return [`${pad}${head}`, ...emitBlock(node, nested, indentSeq)];
}

function emitBlock(node: Node, indent: number, indentSeq: boolean): string[] {
  if (node.kind === "seq")
    return node.items.flatMap((item) => emitValue("-", item, indent, indentSeq));
  if (node.kind === "map") {
    return node.entries.flatMap(([k, q, v]) =>
      emitValue(`${quoteText(k, q)}:`, v, indent, indentSeq),
    );
  }
  return [emitFlow(node)];
}

function emitDocument(node: Node, indentSeq: boolean): string {
  return isBlock(node) ? `${emitBlock(node, 0, indentSeq).join("\n")}\n` : `${emitFlow(node)}\n`;
}

const quote = fc.constantFrom<Quote>(
  "plain",
  "plain",
  "plain",
  "single",
  "double",
  "|",
  "|-",
  ">",
  ">-",
);
const keyQuote = fc.constantFrom<Quote>("plain", "plain", "plain", "single", "double");

function nodeArbitrary(str: fc.Arbitrary<string>): fc.Arbitrary<Node> {
  return fc.letrec<{ node: Node; seq: Node; map: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      fc.record({ kind: fc.constant("scalar" as const), text: str, quote }),
      tie("seq"),
      tie("map"),
    ),
    seq: fc.record({
      kind: fc.constant("seq" as const),
      items: fc.array(tie("node"), { maxLength: 4 }),
      flow: fc.boolean(),
    }),
    map: fc.record({
      kind: fc.constant("map" as const),
      entries: fc.array(fc.tuple(fc.oneof(identifier, str), keyQuote, tie("node")), {
        maxLength: 4,
      }),
      flow: fc.boolean(),
    }),
  })).node;
}

const emitted = fc
  .tuple(nodeArbitrary(fc.oneof(lineString, fc.constantFrom(...LINE_BREAKING))), fc.boolean())
  .map(([node, indentSeq]) => emitDocument(node, indentSeq));

describe("fastParseYaml differential: compact workflow-style documents", () => {
  it("agrees with yaml on documents from a careless compact emitter", () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(emitted, (text) => {
        outcomes.push(compare(text));
      }),
      { numRuns: 2000 },
    );
    expect(tally(outcomes).same).toBeGreaterThan(200);
  });
});

// Character-level mutations of valid documents.

const MUTATION_CHARS = [
  ...[..." \n:-#'\"[]{},|>&*!?%@`\\\t\ra0.~$é"],
  ...["  ", "- ", ": ", " #", "\n ", "\n   ", "\n\n"],
];

type Mutation = [position: number, kind: number, text: string];

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const [position, kind, insert] of mutations) {
    const at = position % (out.length + 1);
    const lineStart = out.lastIndexOf("\n", at - 1) + 1;
    if (kind === 0) out = out.slice(0, at) + insert + out.slice(at);
    else if (kind === 1) out = out.slice(0, at) + out.slice(at + 1);
    else if (kind === 2) out = out.slice(0, at) + insert + out.slice(at + 1);
    else if (kind === 3) out = `${out.slice(0, lineStart)} ${out.slice(lineStart)}`;
    else if (out[lineStart] === " ") out = out.slice(0, lineStart) + out.slice(lineStart + 1);
  }
  return out;
}

const mutations = fc.array(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 4 }), fc.constantFrom(...MUTATION_CHARS)),
  { minLength: 1, maxLength: 4 },
);

const SMALL_DOCS = [
  ...SKILL_BLOCKS.map((b) => b.body),
  ...DOC_BLOCKS,
  ...[PIPELINE, EACH].flatMap((doc) => workflowBlocks(doc)),
  ...Object.values(HANDLED).flat(),
];

describe("fastParseYaml differential: mutated documents", () => {
  it("never disagrees with yaml on mutations of the real and example documents", () => {
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(fc.constantFrom(...SMALL_DOCS), mutations, (doc, m) => {
        outcomes.push(compare(mutate(doc, m)));
      }),
      { numRuns: 2500 },
    );
    const counts = tally(outcomes);
    expect(counts.same).toBeGreaterThan(0);
    expect(counts.error).toBeGreaterThan(0);
  });

  it("never disagrees with yaml on mutations of emitted and stringified documents", () => {
    const doc = fc.oneof(
      emitted,
      jsonLike(lineString).map((v) => stringify(v, { version: "1.2", lineWidth: 0 })),
    );
    fc.assert(
      fc.property(doc, mutations, (text, m) => {
        compare(mutate(text, m));
      }),
      { numRuns: 2500 },
    );
  });
});
