// Issue 13 at the CLI: missing keys are user errors, skills are found as the docs say, eval init
// writes a starter suite, modes and -j reach the report, replays are marked, errors give "no data".
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitTypeFor } from "@skillflow/evals/testing";
import { loadSuite } from "@skillflow/evals";
import { judgeName } from "../src/evals/judge.js";
import { REPO_ROOT, cli, fakeAnthropic, freshHome, type FakeAnthropicReply } from "./helpers.js";

const SKILL = path.join(REPO_ROOT, "examples/commit-message");
const EXAMPLES = path.join(REPO_ROOT, "examples");

type Block = { type: string; text?: string };
type Body = { model: string; system?: string | Block[]; messages: { content: string | Block[] }[] };

/** A model the skill helps: activates it when offered, follows it when activated or loaded. */
function helps(body: Body): FakeAnthropicReply {
  const system =
    typeof body.system === "string" ? body.system : (body.system ?? []).map((b) => b.text).join("");
  const blocks = body.messages.flatMap((m) =>
    typeof m.content === "string" ? [{ type: "text", text: m.content }] : m.content,
  );
  const used =
    blocks.some((b) => b.type === "tool_result") ||
    system.includes('<skill_content name="commit-message">');
  if (!used && system.includes("<name>commit-message</name>"))
    return {
      content: [
        {
          type: "tool_use",
          id: "toolu_1",
          name: "activate_skill",
          input: { name: "commit-message" },
        },
      ],
      stop_reason: "tool_use",
    };
  const task = blocks.find((b) => b.type === "text")?.text ?? "";
  const kind = commitTypeFor(task);
  return {
    content: [{ type: "text", text: used ? `${kind}(core): update ${kind} handling` : "Updated." }],
    stop_reason: "end_turn",
  };
}

let fake: Awaited<ReturnType<typeof fakeAnthropic>>;
beforeAll(async () => {
  fake = await fakeAnthropic((body) => helps(body as unknown as Body));
});
afterAll(() => fake.close());

const keyed = (home: string) => ({
  ANTHROPIC_API_KEY: "sk-test-123456",
  ANTHROPIC_BASE_URL: fake.url,
  SKILLFLOW_HOME: home,
});

const scratch = () => mkdtempSync(path.join(tmpdir(), "eval-cli-"));

/** A user error: exit 2, a coded message, never an internal error or a stack. */
function expectUserError(result: { code: number; stderr: string }, code: string, names: string) {
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`error ${code}`);
  expect(result.stderr).toContain(names);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe("a missing provider key or base URL", () => {
  const cases: [string, string[], Record<string, string>, string][] = [
    [
      "eval, anthropic",
      ["eval", SKILL, "-m", "anthropic:claude-haiku-4-5"],
      {},
      "ANTHROPIC_API_KEY",
    ],
    ["eval, openai", ["eval", SKILL, "-m", "openai:gpt-5-mini"], {}, "OPENAI_API_KEY"],
    [
      "eval, the second model",
      ["eval", SKILL, "-m", "anthropic:a", "-m", "openai:b"],
      { ANTHROPIC_API_KEY: "sk-x" },
      "OPENAI_API_KEY",
    ],
    [
      "eval, openai-compatible",
      ["eval", SKILL, "-m", "openai-compatible:llama3"],
      {},
      "SKILLFLOW_OPENAI_COMPATIBLE_BASE_URL",
    ],
    ["agent, the default model", ["agent", "hello", "--no-tools"], {}, "ANTHROPIC_API_KEY"],
    [
      "agent, openai-compatible",
      ["agent", "hello", "-m", "openai-compatible:x", "--no-tools"],
      {},
      "SKILLFLOW_OPENAI_COMPATIBLE_BASE_URL",
    ],
    [
      "agent, a base URL that is no URL",
      ["agent", "hello", "-m", "openai:x", "--no-tools"],
      { OPENAI_API_KEY: "sk-x", OPENAI_BASE_URL: "not a url" },
      "OPENAI_BASE_URL",
    ],
  ];
  for (const [label, argv, env, variable] of cases)
    it(`is a user error naming the variable (${label})`, async () => {
      const result = await cli(argv, {
        cwd: scratch(),
        env: { ...env, SKILLFLOW_HOME: freshHome() },
      });
      expectUserError(result, "INVALID_CONFIG", variable);
      expect(result.stdout).toBe("");
    });

  it("names a malformed model as a bad argument", async () => {
    const result = await cli(["agent", "hi", "-m", "anthropic:", "--no-tools"], {
      cwd: scratch(),
      env: { SKILLFLOW_HOME: freshHome() },
    });
    expectUserError(result, "BAD_ARGUMENTS", "anthropic:");
  });
});

