// Every skill in examples/ run through the CLI: repo-activity (the README's first command) on this
// repository's git history, triage-issues on its bundled export, page-digest against a local site
// and a local fake of the Anthropic API.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, REPO_ROOT, cli, fakeAnthropic, freshHome, temp, trustedEnv } from "./helpers.js";

const EXAMPLES = path.join(REPO_ROOT, "examples");

/** The README's way in: the user trusts this repository (its shell.allow), then runs. */
let trusted: { SKILLFLOW_CONFIG_HOME: string };
beforeAll(async () => {
  trusted = await trustedEnv(REPO_ROOT);
});

it("runs every example in examples/ in this file", () => {
  // skill-library holds instruction skills (no workflow): they are validated, routed and activated.
  // commit-message is evaluated (with vs without) by packages/evals/test/eval and by `skillflow eval` below.
  // from-code is the README's TypeScript snippet, run by packages/workflow/test/readme.test.ts.
  const covered = [
    "activity-by-kind",
    "commit-message",
    "commits-of-kind",
    "from-code",
    "page-digest",
    "release-announcement",
    "repo-activity",
    "skill-library",
    "triage-issues",
  ];
  expect(readdirSync(EXAMPLES).sort()).toEqual(covered);
});

describe("examples/skill-library", () => {
  it("validates cleanly; under strict only the agents' when_to_use field is refused", async () => {
    type Report = { file: string; valid: boolean; diagnostics: { code: string; field?: string }[] };
    const validate = async (...flags: string[]) => {
      const result = await cli(
        ["skills", "validate", "examples/skill-library", "--json", ...flags],
        {
          cwd: REPO_ROOT,
        },
      );
      return { code: result.code, reports: JSON.parse(result.stdout) as Report[] };
    };
    const plain = await validate();
    expect(plain.reports.length).toBeGreaterThanOrEqual(20);
    expect(plain.reports.filter((r) => r.diagnostics.length > 0)).toEqual([]);
    expect(plain.code).toBe(0);
    const strict = await validate("--strict");
    const problems = strict.reports.flatMap((r) =>
      r.diagnostics.map((d) => `${d.code} ${d.field}`),
    );
    expect(new Set(problems)).toEqual(new Set(["NOT_A_SPEC_FIELD when_to_use"]));
    expect(strict.code).toBe(2);
  });
});

