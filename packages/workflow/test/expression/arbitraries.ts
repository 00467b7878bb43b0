// fast-check arbitraries for the expression property tests: valid trees, token soups, hostile scopes.
import fc from "fast-check";
import type { BinaryOperator, Expr } from "../../src/expression/ast.js";
import type { RuntimeContext } from "../../src/model/run-log.js";

/** Names inherited from built-in prototypes that must never be readable. */
export const INHERITED_NAMES = [
  "constructor",
  "__proto__",
  "toString",
  "toLocaleString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "__defineGetter__",
  "__lookupGetter__",
  "map",
  "push",
  "includes",
  "charAt",
  "toUpperCase",
  "toFixed",
  "getTime",
] as const;

/** Keys scopes are built from: inherited names, identifiers, digits and keywords. */
export const keyArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ...INHERITED_NAMES,
    "length",
    "0",
    "1",
    "a",
    "b",
    "score",
    "in",
    "null",
    "output",
  ),
  fc.string({ maxLength: 4 }),
);

const OPERATORS: readonly BinaryOperator[] = [
  "??",
  "||",
  "&&",
  "==",
  "!=",
  ">",
  ">=",
  "<",
  "<=",
  "contains",
  "in",
];

const referenceNameArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("inputs", "steps", "item", "index", "result") },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z_]{1,6}$/) },
);

/** Names the parser accepts after `.`: identifiers, keywords and digit runs. */
const memberNameArb = fc.oneof(
  fc.constantFrom(
    ...INHERITED_NAMES.filter((n) => /^[A-Za-z_]/.test(n)),
    "length",
    "in",
    "true",
    "null",
    "contains",
    "a",
    "score",
    "output",
  ),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}$/),
  fc.stringMatching(/^[0-9]{1,3}$/),
);

const literalValueArb: fc.Arbitrary<string | number | boolean | null> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.string({ unit: fc.constantFrom("\\", '"', "'", "}", "$", "{", " ", "a"), maxLength: 6 }),
  fc.double({ noNaN: true }),
  fc.integer({ min: -20, max: 20 }),
  fc.boolean(),
  fc.constant(null),
);

const pos = 0;
const literalArb: fc.Arbitrary<Expr> = literalValueArb.map((value) => ({
  kind: "literal",
  value,
  pos,
}));
const referenceArb: fc.Arbitrary<Expr> = referenceNameArb.map((name) => ({
  kind: "reference",
  name,
  pos,
}));

type Accessor = { member: string } | { index: Expr };

function applyAccessors(root: Expr, accessors: readonly Accessor[]): Expr {
  let expr = root;
  for (const accessor of accessors) {
    expr =
      "member" in accessor
        ? { kind: "member", object: expr, name: accessor.member, pos }
        : { kind: "index", object: expr, index: accessor.index, pos };
  }
  return expr;
}

/** Every tree the parser can produce (positions set to 0): accessors hang only off references. */
export const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 4, depthSize: "small" },
    literalArb,
    referenceArb,
    fc
      .tuple(
        referenceArb,
        fc.array(
          fc.oneof(
            memberNameArb.map((member): Accessor => ({ member })),
            tie("expr").map((index): Accessor => ({ index })),
          ),
          { minLength: 1, maxLength: 3 },
        ),
      )
      .map(([root, accessors]) => applyAccessors(root, accessors)),
    tie("expr").map((operand): Expr => ({ kind: "not", operand, pos })),
    fc
      .tuple(fc.constantFrom(...OPERATORS), tie("expr"), tie("expr"))
      .map(([operator, left, right]): Expr => ({ kind: "binary", operator, left, right, pos })),
  ),
})).expr;

const SOUP = [
  "$a",
  "$item",
  "$inputs",
  "$x_y",
  ".",
  ".b",
  ".0",
  ".in",
  ".$c",
  "[",
  "]",
  "(",
  ")",
  "!",
  "==",
  "!=",
  ">",
  ">=",
  "<",
  "<=",
  "&&",
  "||",
  "??",
  "contains",
  "in",
  "true",
  "false",
  "null",
  "0",
  "12",
  "-3",
  "1.5",
  "2.",
  '"s"',
  "'q\\'x'",
  '"\\\\"',
  "score",
  " ",
  "\t",
];

const gapArb = fc.constantFrom("", " ", "  ", "\t", "\n");

function spaced(parts: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return fc
    .tuple(parts, fc.array(gapArb, { minLength: 40, maxLength: 40 }))
    .map(([texts, gaps]) => texts.map((text, i) => text + (gaps[i % gaps.length] ?? "")).join(""));
}

/** Operands in a loose expression shape: `!`s, then a reference with accessors, a literal or a group. */
const operandSoupArb: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.array(fc.constant("!"), { maxLength: 2 }),
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom("$a", "$item", "$inputs"),
          fc.array(fc.constantFrom(".b", ".0", ".in", ".$c", "[0]", '["k"]', "[$i]"), {
            maxLength: 3,
          }),
        )
        .map(([root, accessors]) => [root, ...accessors]),
      fc.constantFrom("0", "-3", "1.5", "2.", '"s"', "'q\\'x'", "true", "null").map((t) => [t]),
      fc.constantFrom("$a", "1", "$b == 2").map((t) => ["(", t, ")"]),
    ),
  )
  .map(([nots, operand]) => [...nots, ...operand]);

const structuredSoupArb: fc.Arbitrary<string> = spaced(
  fc
    .tuple(
      operandSoupArb,
      fc.array(
        fc.tuple(
          fc.constantFrom("==", "!=", ">=", "<", "&&", "||", "??", "contains", "in"),
          operandSoupArb,
        ),
        { maxLength: 3 },
      ),
    )
    .map(([first, rest]) => [...first, ...rest.flatMap(([op, operand]) => [op, ...operand])]),
);

/** Sequences of token texts, from free soups (mostly ungrammatical) to expression-shaped ones. */
export const tokenSoupArb: fc.Arbitrary<string> = fc.oneof(
  spaced(fc.array(fc.constantFrom(...SOUP), { maxLength: 12 })),
  structuredSoupArb,
);

/** Arbitrary text biased towards the characters of the language. */
export const sourceTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."$._aZ09 ()[]!=<>&|?\"'\\-{}+".split("")), maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  tokenSoupArb,
);

/** Any value a tool or input could hold, including hostile keys, null prototypes and host objects. */
export const valueArb: fc.Arbitrary<unknown> = fc.anything({
  key: keyArb,
  maxDepth: 3,
  maxKeys: 5,
  withNullPrototype: true,
  withBoxedValues: true,
  withSparseArray: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withObjectString: true,
});

/** Scopes whose roots hold arbitrary values. */
export const scopeArb: fc.Arbitrary<RuntimeContext> = fc.record(
  {
    inputs: fc.dictionary(keyArb, valueArb, { maxKeys: 5 }),
    steps: fc.dictionary(keyArb, fc.record({ output: valueArb }), { maxKeys: 3 }),
    item: valueArb,
    index: fc.nat(),
    result: valueArb,
  },
  { requiredKeys: ["inputs", "steps"] },
);
