// `skillflow schedules`: add/rm edit the project's config (checked first), config errors are
// located, an untrusted project's schedules do not apply, and list/pause/resume/trigger go through
// the Service (when the service core is built).
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Io } from "../src/io.js";
import { createWorkflowCatalog } from "../src/service/catalog.js";
import { loadWorkspace } from "../src/trust/workspace.js";
import { cli, temp, trustedEnv } from "./helpers.js";

const SKILL = `---
name: greet
description: Says hello.
---

\`\`\`workflow
inputs:
  name: { type: string, default: world }
  times: { type: int, default: 1 }
outputs:
  greeting: { type: string, value: "hello \${inputs.name}" }
steps:
  - id: wait
    type: transform
    operation: filter
    where: "true"
    inputs:
      items: { type: array, value: [] }
    outputs:
      items: { type: array }
\`\`\`
`;

/** A project with one runnable skill (`greet`) and `files`; its own history and config homes. */
function project(files: Record<string, string> = {}) {
  const root = temp("skillflow-schedules-");
  const all = { ".agents/skills/greet/SKILL.md": SKILL, ...files };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  const env = {
    SKILLFLOW_HOME: temp("skillflow-home-"),
    SKILLFLOW_CONFIG_HOME: temp("skillflow-cfg-"),
  };
  return {
    root,
    env,
    /** An in-memory io in the project (stderr to `onStderr`), for calling `loadWorkspace`. */
    io: (extra: Record<string, string> = {}, onStderr: (t: string) => void = () => {}): Io => ({
      stdout: { write: () => true },
      stderr: { write: (t: string) => (onStderr(t), true) },
      isTTY: false,
      cwd: root,
      colors: false,
      env: { ...env, ...extra },
    }),
    read: (name: string) => readFileSync(path.join(root, name), "utf8"),
    call: (argv: string[], extra: Record<string, string> = {}) =>
      cli(argv, { cwd: root, env: { ...env, ...extra } }),
  };
}

const ADD = ["schedules", "add", "daily", "--workflow", "greet", "--cron", "0 9 * * *"];

