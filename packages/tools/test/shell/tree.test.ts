// The shell tool ends the whole process tree: background, setsid and double-forked children included.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShellTool } from "../../src/shell/shell.js";
import { ToolSet } from "../../src/toolset.js";
import { diesWithin } from "./_process.js";

let root: string;

beforeAll(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), "skillflow-tree-")));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function sh(script: string, timeoutMs = 20_000) {
  const set = new ToolSet([createShellTool({ allow: ["sh"], workspaceRoot: root, timeoutMs })]);
  return set.invoke("shell", { command: "sh", args: ["-c", script] });
}

const pids = (stdout: unknown): number[] =>
  String((stdout as { stdout: string }).stdout)
    .split(/\s+/)
    .filter((word) => /^\d+$/.test(word))
    .map(Number);

// The reporting shell waits until the child wrote its pid (into a file, so the child may close
// its standard output first), then prints it.
const reported = (name: string, start: string): string =>
  `${start}\nwhile [ ! -s ${name} ]; do sleep 0.01; done; cat ${name}; rm ${name}`;

const linux = process.platform === "linux";
const hasSetsid = existsSync("/usr/bin/setsid") || existsSync("/bin/setsid");

describe.runIf(linux)("process tree", () => {
  it("reports a background child that holds stdout as an exit, and kills the child", async () => {
    const result = await sh("sleep 30 & echo $!; exit 3");
    expect(result.error).toBeUndefined();
    expect(result.output).toMatchObject({ exitCode: 3 });
    const [pid] = pids(result.output);
    expect(pid).toBeGreaterThan(0);
    expect(await diesWithin(pid!, 2000)).toBe(true);
  });

  it.runIf(hasSetsid)("kills a setsid child that holds stdout", async () => {
    const result = await sh(reported("p1", "setsid sh -c 'echo $$ > p1; exec sleep 30' &"));
    expect(result.output).toMatchObject({ exitCode: 0 });
    const [pid] = pids(result.output);
    expect(await diesWithin(pid!, 2000)).toBe(true);
  });

  it.runIf(hasSetsid)("kills a setsid child that closed its stdio", async () => {
    const start = "setsid sh -c 'echo $$ > p2; exec sleep 30' </dev/null >/dev/null 2>&1 &";
    const result = await sh(reported("p2", start));
    expect(result.output).toMatchObject({ exitCode: 0 });
    const [pid] = pids(result.output);
    expect(await diesWithin(pid!, 2000)).toBe(true);
  });

  it("kills a double-forked grandchild", async () => {
    const result = await sh(reported("p3", "( sh -c 'echo $$ > p3; exec sleep 30' & ) "));
    expect(result.output).toMatchObject({ exitCode: 0 });
    const [pid] = pids(result.output);
    expect(await diesWithin(pid!, 2000)).toBe(true);
  });

  it.runIf(hasSetsid)("kills setsid children on timeout too", async () => {
    const result = await sh(
      "setsid sh -c 'echo $$ > p4; exec sleep 30' & while [ ! -s p4 ]; do sleep 0.01; done; sleep 30",
      1000,
    );
    expect(result.code).toBe("TIMEOUT");
    const pid = Number(await readFile(path.join(root, "p4"), "utf8"));
    expect(await diesWithin(pid, 2000)).toBe(true);
  });

  it.runIf(hasSetsid)(
    "resolves with the exit code when a process out of reach still holds stdout",
    async () => {
      // `env -i` drops the marker and setsid leaves the group: documented as out of reach.
      const start = "setsid env -i sh -c 'echo $$ > p5; exec sleep 30' &";
      const result = await sh(reported("p5", `${start}`) + "; echo done; exit 4");
      try {
        expect(result.error).toBeUndefined();
        expect(result.output).toMatchObject({ exitCode: 4 });
        expect((result.output as { stdout: string }).stdout).toContain("done");
      } finally {
        for (const pid of pids(result.output)) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
      }
    },
  );
});