describe("finding the skill", () => {
  it("takes a skill name with --source, and says what to pass when none is found", async () => {
    const home = freshHome();
    const cwd = scratch();
    const missing = await cli(["eval", "commit-message"], { cwd, env: keyed(home) });
    expectUserError(missing, "FILE_NOT_FOUND", "--source <folder>");
    const found = await cli(
      [
        "eval",
        "commit-message",
        "--source",
        EXAMPLES,
        "--repeat",
        "1",
        "--no-tools",
        "--format",
        "json",
      ],
      { cwd, env: keyed(home) },
    );
    expect(found.stderr).toMatch(/^report saved to \S+\.json\n$/);
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout)).toMatchObject({ skill: "commit-message", mode: "catalog" });
  });
});

describe("skillflow eval init", () => {
  it("writes a starter suite that loads, and never overwrites one without --force", async () => {
    const root = scratch();
    const dir = path.join(root, "my-skill");
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, "SKILL.md"),
      "---\nname: my-skill\ndescription: Does my things.\n---\nDo it.\n",
    );
    const env = { SKILLFLOW_HOME: freshHome() };
    const first = await cli(["eval", "init", dir], { cwd: root, env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("my-skill/evals/evals.json");
    const file = path.join(dir, "evals", "evals.json");
    const loaded = await loadSuite(dir);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.suite).toMatchObject({ skillName: "my-skill" });
    expect(loaded.suite!.cases[0]!.assertions.map((a) => a.type)).toEqual([
      "contains",
      "regex",
      "not-contains",
      "skill-used",
    ]);
    writeFileSync(file, '{"skill_name":"my-skill","evals":[]}');
    const again = await cli(["eval", "init", dir], { cwd: root, env });
    expectUserError(again, "BAD_ARGUMENTS", "--force");
    expect(readFileSync(file, "utf8")).toBe('{"skill_name":"my-skill","evals":[]}');
    const forced = await cli(["eval", "init", dir, "--force"], { cwd: root, env });
    expect(forced.code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain('"skill_name": "my-skill"');
    // A YAML suite counts as a suite too.
    const other = path.join(root, "other");
    mkdirSync(path.join(other, "evals"), { recursive: true });
    cpSync(path.join(dir, "SKILL.md"), path.join(other, "SKILL.md"));
    cpSync(path.join(dir, "evals", "evals.json"), path.join(other, "evals", "evals.yaml"));
    const yaml = await cli(["eval", "init", other], { cwd: root, env });
    expectUserError(yaml, "BAD_ARGUMENTS", "evals.yaml exists already");
    expect(existsSync(path.join(other, "evals", "evals.json"))).toBe(false);
    // So does a link to one that is not there (yet).
    const third = path.join(root, "third");
    mkdirSync(path.join(third, "evals"), { recursive: true });
    cpSync(path.join(dir, "SKILL.md"), path.join(third, "SKILL.md"));
    symlinkSync(path.join(root, "nowhere.yaml"), path.join(third, "evals", "evals.yaml"));
    const dangling = await cli(["eval", "init", third], { cwd: root, env });
    expectUserError(dangling, "BAD_ARGUMENTS", "evals.yaml exists already");
  });
});