describe("schedules add and rm edit the project's config", () => {
  it("adds to a YAML file keeping its comments, then removes it", async () => {
    const p = project({
      "skillflow.config.yaml": "# the team's settings\nmodel:\n  default: x:y # keep\n",
    });
    const added = await p.call([...ADD, "--timezone", "Europe/Berlin", "--overlap", "queue"]);
    expect(added.code).toBe(0);
    const text = p.read("skillflow.config.yaml");
    expect(text).toContain("# the team's settings");
    expect(text).toContain("# keep");
    expect(text).toMatch(
      /name: daily\n\s+workflow: greet\n\s+cron: 0 9 \* \* \*\n\s+timezone: Europe\/Berlin\n\s+overlap: queue/,
    );
    const removed = await p.call(["schedules", "rm", "daily"]);
    expect(removed.code).toBe(0);
    expect(p.read("skillflow.config.yaml")).not.toContain("daily");
    expect(p.read("skillflow.config.yaml")).toContain("# keep");
  });

  it("creates skillflow.config.json when there is none, with the inputs given", async () => {
    const p = project();
    const added = await p.call([...ADD, "--inputs", '{"name":"ops"}', "--json"]);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ schedule: "daily", added: true });
    expect(JSON.parse(p.read("skillflow.config.json"))).toEqual({
      schedules: [{ name: "daily", workflow: "greet", cron: "0 9 * * *", inputs: { name: "ops" } }],
    });
  });

  it("refuses a bad cron with the cron library's reason and writes nothing", async () => {
    const p = project({ "skillflow.config.json": "{}\n" });
    for (const cron of ["61 * * * *", "* * *", "0 9 * * FOO"]) {
      const result = await p.call(["schedules", "add", "x", "--workflow", "greet", "--cron", cron]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("error INVALID_CRON:");
      expect(p.read("skillflow.config.json")).toBe("{}\n");
    }
  });

  it("refuses an unknown workflow, timezone or policy, and a name in use", async () => {
    const p = project({ "skillflow.config.json": "{}\n" });
    const unknown = await p.call([
      "schedules",
      "add",
      "x",
      "--workflow",
      "nope",
      "--cron",
      "* * * * *",
    ]);
    expect(unknown.stderr).toContain("error UNKNOWN_WORKFLOW:");
    expect(unknown.stderr).toContain("skillflow skills list");
    const zone = await p.call([...ADD, "--timezone", "Mars/Olympus"]);
    expect(zone.stderr).toContain("error BAD_ARGUMENTS:");
    const policy = await p.call([...ADD, "--missed", "never"]);
    expect(policy.stderr).toContain("error BAD_ARGUMENTS:");
    expect(p.read("skillflow.config.json")).toBe("{}\n");
    expect((await p.call(ADD)).code).toBe(0);
    const again = await p.call(ADD);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("error SCHEDULE_EXISTS:");
  });

  it("refuses to remove a schedule that is not declared", async () => {
    const p = project({ "skillflow.config.json": "{}\n" });
    const result = await p.call(["schedules", "rm", "ghost"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error UNKNOWN_SCHEDULE:");
  });

  it("refuses flags that do not apply and unknown subcommands", async () => {
    const p = project();
    expect((await p.call(["schedules", "rm", "x", "--cron", "* * * * *"])).stderr).toContain(
      "error BAD_ARGUMENTS: --cron does not apply to schedules rm",
    );
    expect((await p.call(["schedules", "frob"])).stderr).toContain("error BAD_ARGUMENTS:");
  });
});

describe("the service's config keys", () => {
  it("locates a schedule's problem in the file, for every command", async () => {
    const p = project({
      "skillflow.config.yaml":
        "schedules:\n  - name: daily\n    workflow: greet\n    cron: 99 * * * *\n",
    });
    for (const argv of [
      ["skills", "list"],
      ["schedules", "rm", "daily"],
    ]) {
      const result = await p.call(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("error INVALID_CONFIG:");
      expect(result.stderr).toMatch(/skillflow\.config\.yaml:4:\d+/);
      expect(result.stderr).toContain("schedules.0.cron");
    }
  });

  it("accepts the service keys at the top level and still refuses unknown ones", async () => {
    const p = project({ "skillflow.config.json": '{"schedulez": []}' });
    const result = await p.call(["skills", "list"]);
    expect(result.stderr).toContain('unknown key "schedulez"');
    expect(result.stderr).toContain("schedules, hooks, notifications, service");
  });
});

describe("trust", () => {
  const SCHEDULED = {
    "skillflow.config.json": JSON.stringify({
      schedules: [{ name: "daily", workflow: "greet", cron: "0 9 * * *" }],
    }),
  };

  it("does not apply an untrusted project's schedules and says how to allow them", async () => {
    const p = project(SCHEDULED);
    let stderr = "";
    const io = p.io({}, (t) => (stderr += t));
    const { config, trust } = await loadWorkspace(io, { uses: ["schedules"] });
    expect(trust.state).toBe("untrusted");
    expect(trust.settings.map((s) => s.id)).toContain("schedules.daily");
    expect(config.service?.schedules).toBeUndefined();
    expect(stderr).toContain("skillflow: ignored schedules.daily from skillflow.config.json");
    expect(stderr).toContain("`skillflow trust`");
  });

  it("does not let an untrusted project listen beyond this machine (service.host)", async () => {
    const p = project({
      "skillflow.config.json": JSON.stringify({
        service: { host: "0.0.0.0", port: 9000, allowedHosts: ["evil.example"] },
      }),
    });
    const io = p.io();
    const { config, trust } = await loadWorkspace(io, { uses: ["service."] });
    expect(trust.settings.map((s) => s.id)).toEqual(
      expect.arrayContaining(["service.host", "service.allowedHosts"]),
    );
    expect(config.service?.service).toEqual({ port: 9000 });
  });

  it("lets commands that do not serve work without the hooks' secrets in the environment", async () => {
    const p = project({
      "skillflow.config.json": JSON.stringify({
        schedules: [{ name: "daily", workflow: "greet", cron: "0 9 * * *" }],
        hooks: [{ name: "deploy", workflow: "greet", secretEnv: "DEPLOY_SECRET" }],
      }),
    });
    const trusted = await trustedEnv(p.root);
    const list = await p.call(["schedules", "list", "--json"], trusted);
    expect(list.stderr).not.toContain("ENV_MISSING");
    expect(list.code).toBe(0);
  });

  it("runs the user's own skill for a schedule in the user's config, not a project's namesake", async () => {
    const p = project(); // the project brings its own `greet`
    writeFileSync(
      path.join(p.env.SKILLFLOW_CONFIG_HOME, "config.json"),
      JSON.stringify({ schedules: [{ name: "mine", workflow: "greet", cron: "0 9 * * *" }] }),
    );
    const mine = path.join(p.env.SKILLFLOW_CONFIG_HOME, "skills/greet/SKILL.md");
    mkdirSync(path.dirname(mine), { recursive: true });
    writeFileSync(mine, SKILL);
    const io = p.io();
    const { config } = await loadWorkspace(io);
    expect(config.service?.schedules).toEqual([
      { name: "mine", workflow: "user:greet", cron: "0 9 * * *" },
    ]);
    const loaded = await createWorkflowCatalog(io, config).load("user:greet");
    expect(realpathSync(loaded.source)).toBe(realpathSync(mine));
  });

  it("applies them once the user trusts the project", async () => {
    const p = project(SCHEDULED);
    const trusted = await trustedEnv(p.root);
    const io = p.io(trusted);
    const { config, trust } = await loadWorkspace(io);
    expect(trust.state).toBe("trusted");
    expect(config.service?.schedules).toEqual([
      { name: "daily", workflow: "greet", cron: "0 9 * * *" },
    ]);
  });

  const quietIo = (root: string, env: Record<string, string>, err: { text: string }): Io => ({
    stdout: { write: () => true },
    stderr: { write: (t: string) => ((err.text += t), true) },
    isTTY: false,
    cwd: root,
    colors: false,
    env,
  });

  it.each(["0.0.0.0", "::", "192.168.1.10", "example.com"])(
    "does not let an untrusted project listen on %s, and says how to allow it",
    async (host) => {
      const p = project({
        "skillflow.config.json": JSON.stringify({ service: { host, concurrency: 2 } }),
      });
      const err = { text: "" };
      const { config, trust } = await loadWorkspace(quietIo(p.root, p.env, err), {
        uses: ["service."],
      });
      expect(trust.state).toBe("untrusted");
      expect(trust.settings.map((s) => s.id)).toEqual(["service.host"]);
      expect(config.service?.service).toEqual({ concurrency: 2 });
      expect(err.text).toContain("skillflow: ignored service.host from skillflow.config.json");
      expect(err.text).toContain("`skillflow trust`");
      const trusted = await trustedEnv(p.root);
      const allowed = await loadWorkspace(quietIo(p.root, { ...p.env, ...trusted }, err));
      expect(allowed.config.service?.service).toEqual({ host, concurrency: 2 });
    },
  );

  it("does not let an untrusted project change the link in your notifications", async () => {
    const baseUrl = "https://look-alike.example";
    const p = project({
      "skillflow.config.json": JSON.stringify({ service: { baseUrl, graceSeconds: 5 } }),
    });
    const err = { text: "" };
    const { config, trust } = await loadWorkspace(quietIo(p.root, p.env, err));
    expect(trust.settings.map((s) => s.id)).toEqual(["service.baseUrl"]);
    expect(config.service?.service).toEqual({ graceSeconds: 5 });
    expect(err.text).toContain("skillflow: ignored service.baseUrl from skillflow.config.json");
    const trusted = { ...p.env, SKILLFLOW_TRUST_WORKSPACE: "1" };
    const allowed = await loadWorkspace(quietIo(p.root, trusted, err));
    expect(allowed.config.service?.service).toEqual({ baseUrl, graceSeconds: 5 });
  });

  it.each(["127.0.0.1", "localhost", "::1", "127.0.0.2"])(
    "lets an untrusted project listen on the loopback address %s",
    async (host) => {
      const p = project({ "skillflow.config.json": JSON.stringify({ service: { host } }) });
      const { config, trust } = await loadWorkspace(quietIo(p.root, p.env, { text: "" }));
      expect(trust.state).toBe("none");
      expect(config.service?.service).toEqual({ host });
    },
  );

  it("does not let an untrusted project's .env choose your notification URL or hook secret", async () => {
    const url = "https://collector.example/T0/secret-path";
    const p = project({ ".env": `SLACK_URL=${url}\nHOOK_SECRET=known-to-them\nOTHER=kept\n` });
    writeFileSync(
      path.join(p.env.SKILLFLOW_CONFIG_HOME, "config.json"),
      JSON.stringify({
        notifications: { on: ["failure"], targets: [{ urlEnv: "SLACK_URL", format: "slack" }] },
        hooks: [{ name: "rel", workflow: "greet", secretEnv: "HOOK_SECRET" }],
      }),
    );
    const err = { text: "" };
    const { env, trust } = await loadWorkspace(quietIo(p.root, p.env, err), { uses: ["SLACK"] });
    expect(trust.state).toBe("untrusted");
    expect(trust.settings.map((s) => s.id)).toEqual(["SLACK_URL", "HOOK_SECRET"]);
    expect(env["SLACK_URL"]).toBeUndefined();
    expect(env["HOOK_SECRET"]).toBeUndefined();
    expect(env["OTHER"]).toBe("kept");
    expect(err.text).toContain("skillflow: ignored SLACK_URL from .env");
    const status = await p.call(["trust", "status"]);
    expect(status.stdout + status.stderr).toContain("SLACK_URL");
    expect(status.stdout + status.stderr).not.toContain("secret-path");
    expect(status.stdout + status.stderr).not.toContain("known-to-them");
    const trusted = { ...p.env, SKILLFLOW_TRUST_WORKSPACE: "1" };
    const allowed = await loadWorkspace(quietIo(p.root, trusted, err));
    expect(allowed.env["SLACK_URL"]).toBe(url);
  });

  it("names notification targets as privileged by their variable, never the URL", async () => {
    const p = project({
      "skillflow.config.json": JSON.stringify({
        notifications: { on: ["failure"], targets: [{ urlEnv: "SLACK_URL", format: "slack" }] },
      }),
    });
    const status = await p.call(["trust", "status"]);
    expect(status.stdout + status.stderr).toContain("$SLACK_URL");
  });

  it("refuses a notification URL written in the config without echoing it", async () => {
    const p = project({
      "skillflow.config.json": JSON.stringify({
        notifications: {
          on: ["failure"],
          targets: [{ url: "https://hooks.example.com/T0/secret-path" }],
        },
      }),
    });
    const status = await p.call(["trust", "status"]);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain("urlEnv");
    expect(status.stdout + status.stderr).not.toContain("secret-path");
  });

  it("notes that a schedule added to an untrusted project waits for trust", async () => {
    const p = project({ "skillflow.config.json": "{}\n" });
    const added = await p.call(ADD);
    expect(added.code).toBe(0);
    expect(added.stderr).toContain("takes effect once you trust this project");
  });
});

describe("runtime state through the Service", () => {
  async function scheduled() {
    const p = project({ "skillflow.config.json": "{}\n" });
    const trusted = await trustedEnv(p.root);
    await p.call(ADD, trusted);
    const again = await trustedEnv(p.root); // the digest changed with the new schedule
    return { ...p, call: (argv: string[]) => p.call(argv, again) };
  }

  it("lists the schedule with its next fire times", async () => {
    const p = await scheduled();
    const result = await p.call(["schedules", "list", "--json"]);
    expect(result.code).toBe(0);
    const [info] = JSON.parse(result.stdout) as {
      name: string;
      cron: string;
      timezone: string;
      paused: boolean;
      next: string[];
    }[];
    expect(info).toMatchObject({
      name: "daily",
      cron: "0 9 * * *",
      timezone: "UTC",
      paused: false,
    });
    expect(info!.next.length).toBeGreaterThan(0);
    expect(info!.next.every((t) => t.endsWith("T09:00:00.000Z"))).toBe(true);
  });

  it("pauses and resumes it, kept in the store across calls", async () => {
    const p = await scheduled();
    expect((await p.call(["schedules", "pause", "daily"])).code).toBe(0);
    const paused = JSON.parse((await p.call(["schedules", "list", "--json"])).stdout) as {
      paused: boolean;
      next: string[];
    }[];
    expect(paused[0]).toMatchObject({ paused: true, next: [] });
    expect((await p.call(["schedules", "resume", "daily"])).code).toBe(0);
    const resumed = JSON.parse((await p.call(["schedules", "list", "--json"])).stdout) as {
      paused: boolean;
    }[];
    expect(resumed[0]!.paused).toBe(false);
  });

  it("triggers a queued run and says it runs when serve starts", async () => {
    const p = await scheduled();
    const result = await p.call(["schedules", "trigger", "daily", "-i", "times=3", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: "queued",
      schedule: "daily",
      serving: false,
    });
    const text = await p.call(["schedules", "trigger", "daily"]);
    expect(text.stderr).toContain("it will run when `skillflow serve` starts");
  });

  it("refuses unknown schedules and inputs the workflow does not declare", async () => {
    const p = await scheduled();
    expect((await p.call(["schedules", "pause", "ghost"])).stderr).toContain(
      "error UNKNOWN_SCHEDULE:",
    );
    expect((await p.call(["schedules", "trigger", "daily", "-i", "nope=1"])).stderr).toContain(
      "error UNKNOWN_INPUT:",
    );
  });
});

describe("help and calls", () => {
  it("lists serve and schedules in the help, each with examples", async () => {
    const main = await cli(["--help"]);
    expect(main.stdout).toMatch(/\n {2}serve +/);
    expect(main.stdout).toMatch(/\n {2}schedules +/);
    for (const name of ["serve", "schedules"]) {
      const help = await cli([name, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("Examples:");
    }
  });

  it("refuses a damaged service state file with SERVICE_FAILED and how to fix it, no stack", async () => {
    const p = project();
    writeFileSync(path.join(p.env.SKILLFLOW_HOME, "service.db"), "not a database\n".repeat(100));
    for (const argv of [
      ["schedules", "list"],
      ["serve", "--port", "0"],
    ]) {
      const result = await p.call(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error SERVICE_FAILED: .*service\.db.*mv /);
      expect(result.stderr).not.toContain("internal error");
    }
  });

  it("refuses a bad --port and arguments before anything starts", async () => {
    const p = project();
    for (const argv of [
      ["serve", "--port", "http"],
      ["serve", "--port", "70000"],
      ["serve", "now"],
    ]) {
      const result = await p.call(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("error BAD_ARGUMENTS:");
    }
  });
});
