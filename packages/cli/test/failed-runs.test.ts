// Failed runs explain themselves: absent outputs, partial labels, and never an internal error.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, cli, freshHome } from "./helpers.js";

let project: string;

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), "skillflow-failed-"));
  await writeFile(path.join(project, "data.txt"), "hello\n");
  await writeFile(
    path.join(project, "data.json"),
    JSON.stringify({ data: ["data.txt", "missing.txt", 3, null], items: [{ a: 2 }, { a: "x" }] }),
  );
});

/** A workflow document around a `workflow` block given as a value (JSON is YAML). */
const documentOf = (workflow: unknown) =>
  `---\nname: generated\ndescription: generated\n---\n\n\`\`\`workflow\n${JSON.stringify(workflow, null, 2)}\n\`\`\`\n`;

async function runDocument(workflow: unknown, argv: readonly string[] = [], home = freshHome()) {
  const file = path.join(project, `w-${Math.random().toString(36).slice(2)}.md`);
  await writeFile(file, documentOf(workflow));
  return cli(["run", file, ...argv], { cwd: project, env: { SKILLFLOW_HOME: home } });
}

const missingRead = {
  outputs: { x: { type: "string", value: "$steps.a.output.content" } },
  steps: [
    {
      id: "a",
      type: "tool",
      tool: "file_read",
      inputs: { path: { type: "string", value: "missing.txt" } },
    },
  ],
};

describe("a failed run's summary", () => {
  it("shows an output that reads a failed step as absent, labelled partial, and the run id", async () => {
    const result = await runDocument(missingRead);
    expect(result.stderr).not.toContain("internal error");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("partial outputs");
    expect(result.stdout).toMatch(/\nx\n\(absent\)\n/);
    expect(result.stdout).toMatch(/run [0-9a-f-]{36} recorded/);
  });

  it("labels present outputs of a failed run partial in `run` and in `runs show`", async () => {
    const home = freshHome();
    const result = await runDocument(
      {
        outputs: {
          changed: { type: "boolean", value: true },
          x: { type: "string", value: "$steps.a.output.content" },
        },
        steps: missingRead.steps,
      },
      [],
      home,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/partial outputs[^\n]*\n\nchanged\ntrue\n/);
    const id = /run ([0-9a-f-]{36}) recorded/.exec(result.stdout)?.[1];
    expect(id).toBeDefined();
    const shown = await cli(["runs", "show", id!], { cwd: project, env: { SKILLFLOW_HOME: home } });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("Partial outputs");
    expect(shown.stdout).toContain("changed: true");
  });

  it("does not label the outputs of a successful run partial", async () => {
    const result = await runDocument({
      outputs: { x: { type: "string", value: "$steps.a.output.content" } },
      steps: [
        {
          id: "a",
          type: "tool",
          tool: "file_read",
          inputs: { path: { type: "string", value: "data.txt" } },
        },
      ],
    });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("partial");
    expect(result.stdout).toMatch(/\nx\nhello\n/);
  });

  it("docs/cli.md's page-digest example fails offline with its reason, not an internal error", async () => {
    // A private address is refused before any connection: the same failure as being offline.
    const result = await cli(
      ["run", path.join(REPO_ROOT, "examples/page-digest"), "-i", "url=http://127.0.0.1:9/"],
      { cwd: project, env: { SKILLFLOW_HOME: freshHome() } },
    );
    expect(result.stderr).not.toContain("internal error");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("partial outputs");
    expect(result.stdout).toMatch(/run [0-9a-f-]{36} recorded/);
  }, 30_000);
});

// ---------------------------------------------------------------------------------------------
// Property: whatever a workflow and its tools produce, `run` ends with exit 0, 1 or 2 and never
// prints an internal error.

const reference = (ids: readonly string[]) =>
  fc
    .tuple(
      fc.constantFrom(...ids),
      fc.constantFrom("content", "data", "items", "data.0", "missing", "length"),
    )
    .map(([id, field]) => `$steps.${id}.output.${field}`);

type Text = fc.Arbitrary<string>;