describe("skillflow eval init refuses an evals entry it cannot write safely", () => {
  /** A skill folder whose `evals` is made by `arrange`. */
  function skillWith(arrange: (dir: string) => void): string {
    const dir = path.join(scratch(), "my-skill");
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, "SKILL.md"),
      "---\nname: my-skill\ndescription: Does it.\n---\nDo.\n",
    );
    arrange(dir);
    return dir;
  }
  const env = () => ({ SKILLFLOW_HOME: freshHome() });

  it.each([[[]], [["--force"]]])(
    "writes nothing through a link out of the skill %j",
    async (more) => {
      const outside = scratch();
      const dir = skillWith((d) => symlinkSync(outside, path.join(d, "evals")));
      const result = await cli(["eval", "init", dir, ...more], { cwd: dir, env: env() });
      expectUserError(
        result,
        "BAD_ARGUMENTS",
        "evals is a link that leads out of the skill folder",
      );
      expect(readdirSync(outside)).toEqual([]);
    },
  );

  it("accepts a link to a folder inside the skill", async () => {
    const dir = skillWith((d) => {
      mkdirSync(path.join(d, "tests"));
      symlinkSync(path.join(d, "tests"), path.join(d, "evals"));
    });
    const result = await cli(["eval", "init", dir], { cwd: dir, env: env() });
    expect(result.code).toBe(0);
    expect(existsSync(path.join(dir, "tests", "evals.json"))).toBe(true);
  });

  it.each([[[]], [["--force"]]])("refuses an evals file, not a folder %j", async (more) => {
    const dir = skillWith((d) => writeFileSync(path.join(d, "evals"), "notes"));
    const result = await cli(["eval", "init", dir, ...more], { cwd: dir, env: env() });
    expectUserError(result, "BAD_ARGUMENTS", "evals is not a folder");
    expect(readFileSync(path.join(dir, "evals"), "utf8")).toBe("notes");
  });

  it("refuses an evals/evals.json folder, with and without --force", async () => {
    const dir = skillWith((d) =>
      mkdirSync(path.join(d, "evals", "evals.json"), { recursive: true }),
    );
    expectUserError(
      await cli(["eval", "init", dir], { cwd: dir, env: env() }),
      "BAD_ARGUMENTS",
      "exists already",
    );
    const forced = await cli(["eval", "init", dir, "--force"], { cwd: dir, env: env() });
    expectUserError(forced, "BAD_ARGUMENTS", "evals.json: it is a folder");
    expect(readdirSync(path.join(dir, "evals"))).toEqual(["evals.json"]);
  });
});

describe("an output file that cannot be written is a user error", () => {
  it("eval -o naming a folder is refused before anything runs", async () => {
    const cwd = scratch();
    const result = await cli(["eval", SKILL, "-m", "anthropic:x", "-o", cwd], {
      cwd,
      env: { SKILLFLOW_HOME: freshHome() },
    });
    expectUserError(result, "BAD_ARGUMENTS", "is a folder");
  });

  it.each([
    ["a folder", (cwd: string) => cwd],
    ["under a file", (cwd: string) => path.join(cwd, "file.txt", "out.ndjson")],
  ])("runs export --out %s", async (_name, out) => {
    const cwd = scratch();
    writeFileSync(path.join(cwd, "file.txt"), "x");
    const result = await cli(["runs", "export", "--out", out(cwd)], {
      cwd,
      env: { SKILLFLOW_HOME: freshHome() },
    });
    expectUserError(result, "BAD_ARGUMENTS", "cannot write");
  });
});

