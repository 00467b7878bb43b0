// Every package packed with `npm pack`, installed offline in a scratch project without vitest, and used
// through its public entries: imports, a workflow run, the virtual clock, a SQLite history, the bin, the types.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers.js";
import { childEnv, installScratchProject, type Packed } from "./_scratch.js";

const PACKAGES = [
  "workflow",
  "tools",
  "store",
  "skills",
  "evals",
  "service",
  "mcp",
  "dashboard",
  "cli",
];

/** What a built package has (default `dist/index.js`). */
const BUILT: Partial<Record<string, string>> = { dashboard: "dist/app/index.html" };

/** Runs in the scratch project; prints one JSON line. */
const PROBE = `
import { createRequire } from "node:module";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const require = createRequire(import.meta.url);
const entries = [
  "@skillflow/workflow", "@skillflow/workflow/compat", "@skillflow/workflow/testing",
  "@skillflow/tools", "@skillflow/store", "@skillflow/store/testing", "@skillflow/skills",
  "@skillflow/evals", "@skillflow/evals/testing", "@skillflow/mcp", "@skillflow/dashboard", "skillflow",
];
const loaded = {};
for (const spec of entries) {
  try { loaded[spec] = Object.keys(await import(spec)).length > 0 ? "ok" : "empty"; }
  catch (error) { loaded[spec] = String(error.code ?? error.message); }
}
const failures = {};
for (const spec of ["@skillflow/workflow/testing/contract", "@skillflow/store/testing/contract",
  "@skillflow/workflow/dist/index.js", "vitest"]) {
  try { await import(spec); failures[spec] = "loaded"; }
  catch (error) { failures[spec] = error.code + (/'vitest'/.test(error.message) ? " vitest" : ""); }
}
const { MockToolAdapter, runWorkflowSkill } = await import("@skillflow/workflow");
const { createTestServices } = await import("@skillflow/workflow/testing");
const services = createTestServices();
const tools = new MockToolAdapter().register("echo", (args) => ({ output: args }));
const log = await runWorkflowSkill({
  content: "steps:\\n  - { id: a, type: tool, tool: echo, inputs: { x: { type: int, value: 1 } } }\\n",
  toolAdapter: tools,
  services,
});
const { openSqliteRunStore, SCHEMA_VERSION } = await import("@skillflow/store");
const { testRunEvents, testRunLog, testRunStart } = await import("@skillflow/store/testing");
const store = await openSqliteRunStore({ path: join(mkdtempSync(join(tmpdir(), "sf-")), "h.db") });
const start = testRunStart("run-1");
const recorder = store.begin(start);
for (const event of testRunEvents()) recorder.event(event);
recorder.finish(testRunLog(start));
const stored = await store.get("run-1");
await store.close();
const { createStandardTools } = await import("@skillflow/tools");
const standard = createStandardTools({ workspaceRoot: process.cwd(), env: {} });
console.log(JSON.stringify({
  loaded, failures,
  run: { status: log.status, output: log.steps[0]?.output, startedAt: log.started_at },
  history: { status: stored?.status, schema: typeof SCHEMA_VERSION },
  tools: standard.has("llm") && standard.has("web_fetch"),
  schema: require("@skillflow/workflow/schema.json").type,
  authoring: require.resolve("@skillflow/workflow/skill/SKILL.md").endsWith("SKILL.md"),
}));
`;

/** A consumer's TypeScript: the public types of every entry, checked by tsc with skipLibCheck off. */
const CONSUMER = `
import { MockToolAdapter, runWorkflowSkill, type RunLog } from "@skillflow/workflow";
import { createTestServices } from "@skillflow/workflow/testing";
import { createStandardTools, type ToolDefinition } from "@skillflow/tools";
import { openSqliteRunStore, type RunStore } from "@skillflow/store";
import { testRunStart } from "@skillflow/store/testing";
import { SkillLibrary } from "@skillflow/skills";
import { runAgent } from "@skillflow/evals";
import { scriptedModel } from "@skillflow/evals/testing";
import { nodeIo, run } from "skillflow";

export const log: Promise<RunLog> = runWorkflowSkill({
  content: "",
  toolAdapter: new MockToolAdapter(),
  services: createTestServices(),
});
export const exitCode: Promise<number> = run(["--version"], nodeIo());
export type Used = [RunStore, ToolDefinition, typeof openSqliteRunStore, typeof testRunStart];
export { createStandardTools, SkillLibrary, runAgent, scriptedModel };
// @ts-expect-error: reported only when the types resolved (any would accept it).
export const wrong: RunLog = 1;
`;

let dir: string;
let app: string;
let packed: Packed[];