/** A file tool reading `path` (a constant or a reference), optionally over `each` and with a retry. */
function readStep(id: string, pathValue: Text, each: fc.Arbitrary<string | undefined>) {
  return fc
    .record({
      tool: fc.constantFrom("file_read", "file_read_json"),
      path: pathValue,
      each,
      retry: fc.option(fc.constant({ max: 1, delay: "1ms", backoff: 1 }), { nil: undefined }),
    })
    .map(({ tool, path: p, each: over, retry }) => ({
      id,
      type: "tool",
      tool,
      ...(over === undefined ? {} : { each: over }),
      ...(retry === undefined ? {} : { retry }),
      inputs: { path: { type: "string", value: over === undefined ? p : "$item" } },
      outputs: {
        content: { type: "string", value: "$result.content" },
        data: { type: "array", value: "$result.data.data" },
        items: { type: "array", value: "$result.data.items" },
      },
    }));
}

/** Tools that fail without a network: a refused private address, a bad URL, a model with no key. */
function offlineStep(id: string) {
  return fc
    .constantFrom(
      { tool: "web_fetch", inputs: { url: { type: "string", value: "http://127.0.0.1:9/" } } },
      { tool: "web_fetch", inputs: { url: { type: "string", value: "not a url" } } },
      { tool: "http", inputs: { url: { type: "string", value: "http://[::1]:9/" } } },
      { tool: "llm", inputs: { prompt: { type: "string", value: "hi" } } },
    )
    .map((spec) => ({ id, type: "tool", ...spec }));
}

/** Step `id` after the steps `before`; the first step reads no earlier step, so it has only constants. */
function stepArbitrary(id: string, before: readonly string[]) {
  const constant = fc.constantFrom("data.txt", "data.json", "missing.txt", "../outside.txt");
  if (before.length === 0) {
    return fc.oneof(readStep(id, constant, fc.constant(undefined)), offlineStep(id));
  }
  const ref = reference(before);
  const common = fc.record(
    {
      on_error: fc.constantFrom("fail", "ignore"),
      condition: fc.oneof(
        ref.map((r) => `${r} == ""`),
        ref.map((r) => `${r}.length > 1`),
      ),
    },
    { requiredKeys: [] },
  );
  const transform = fc
    .tuple(fc.constantFrom("filter", "map", "sort"), ref)
    .map(([operation, items]) => ({
      id,
      type: "transform",
      operation,
      ...(operation === "filter" ? { where: "$item.a > 1" } : {}),
      ...(operation === "map" ? { expression: { v: "$item.a", w: "$item.a.b.c" } } : {}),
      ...(operation === "sort" ? { field: "a" } : {}),
      inputs: { items: { type: "array", value: items } },
      outputs: { items: { type: "array" } },
    }));
  const exit = fc
    .tuple(ref, fc.constantFrom("success", "failed"), ref)
    .map(([condition, status, value]) => ({
      id,
      type: "exit",
      condition: `${condition} == null`,
      status,
      output: { x: value, y: `\${${value.slice(1)}} and more` },
    }));
  const read = readStep(id, fc.oneof(constant, ref), fc.option(ref, { nil: undefined }));
  return fc
    .tuple(fc.oneof(read, offlineStep(id), transform, exit), common)
    .map(([step, extra]) => ({ ...extra, ...step }));
}

const workflowArbitrary = fc.integer({ min: 1, max: 4 }).chain((count) => {
  const ids = Array.from({ length: count }, (_, i) => `s${i}`);
  const steps = fc.tuple(...ids.map((id, i) => stepArbitrary(id, ids.slice(0, i))));
  const outputs = fc.dictionary(
    fc.constantFrom("x", "y", "z"),
    fc.record({
      type: fc.constantFrom("string", "int", "float", "boolean", "array", "object"),
      value: fc.oneof(
        reference(ids),
        reference(ids).map((r) => `\${${r.slice(1)}}!`),
      ),
    }),
  );
  return fc.record({ outputs, steps });
});

describe("property: a failing workflow never makes `run` print an internal error", () => {
  it("holds for generated workflows in every output mode", async () => {
    await fc.assert(
      fc.asyncProperty(
        workflowArbitrary,
        fc.constantFrom<string[]>([], ["--json"], ["--quiet"], ["--no-history"]),
        async (workflow, flags) => {
          const result = await runDocument(workflow, flags);
          expect(result.stderr).not.toContain("internal error");
          expect([0, 1, 2]).toContain(result.code);
          if (flags.includes("--json") && result.code !== 2) {
            expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
          }
          if (flags.length === 0 && result.code === 1) {
            expect(result.stdout).toMatch(/run [0-9a-f-]{36} recorded/);
          }
        },
      ),
      { numRuns: 60, seed: 1313 },
    );
  }, 120_000);
});
