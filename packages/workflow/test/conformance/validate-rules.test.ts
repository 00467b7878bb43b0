// Conformance: every validate-phase rule V14–V30 with its exact path and message, all errors
// collected in the documented order (§5.2, C8, C47, C53).
import { describe, expect, it } from "vitest";
import { validateWorkflowSkill } from "../../src/index.js";
import type { ValidationError } from "../../src/index.js";
import { skill } from "./helpers.js";

function errorsOf(yaml: string): { path: string; message: string }[] {
  const result = validateWorkflowSkill({ content: skill(yaml) });
  expect(result.valid).toBe(result.errors.length === 0);
  return result.errors.map((e: ValidationError) => ({ path: e.path, message: e.message }));
}

const FWD = (id: string, ref: string) =>
  `Step "${id}" references step "${ref}" which is not declared before it`;
const UNDEF = (ref: string) => `References undefined step "${ref}"`;
const DURATION = (v: string) =>
  `Invalid duration "${v}": expected a whole number followed by ms, s, m or h`;

describe("structural rules V14–V18", () => {
  it("V14 reports every repeated occurrence of an id", () => {
    expect(
      errorsOf(`
        steps:
          - { id: a, type: tool, tool: t }
          - { id: b, type: tool, tool: t }
          - { id: a, type: tool, tool: t }
          - { id: a, type: tool, tool: t }
      `),
    ).toEqual([
      { path: "steps[2].id", message: 'Duplicate step ID "a"' },
      { path: "steps[3].id", message: 'Duplicate step ID "a"' },
    ]);
  });

  it("V15 / V16 / V17 each and delay placement", () => {
    expect(
      errorsOf(`
        inputs:
          xs: { type: array }
        steps:
          - { id: x, type: exit, status: success, each: $inputs.xs }
          - { id: c, type: conditional, condition: "true", then: [t], each: $inputs.xs }
          - { id: t, type: tool, tool: t, delay: 1s }
      `),
    ).toEqual([
      { path: "steps[0].each", message: '"each" is not valid on exit steps' },
      { path: "steps[1].each", message: '"each" is not valid on conditional steps' },
      { path: "steps[2].delay", message: '"delay" requires "each" to be present' },
    ]);
  });
});

describe("reference rules V19–V24", () => {
  it("V19 checks input values starting with $steps. or containing ${steps.", () => {
    expect(
      errorsOf(`
        steps:
          - id: a
            type: tool
            tool: t
            inputs:
              ghost: { type: object, value: $steps.ghost.output }
              later: { type: object, value: $steps.b.output }
              tpl: { type: string, value: "x \${steps.b.output}" }
              self: { type: object, value: $steps.a.output }
              late_ref: { type: boolean, value: $inputs.q == $steps.b.output }
          - { id: b, type: tool, tool: t }
        inputs:
          q: { type: string }
      `),
    ).toEqual([
      { path: "steps[0].inputs.ghost.value", message: UNDEF("ghost") },
      { path: "steps[0].inputs.later.value", message: FWD("a", "b") },
      { path: "steps[0].inputs.tpl.value", message: FWD("a", "b") },
      { path: "steps[0].inputs.self.value", message: FWD("a", "a") },
      { path: "steps", message: "Cycle detected: a → a" },
    ]);
  });

  it("V19 exempts branch steps from the ordering check", () => {
    expect(
      errorsOf(`
        steps:
          - { id: c, type: conditional, condition: "true", then: [early] }
          - id: early
            type: tool
            tool: t
            inputs: { v: { type: object, value: $steps.late.output } }
          - { id: late, type: tool, tool: t }
      `),
    ).toEqual([]);
  });

  it("V20 rejects $steps in step output values", () => {
    expect(
      errorsOf(`
        steps:
          - { id: a, type: tool, tool: t }
          - id: b
            type: tool
            tool: t
            outputs:
              x: { type: object, value: $steps.a.output }
              y: { type: string, value: "v=\${steps.a.output}" }
      `),
    ).toEqual([
      {
        path: "steps[1].outputs.x.value",
        message:
          'Step output "value" must use "$result" to map from the raw executor result, not "$steps" references. Use "$steps" in workflow outputs or step input values.',
      },
      {
        path: "steps[1].outputs.y.value",
        message:
          'Step output "value" must use "$result" to map from the raw executor result, not "$steps" references. Use "$steps" in workflow outputs or step input values.',
      },
    ]);
  });

  it("V21 / V22 check every reference in condition and each", () => {
    expect(
      errorsOf(`
        inputs:
          q: { type: string }
        steps:
          - id: a
            type: tool
            tool: t
            condition: $inputs.q == "x" && $steps.ghost.output != null
          - id: b
            type: tool
            tool: t
            each: $steps.c.output
          - { id: c, type: tool, tool: t }
      `),
    ).toEqual([
      { path: "steps[0].condition", message: UNDEF("ghost") },
      { path: "steps[1].each", message: FWD("b", "c") },
    ]);
  });

  it("V23 requires branch targets to exist", () => {
    expect(
      errorsOf(`
        steps:
          - { id: c, type: conditional, condition: "true", then: [t, ghost], else: [phantom] }
          - { id: t, type: tool, tool: t }
      `),
    ).toEqual([
      { path: "steps[0].then", message: 'Branch references undefined step "ghost"' },
      { path: "steps[0].else", message: 'Branch references undefined step "phantom"' },
    ]);
  });

  it("V24 checks exit outputs (string at output, mapping values at output.<key>)", () => {
    expect(
      errorsOf(`
        steps:
          - { id: x, type: exit, status: success, output: $steps.later.output }
          - id: y
            type: exit
            status: success
            output: { v: $steps.ghost.output, n: 1, lit: "plain" }
          - { id: later, type: tool, tool: t }
      `),
    ).toEqual([
      { path: "steps[0].output", message: FWD("x", "later") },
      { path: "steps[1].output.v", message: UNDEF("ghost") },
    ]);
  });
});