beforeAll(() => {
  const missing = PACKAGES.filter(
    (p) => !existsSync(path.join(REPO_ROOT, "packages", p, BUILT[p] ?? "dist/index.js")),
  );
  expect(missing, "the packages are not built: run `npm run build` first").toEqual([]);
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), "skillflow-pack-")));
  ({ app, packed } = installScratchProject(dir));
}, 120_000);

// A scratch install holds thousands of files: removing them takes more than 10 s on a busy machine.
afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}, 120_000);

function node(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: app, env: childEnv(), encoding: "utf8" });
}

describe("the packed packages", () => {
  it("hold built code, types, the package.json, a README and the licence; no sources, tests or maps", () => {
    expect(packed.map((p) => p.name).sort()).toEqual([
      "@skillflow/dashboard",
      "@skillflow/evals",
      "@skillflow/mcp",
      "@skillflow/service",
      "@skillflow/skills",
      "@skillflow/store",
      "@skillflow/tools",
      "@skillflow/workflow",
      "skillflow",
    ]);
    for (const pack of packed) {
      expect(pack.files, pack.name).toContain("package.json");
      expect(pack.files, pack.name).toContain("LICENSE");
      expect(pack.files, pack.name).toContain("README.md");
      expect(pack.files, pack.name).toContain("dist/index.js");
      expect(pack.files, pack.name).toContain("dist/index.d.ts");
      // The dashboard's web app, built into dist/app/ (its Node entry only says where that is).
      if (pack.name === "@skillflow/dashboard")
        expect(pack.files, pack.name).toContain("dist/app/index.html");
      const stray = pack.files.filter(
        (f) => /^(src|test)\//.test(f) || f.endsWith(".map") || f.endsWith(".tsbuildinfo"),
      );
      expect(stray, pack.name).toEqual([]);
    }
  });

  it("install offline in a project without vitest and work through their public entries", () => {
    writeFileSync(path.join(app, "probe.mjs"), PROBE);
    const child = node(["probe.mjs"]);
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const probe = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
    expect(probe).toEqual({
      loaded: {
        "@skillflow/workflow": "ok",
        "@skillflow/workflow/compat": "ok",
        "@skillflow/workflow/testing": "ok",
        "@skillflow/tools": "ok",
        "@skillflow/store": "ok",
        "@skillflow/store/testing": "ok",
        "@skillflow/skills": "ok",
        "@skillflow/evals": "ok",
        "@skillflow/evals/testing": "ok",
        "@skillflow/mcp": "ok",
        "@skillflow/dashboard": "ok",
        skillflow: "ok",
      },
      // The vitest suites need vitest (an optional peer); internal paths are not exported.
      failures: {
        "@skillflow/workflow/testing/contract": "ERR_MODULE_NOT_FOUND vitest",
        "@skillflow/store/testing/contract": "ERR_MODULE_NOT_FOUND vitest",
        "@skillflow/workflow/dist/index.js": "ERR_PACKAGE_PATH_NOT_EXPORTED",
        vitest: "ERR_MODULE_NOT_FOUND vitest",
      },
      run: { status: "success", output: { x: 1 }, startedAt: "2026-01-01T00:00:00.000Z" },
      history: { status: "success", schema: "number" },
      tools: true,
      schema: "object",
      authoring: true,
    });
  });

  it("install the skillflow command", () => {
    const bin = path.join(app, "node_modules/.bin/skillflow");
    const version = spawnSync(bin, ["--version"], { cwd: app, env: childEnv(), encoding: "utf8" });
    expect(version.stdout.trim()).toBe(packed.find((p) => p.name === "skillflow")!.version);
    expect(version.status).toBe(0);
    writeFileSync(
      path.join(app, "flow.md"),
      "steps:\n  - { id: a, type: tool, tool: file_read }\n",
    );
    const check = spawnSync(bin, ["validate", "--no-tools", "flow.md"], {
      cwd: app,
      env: { ...childEnv(), SKILLFLOW_HOME: path.join(dir, "home") },
      encoding: "utf8",
    });
    expect(check.status).toBe(0);
  });

  it(
    "type-check in a consumer's project: no error in their declaration files",
    { timeout: 60_000 },
    () => {
      writeFileSync(path.join(app, "consumer.ts"), CONSUMER);
      const tsconfig = {
        compilerOptions: {
          target: "ES2023",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ["node"],
          typeRoots: [path.join(REPO_ROOT, "node_modules/@types")],
        },
        files: ["consumer.ts"],
      };
      writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify(tsconfig));
      const tsc = node([path.join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", "."]);
      // Third-party declaration files are theirs to fix (the AI SDK's import json-schema types).
      const ours = tsc.stdout
        .split("\n")
        .filter((line) => /^(consumer\.ts|node_modules\/(@skillflow\/|skillflow\/))/.test(line));
      expect(tsc.stderr).toBe("");
      expect(ours).toEqual([]);
    },
  );
});
