// Skill commands end their whole process tree: background, setsid and double-forked children included.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InterpolationError } from "../../src/activate/index.js";
import { interpolate } from "../../src/activate/index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "skills-tree-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Whether `pid` is gone (or a zombie awaiting its reaper) within `ms`. */
async function diesWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      process.kill(pid, 0);
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
      if (/^\d+ \(.*\) Z/.test(stat)) return true;
    } catch {
      return true;
    }
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// The command waits until the child wrote its pid, then prints it.
const block = (name: string, start: string): string =>
  `\`\`\`!\n${start}\nwhile [ ! -s ${name} ]; do sleep 0.01; done; cat ${name}\n\`\`\``;

async function pidOf(body: string): Promise<number> {
  const result = await interpolate(body, { trusted: true, cwd: dir, timeoutMs: 20_000 });
  return Number(result.text.trim());
}

const linux = process.platform === "linux";
const hasSetsid = existsSync("/usr/bin/setsid") || existsSync("/bin/setsid");

describe.runIf(linux)("skill commands end their process tree", () => {
  it("kills a background child that holds stdout once the command exits", async () => {
    const pid = await pidOf(block("p", "sh -c 'echo $$ > p; exec sleep 30' &"));
    expect(await diesWithin(pid, 2000)).toBe(true);
  });

  it.runIf(hasSetsid)("kills a setsid child", async () => {
    const pid = await pidOf(block("p", "setsid sh -c 'echo $$ > p; exec sleep 30' &"));
    expect(await diesWithin(pid, 2000)).toBe(true);
  });

  it.runIf(hasSetsid)("kills a setsid child that closed its stdio", async () => {
    const start = "setsid sh -c 'echo $$ > p; exec sleep 30' </dev/null >/dev/null 2>&1 &";
    const pid = await pidOf(block("p", start));
    expect(await diesWithin(pid, 2000)).toBe(true);
  });

  it("kills a double-forked grandchild", async () => {
    const pid = await pidOf(block("p", "( sh -c 'echo $$ > p; exec sleep 30' & )"));
    expect(await diesWithin(pid, 2000)).toBe(true);
  });

  it.runIf(hasSetsid)("kills setsid children on timeout", async () => {
    const body = block("p", "setsid sh -c 'echo $$ > p; exec sleep 30' &") + "\n";
    const error = await interpolate(body.replace("cat p", "sleep 30"), {
      trusted: true,
      cwd: dir,
      timeoutMs: 1000,
    }).catch((caught: unknown) => caught);
    expect((error as InterpolationError).code).toBe("COMMAND_TIMEOUT");
    const pid = Number(readFileSync(join(dir, "p"), "utf8"));
    expect(await diesWithin(pid, 2000)).toBe(true);
  });
});

describe("the process-tree helper", () => {
  it("is the same file as the shell tool's copy", () => {
    const here = readFileSync(new URL("../../src/activate/_tree.ts", import.meta.url), "utf8");
    const tools = new URL("../../../tools/src/shell/_tree.ts", import.meta.url);
    expect(readFileSync(tools, "utf8")).toBe(here);
  });
});