describe("skillflow eval runs", () => {
  it("say which mode ran, give the same report at -j 4, and mark replays in the history", async () => {
    const home = freshHome();
    const cwd = scratch();
    const base = ["eval", SKILL, "-m", "anthropic:fake-helps", "--repeat", "2", "--format", "json"];
    const run = async (...more: string[]) => {
      const result = await cli([...base, ...more], { cwd, env: keyed(home) });
      expect(result.stderr).toMatch(/^report saved to \S+\.json\n$/);
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as {
        mode: string;
        replay: boolean;
        models: { verdict: string }[];
        trials: { caseId: string; condition: string; outcome: string; output: string }[];
      };
    };
    const strip = (r: Awaited<ReturnType<typeof run>>) =>
      r.trials.map((t) => [t.caseId, t.condition, t.outcome, t.output]);
    const loaded = await run("--mode", "loaded", "--record");
    expect(loaded.mode).toBe("loaded");
    expect(loaded.models[0]!.verdict).toBe("helps");
    const parallel = await run("--mode", "loaded", "-j", "4");
    expect(strip(parallel)).toEqual(strip(loaded));
    const replayed = await cli([...base, "--mode", "loaded", "--replay"], {
      cwd,
      // A replay calls no provider: it needs no key.
      env: { SKILLFLOW_HOME: home },
    });
    expect(replayed.code).toBe(0);
    expect(JSON.parse(replayed.stdout)).toMatchObject({ replay: true, mode: "loaded" });
    const history = await cli(["eval", "history", "commit-message", "--json"], {
      cwd,
      env: keyed(home),
    });
    const records = JSON.parse(history.stdout) as { mode: string; replay?: boolean }[];
    expect(records.map((r) => [r.mode, r.replay === true])).toEqual([
      ["loaded", false],
      ["loaded", false],
      ["loaded", true],
    ]);
    const text = await cli(["eval", "history", "commit-message"], { cwd, env: keyed(home) });
    expect(text.stdout.trim().split("\n").at(-1)).toMatch(/\(loaded, replay\)$/);
    const bad = await cli([...base, "--mode", "preloaded"], { cwd, env: keyed(home) });
    expectUserError(bad, "BAD_ARGUMENTS", "--mode preloaded");
    const jobs = await cli([...base, "-j", "0"], { cwd, env: keyed(home) });
    expectUserError(jobs, "BAD_ARGUMENTS", "--jobs 0");
  });

  it("gives no data with the provider's error when every trial errored", async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () =>
        res.writeHead(401, { "content-type": "application/json" }).end(
          JSON.stringify({
            type: "error",
            error: { type: "authentication_error", message: "invalid x-api-key" },
          }),
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await cli(
        [
          "eval",
          SKILL,
          "-m",
          "anthropic:fake",
          "--repeat",
          "1",
          "--no-tools",
          "--fail-on",
          "hurts",
        ],
        { cwd: scratch(), env: { ...keyed(freshHome()), ANTHROPIC_BASE_URL: url } },
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("anthropic:fake: NO DATA");
      expect(result.stdout).toMatch(/anthropic:fake: 16 trial\(s\) errored: .*invalid x-api-key/);
      expect(result.stdout).not.toContain("NO CLEAR EFFECT");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("the default judge", () => {
  const env = { ANTHROPIC_API_KEY: "sk-a", OPENAI_API_KEY: "sk-o" };
  it("is another usable model than the one under test, else the model itself", () => {
    const candidates = ["anthropic:a", "openai:b", "anthropic:default"];
    expect(judgeName("anthropic:a", { candidates, env })).toBe("openai:b");
    expect(judgeName("openai:b", { candidates, env })).toBe("anthropic:a");
    // A candidate whose key is missing is passed over.
    expect(judgeName("anthropic:a", { candidates, env: { ANTHROPIC_API_KEY: "sk-a" } })).toBe(
      "anthropic:default",
    );
    expect(judgeName("anthropic:a", { candidates: ["anthropic:a"], env })).toBe("anthropic:a");
    expect(judgeName("anthropic:a", { explicit: "anthropic:a", candidates, env })).toBe(
      "anthropic:a",
    );
  });
});