const isGitRepo = (() => {
  try {
    execFileSync("git", ["rev-parse", "--git-dir"], { cwd: REPO_ROOT, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(isGitRepo)("examples/repo-activity", () => {
  it("summarises recent commits, grouped by kind", async () => {
    const result = await cli(["run", "examples/repo-activity", "--quiet"], {
      cwd: REPO_ROOT,
      env: trusted,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const outputs = JSON.parse(result.stdout) as {
      latest: string;
      by_kind: { title: string; commits: string }[];
    };
    expect(outputs.latest.split("\n").length).toBeGreaterThan(0);
    expect(outputs.latest).toMatch(/^\d{4}-\d\d-\d\d [0-9a-f]{7,} /);
    expect(outputs.by_kind.map((k) => k.title)).toEqual([
      "Features",
      "Fixes",
      "Documentation",
      "Performance",
      "Refactors",
    ]);
  });

  it("cannot run git with arguments outside the allowlist", async () => {
    const result = await cli(
      [
        "run",
        "examples/repo-activity",
        "--json",
        "--inputs",
        '{"kinds": [{"title": "x", "args": ["log", "--output=/tmp/x"]}]}',
      ],
      { cwd: REPO_ROOT, env: trusted },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("not allowed");
  });
});

describe.runIf(isGitRepo)("examples/activity-by-kind and examples/commits-of-kind", () => {
  it("calls commits-of-kind once per kind, two at a time, outputs in the order of the kinds", async () => {
    const result = await cli(["run", "examples/activity-by-kind", "--json"], {
      cwd: REPO_ROOT,
      env: trusted,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const log = JSON.parse(result.stdout) as {
      status: string;
      outputs: { by_kind: { title: string; commits: string }[] };
      steps: { id: string; runs?: { status: string; workflow: string }[] }[];
    };
    expect(log.outputs.by_kind.map((k) => k.title)).toEqual([
      "Features",
      "Fixes",
      "Documentation",
      "Performance",
    ]);
    for (const { commits } of log.outputs.by_kind)
      for (const line of commits.split("\n").filter(Boolean))
        expect(line).toMatch(/^\d{4}-\d\d-\d\d [0-9a-f]{7,} /);
    const fixes = log.outputs.by_kind[1]!.commits.split("\n").filter(Boolean);
    for (const line of fixes) expect(line).toMatch(/^\S+ \S+ fix/);
  });

  it("commits-of-kind runs alone with a typed -i input", async () => {
    const result = await cli(
      ["run", "examples/commits-of-kind", "-i", "kind=fix", "-i", "title=Fixes", "--quiet"],
      {
        cwd: REPO_ROOT,
        env: trusted,
      },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const outputs = JSON.parse(result.stdout) as { title: string; commits: string };
    expect(outputs.title).toBe("Fixes");
    const lines = outputs.commits.split("\n").filter(Boolean);
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\d [0-9a-f]{7,} fix/);
  });

  it("without the project's trust the sub-workflow's shell step is refused before anything runs", async () => {
    const result = await cli(["run", "examples/activity-by-kind", "--quiet"], { cwd: REPO_ROOT });
    expect(result.code).toBe(2);
    // Located in the child document, where the tool is named.
    expect(result.stderr).toMatch(/commits-of-kind\/SKILL\.md:\d+:\d+ UNKNOWN_TOOL/);
    expect(result.stdout).toBe("");
  });
});

describe("examples/release-announcement", () => {
  const example = path.join(EXAMPLES, "release-announcement");
  /** A project folder (the outbox is written under it) with its own empty history. */
  const project = () => {
    const cwd = temp("skillflow-release-");
    const env = { SKILLFLOW_HOME: freshHome() };
    const call = (...argv: string[]) => cli(argv, { cwd, env });
    return { cwd, call };
  };
  const suspend = async (call: ReturnType<typeof project>["call"]) => {
    const first = await call("run", example, "-i", "version=2.0.0");
    expect(first.code, first.stderr).toBe(4);
    const short = /skillflow approve ([0-9a-f]{8})\b/.exec(first.stdout)?.[1];
    expect(short, first.stdout).toBeDefined();
    expect(first.stdout).toContain("release-announcement");
    expect(first.stdout).toContain("confirm");
    return short!;
  };

  it("suspends at the approval (exit 4), then approve --set note --by sends it", async () => {
    const { cwd, call } = project();
    const short = await suspend(call);
    const outbox = path.join(cwd, "outbox", "release-2.0.0.md");
    expect(existsSync(outbox)).toBe(false);

    const approved = await call(
      "approve",
      short,
      "--set",
      "note=Ship it today",
      "--by",
      "alice",
      "--quiet",
    );
    expect(approved.code, approved.stderr).toBe(0);
    const outputs = JSON.parse(approved.stdout) as Record<string, unknown>;
    expect(outputs).toMatchObject({ sent: true, by: "alice" });
    expect(String(outputs.file)).toContain("release-2.0.0.md");
    const text = readFileSync(outbox, "utf8");
    expect(text).toContain("# Version 2.0.0");
    expect(text).toContain("Ship it today");
  });

  it("a rejection writes nothing and still succeeds with sent false", async () => {
    const { cwd, call } = project();
    const short = await suspend(call);
    const rejected = await call("approve", short, "--reject", "--by", "bob", "--quiet");
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(JSON.parse(rejected.stdout)).toEqual({ sent: false, by: "bob", file: null });
    expect(existsSync(path.join(cwd, "outbox"))).toBe(false);
  });
});

describe("examples/triage-issues", () => {
  type Queue = { number: number; priority: string; labels: string[]; comments: number }[];
  const triage = async (...args: string[]) => {
    const result = await cli(["run", "examples/triage-issues", "--quiet", ...args], {
      cwd: REPO_ROOT,
      env: trusted,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as { queue: Queue; headline: string; urgent_count: number };
  };

  it("ranks urgent open issues by priority, then by discussion", async () => {
    const out = await triage();
    expect(out.queue).toHaveLength(5);
    const keys = out.queue.map((i) => [i.priority, i.comments] as const);
    const ranked = [...keys].sort(([pa, ca], [pb, cb]) => (pa === pb ? cb - ca : pa < pb ? -1 : 1));
    expect(keys).toEqual(ranked);
    expect(out.headline).toMatch(/^5 of \d+ urgent issues need attention \(\d+ open in /);
  });

  it("narrows by label and limit given as typed -i inputs", async () => {
    const out = await triage("-i", "label=sync", "-i", "limit=3");
    expect(out.queue.length).toBeLessThanOrEqual(3);
    for (const issue of out.queue) expect(issue.labels).toContain("sync");
  });

  it("returns early with an empty queue when nothing is urgent", async () => {
    const out = await triage("--inputs", '{"priorities": ["P9"], "include_security": false}');
    expect(out).toMatchObject({ queue: [], urgent_count: 0 });
    expect(out.headline).toMatch(/^Nothing urgent among \d+ open issues/);
  });
});

describe("examples/page-digest", () => {
  let site: Server;
  let llm: Awaited<ReturnType<typeof fakeAnthropic>>;
  let siteUrl: string;
  let llmUrl: string;
  const digest = { summary: "Offline merges by paragraph.", points: ["a", "b"], audience: "users" };
  const listen = async (server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    const page = readFileSync(
      path.join(REPO_ROOT, "packages/tools/test/examples/fixtures/release-notes.html"),
      "utf8",
    );
    site = createServer((_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end(page),
    );
    llm = await fakeAnthropic(
      (request) => {
        const viaTool =
          (request.tools as { name: string }[] | undefined)?.some((t) => t.name === "json") ===
          true;
        return viaTool
          ? {
              content: [{ type: "tool_use", id: "toolu_1", name: "json", input: digest }],
              stop_reason: "tool_use",
            }
          : { content: [{ type: "text", text: JSON.stringify(digest) }], stop_reason: "end_turn" };
      },
      { input_tokens: 900, output_tokens: 120 },
    );
    siteUrl = await listen(site);
    llmUrl = llm.url;
  });

  afterAll(async () => {
    await new Promise((resolve) => site.close(resolve));
    await llm.close();
  });

  it("fetches, scrapes and digests a page, with the key kept out of the run log", async () => {
    // A project whose config lets tools reach 127.0.0.1 (refused by default).
    const project = mkdtempSync(path.join(tmpdir(), "skillflow-digest-"));
    writeFileSync(
      path.join(project, "skillflow.config.json"),
      '{"network": {"allowPrivate": true}}',
    );
    const key = "sk-ant-test-key-0123456789";
    const result = await cli(
      ["run", path.join(EXAMPLES, "page-digest"), "--json", "-i", `url=${siteUrl}/notes/4.2`],
      {
        cwd: project,
        env: { ...(await trustedEnv(project)), ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: llmUrl },
      },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const log = JSON.parse(result.stdout) as {
      outputs: Record<string, unknown>;
      steps: { id: string; usage?: unknown }[];
    };
    expect(log.outputs).toEqual({
      title: "Harbor Notes 4.2 release notes",
      headings: ["Offline merge", "Faster search", "Breaking changes"],
      links: 2,
      ...digest,
    });
    expect(log.steps.find((s) => s.id === "digest")?.usage).toMatchObject({
      inputTokens: 900,
      outputTokens: 120,
    });
    expect(llm.received.at(-1)).toContain("merge engine compares paragraphs");
    expect(result.stdout).not.toContain(key);
  });

  it("refuses the local site without the project's say-so", async () => {
    const result = await cli(
      ["run", path.join(EXAMPLES, "page-digest"), "--quiet", "-i", `url=${siteUrl}/x`],
      { cwd: FIXTURES, env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: llmUrl } },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Refusing to connect/);
  });
});