describe("workflow output rules V25–V26 and cycles V27", () => {
  it("V26 reports undefined steps in workflow outputs, without an ordering check", () => {
    expect(
      errorsOf(`
        outputs:
          ok: { type: object, value: $steps.a.output }
          bad: { type: object, value: $steps.ghost.output }
          tpl: { type: string, value: "\${steps.phantom.output}" }
        steps:
          - { id: a, type: tool, tool: t }
      `),
    ).toEqual([
      { path: "outputs.bad.value", message: UNDEF("ghost") },
      { path: "outputs.tpl.value", message: UNDEF("phantom") },
    ]);
  });

  it("V27 reports a cycle between branch steps (which V19 exempts)", () => {
    expect(
      errorsOf(`
        steps:
          - { id: c, type: conditional, condition: "true", then: [x, y] }
          - id: x
            type: tool
            tool: t
            inputs: { v: { type: object, value: $steps.y.output } }
          - id: y
            type: tool
            tool: t
            inputs: { v: { type: object, value: $steps.x.output } }
      `),
    ).toEqual([{ path: "steps", message: "Cycle detected: x → y → x" }]);
  });

  it("V27 follows conditions and each expressions too", () => {
    const errors = errorsOf(`
      steps:
        - { id: a, type: tool, tool: t, condition: $steps.b.output != null }
        - { id: b, type: tool, tool: t, each: $steps.a.output }
    `);
    expect(errors).toEqual([
      { path: "steps[0].condition", message: FWD("a", "b") },
      { path: "steps", message: "Cycle detected: a → b → a" },
    ]);
  });
});

describe("extension rules V28–V30 (C47, C53)", () => {
  it("V28 validates every duration field", () => {
    expect(
      errorsOf(`
        timeout: "100"
        inputs:
          xs: { type: array }
        steps:
          - id: a
            type: tool
            tool: t
            each: $inputs.xs
            delay: 1.5s
            timeout: 2S
            retry: { max: 1, delay: 2 s, backoff: 1 }
          - { id: b, type: tool, tool: t, timeout: 0ms }
      `),
    ).toEqual(
      expect.arrayContaining([
        { path: "steps[0].delay", message: DURATION("1.5s") },
        { path: "steps[0].retry.delay", message: DURATION("2 s") },
        { path: "steps[0].timeout", message: DURATION("2S") },
        { path: "steps[1].timeout", message: '"timeout" must be greater than zero' },
        { path: "timeout", message: DURATION("100") },
      ]),
    );
  });

  it("V28 accepts ms, s, m, h and a zero delay", () => {
    expect(
      errorsOf(`
        timeout: 1h
        inputs:
          xs: { type: array }
        steps:
          - id: a
            type: tool
            tool: t
            each: $inputs.xs
            delay: 0ms
            timeout: 5m
            retry: { max: 1, delay: 500ms, backoff: 1 }
          - { id: b, type: tool, tool: t, timeout: 2s }
      `),
    ).toEqual([]);
  });

  it.each([["-1s"], ["1.0s"], ["1sec"], [" 1s"], ["1 m"], ["1H"], ["ms"], ["1d"], ["0x10ms"]])(
    "V28 rejects %j",
    (value) => {
      expect(
        errorsOf(`
          steps:
            - { id: a, type: tool, tool: t, timeout: "${value}" }
        `),
      ).toEqual([{ path: "steps[0].timeout", message: DURATION(value) }]);
    },
  );

  it("V29 requires each for concurrency", () => {
    expect(
      errorsOf(`
        steps:
          - { id: a, type: tool, tool: t, concurrency: 3 }
      `),
    ).toEqual([
      { path: "steps[0].concurrency", message: '"concurrency" requires "each" to be present' },
    ]);
  });

  it("V30 rejects conditionals that reach themselves, directly or through nesting", () => {
    expect(
      errorsOf(`
        steps:
          - { id: c, type: conditional, condition: "true", then: [c] }
      `),
    ).toEqual([{ path: "steps[0]", message: 'Conditional "c" includes itself in its branches' }]);
    const nested = errorsOf(`
      steps:
        - { id: c1, type: conditional, condition: "true", then: [c2] }
        - { id: c2, type: conditional, condition: "true", then: [t], else: [c1] }
        - { id: t, type: tool, tool: t }
    `);
    expect(nested).toEqual([
      { path: "steps[0]", message: 'Conditional "c1" includes itself in its branches' },
      { path: "steps[1]", message: 'Conditional "c2" includes itself in its branches' },
    ]);
  });
});

describe("error order (§5.2)", () => {
  it("V14 first, then V15–V24 step by step, then V25–V26, V27, then V28–V30", () => {
    expect(
      errorsOf(`
        inputs:
          xs: { type: array }
        outputs:
          o: { type: object, value: $steps.ghost2.output }
        steps:
          - { id: a, type: exit, status: success, each: $inputs.xs, condition: $steps.ghost.output }
          - { id: a, type: tool, tool: t, delay: 1s }
          - { id: c, type: conditional, condition: "true", then: [nope], each: $inputs.xs }
          - { id: d, type: tool, tool: t, concurrency: 2, timeout: 0ms }
      `).map((e) => e.path),
    ).toEqual([
      "steps[1].id",
      "steps[0].each",
      "steps[0].condition",
      "steps[1].delay",
      "steps[2].each",
      "steps[2].then",
      "outputs.o.value",
      "steps[3].timeout",
      "steps[3].concurrency",
    ]);
  });
});
