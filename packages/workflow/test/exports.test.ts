// Smoke test of the BUILT package: every entry of the exports map resolves to dist in a plain Node
// process (no @skillflow/source condition) and exposes the expected names (§8.1, §8.3).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = resolve(PACKAGE, "../..");
const DIST_ENTRIES = ["index.js", "compat.js", "testing/index.js", "testing/contract.js"].map((f) =>
  resolve(PACKAGE, "dist", f),
);

/** Runs in a child `node` from the repo root; prints one JSON line describing what it found. */
const PROBE = `
import { createRequire } from "node:module";
const describe = (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v]));
const main = await import("@skillflow/workflow");
const compat = await import("@skillflow/workflow/compat");
const testing = await import("@skillflow/workflow/testing");
const contract = await import("@skillflow/workflow/testing/contract");
const require = createRequire(process.cwd() + "/");
const schema = require("@skillflow/workflow/schema.json");
const pkg = require("@skillflow/workflow/package.json");
let internal = "resolved";
try { await import("@skillflow/workflow/dist/index.js"); } catch (e) { internal = e.code; }
const adapter = new main.MockToolAdapter().register("echo", (args) => ({ output: args }));
const log = await main.runWorkflowSkill({
  content: "steps:\\n  - { id: a, type: tool, tool: echo, inputs: { x: { type: int, value: 1 } } }\\n",
  toolAdapter: adapter,
});
console.log(JSON.stringify({
  resolved: {
    main: import.meta.resolve("@skillflow/workflow"),
    compat: import.meta.resolve("@skillflow/workflow/compat"),
    testing: import.meta.resolve("@skillflow/workflow/testing"),
    contract: import.meta.resolve("@skillflow/workflow/testing/contract"),
  },
  main: describe(main),
  compat: describe(compat),
  testing: describe(testing),
  contract: describe(contract),
  schema: { type: schema.type, required: schema.required },
  name: pkg.name,
  internal,
  authoring: main.AUTHORING_SKILL.slice(0, 3),
  run: { status: log.status, output: log.steps[0]?.output },
}));
`;

interface Probe {
  resolved: Record<"main" | "compat" | "testing" | "contract", string>;
  main: Record<string, string>;
  compat: Record<string, string>;
  testing: Record<string, string>;
  contract: Record<string, string>;
  schema: { type: unknown; required: unknown };
  name: string;
  internal: string;
  authoring: string;
  run: { status: string; output: unknown };
}

let cached: Probe | undefined;

/** Checks that dist exists (failing with a hint to build), then runs the probe once. */
function built(): Probe {
  if (cached) return cached;
  const missing = DIST_ENTRIES.filter((f) => !existsSync(f));
  expect(
    missing,
    `packages/workflow/dist is missing or incomplete — run \`npm run build\` first (missing: ${missing.join(", ")})`,
  ).toEqual([]);
  const env = { ...process.env };
  delete env["NODE_OPTIONS"];
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", PROBE], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 15_000,
  });
  expect(child.status, `probe failed:\n${child.stderr}`).toBe(0);
  cached = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Probe;
  return cached;
}

describe("built package exports map", () => {
  it("resolves every entry to dist, not to the TypeScript sources", () => {
    const probe = built();
    expect(probe.resolved.main).toMatch(/\/packages\/workflow\/dist\/index\.js$/);
    expect(probe.resolved.compat).toMatch(/\/packages\/workflow\/dist\/compat\.js$/);
    expect(probe.resolved.testing).toMatch(/\/packages\/workflow\/dist\/testing\/index\.js$/);
    expect(probe.resolved.contract).toMatch(/\/packages\/workflow\/dist\/testing\/contract\.js$/);
  });

  it("the main entry exposes the required API (§8.1)", () => {
    const probe = built();
    expect(probe.main).toMatchObject({
      runWorkflowSkill: "function",
      runWorkflow: "function",
      validateWorkflowSkill: "function",
      validateWorkflow: "function",
      parseWorkflowFromMd: "function",
      MockToolAdapter: "function",
      AUTHORING_SKILL: "string",
      clearWorkflowCache: "function",
    });
    expect(probe.authoring).toBe("---");
  });

  it("the compat entry exposes the reference's other exports (§8.3)", () => {
    const probe = built();
    expect(probe.compat).toMatchObject({
      parseSkillMd: "function",
      parseWorkflowYaml: "function",
      ParseError: "function",
      resolveExpression: "function",
      resolveTemplate: "function",
      StepExecutionError: "function",
      WorkflowExecutionError: "function",
      buildFailedRunLog: "function",
      dispatch: "function",
      loadConfig: "function",
    });
  });

  it("the testing entry holds the test services; the vitest contract suite has its own entry", () => {
    const probe = built();
    expect(probe.testing).toEqual({ createTestServices: "function", seededRandom: "function" });
    expect(probe.contract).toEqual({ describeToolAdapterContract: "function" });
  });

  it("ships the JSON schema and package.json; internal paths are not exported", () => {
    const probe = built();
    expect(probe.schema.type).toBe("object");
    expect(probe.schema.required).toContain("steps");
    expect(probe.name).toBe("@skillflow/workflow");
    expect(probe.internal).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  it("runs a workflow from the built code", () => {
    const probe = built();
    expect(probe.run).toEqual({ status: "success", output: { x: 1 } });
  });
});
