// The service as serve opens it: notification URLs and hook secrets are redacted from run history.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Io } from "../src/io.js";
import { openCliService } from "../src/service/open.js";
import { temp } from "./helpers.js";

const ECHO = `---
name: echo
description: Echoes its input.
---

\`\`\`workflow
inputs:
  text: { type: string }
outputs:
  said: { type: string, value: $inputs.text }
steps:
  - id: nothing
    type: transform
    operation: filter
    where: "true"
    inputs:
      items: { type: array, value: [] }
    outputs:
      items: { type: array }
\`\`\`
`;

describe("openCliService", () => {
  it("redacts the notification URLs and hook secrets it reads from run history", async () => {
    const root = temp("skillflow-serve-secrets-");
    mkdirSync(path.join(root, ".agents/skills/echo"), { recursive: true });
    writeFileSync(path.join(root, ".agents/skills/echo/SKILL.md"), ECHO);
    const url = "https://hooks.example.com/services/T0/B0/url-token-value";
    const hookSecret = "hook-secret-value-0123";
    const io: Io = {
      stdout: { write: () => true },
      stderr: { write: () => true },
      isTTY: false,
      cwd: root,
      colors: false,
      env: {
        SKILLFLOW_HOME: temp("skillflow-home-"),
        SKILLFLOW_CONFIG_HOME: temp("skillflow-cfg-"),
        SKILLFLOW_TRUST_WORKSPACE: "1",
        TEAM_CHANNEL: url,
        RELEASE_HOOK: hookSecret,
      },
    };
    writeFileSync(
      path.join(root, "skillflow.config.json"),
      JSON.stringify({
        notifications: { on: ["failure"], targets: [{ urlEnv: "TEAM_CHANNEL" }] },
        hooks: [{ name: "rel", workflow: "echo", secretEnv: "RELEASE_HOOK" }],
      }),
    );
    const cli = await openCliService({ io }, { quiet: true });
    try {
      await cli.service.start();
      for (const text of [url, hookSecret]) {
        const { runId } = await cli.service.startRun({ workflow: "echo", inputs: { text } });
        await cli.service.idle();
        const run = JSON.stringify(await cli.service.getRun(runId));
        expect(run).toContain('"status":"success"');
        expect(run).not.toContain(text);
      }
    } finally {
      await cli.service.stop({ now: true });
      await cli.close();
    }
  });
});
