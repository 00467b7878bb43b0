// Secret-named inputs in the service: the queue keeps them to run; the history, its checkpoints,
// answers and events never hold them, and a run resumed after an approval gets them back.
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRunQueue } from "@skillflow/service";
import { codeOf, skill, world, type World } from "./_harness.js";

const TOKEN = "tok-0123456789abcdef";

/** The token reaches a tool step, then an approval, then outputs say what the run saw. */
const DOC = skill(
  "secret",
  `inputs:
  api_token: { type: string }
  city: { type: string, default: "Oslo" }
outputs:
  real: { type: boolean, value: "$inputs.api_token == '${TOKEN}'" }
  sent: { type: string, value: $steps.use.output.name }
steps:
  - id: use
    type: tool
    tool: work
    inputs: { name: { type: string, value: $inputs.api_token } }
    outputs: { name: { type: string } }
  - id: confirm
    type: approval
    message: "Go on for \${inputs.city}?"`,
);

const worlds: World[] = [];
function fresh(): World {
  const w = world({ secret: DOC });
  worlds.push(w);
  return w;
}
afterEach(async () => {
  for (const w of worlds.splice(0)) for (const s of w.services) await s.stop({ now: true });
});

describe("secret-named inputs in the service", () => {
  it("are never recorded, and come back from the queue when the run resumes", async () => {
    const w = fresh();
    const service = w.service();
    const events: string[] = [];
    service.subscribe((event) => events.push(JSON.stringify(event)));
    await service.start();
    const { runId } = await service.startRun({ workflow: "secret", inputs: { api_token: TOKEN } });
    await service.idle();

    expect(w.store.get(runId)?.status).toBe("waiting");
    expect(w.store.get(runId)?.inputs).toEqual({ api_token: "[REDACTED]" });
    expect(JSON.stringify(w.store.get(runId))).not.toContain(TOKEN);
    expect(JSON.stringify(w.store.checkpoint(runId))).not.toContain(TOKEN);
    expect(JSON.stringify(await service.getRun(runId))).not.toContain(TOKEN);
    expect(w.tools.count(TOKEN)).toBe(1);

    await service.decide(runId, "confirm", { approved: true });
    await service.idle();
    const run = w.store.get(runId)!;
    expect(run.status).toBe("success");
    // The resumed run compared the real token, not "[REDACTED]".
    expect(run.outputs).toEqual({ real: true, sent: "[REDACTED]" });
    expect(JSON.stringify(run)).not.toContain(TOKEN);
    expect(events.join("\n")).not.toContain(TOKEN);
    expect(w.tools.count(TOKEN)).toBe(1);
  });

  it("refuses to resume, approve or rerun a run whose secret inputs nothing keeps", async () => {
    const w = fresh();
    const first = w.service();
    await first.start();
    const { runId } = await first.startRun({ workflow: "secret", inputs: { api_token: TOKEN } });
    await first.idle();
    await first.stop({ now: true });

    // Another service over the same history, with a queue that never had the job (as for a run
    // that `skillflow run` started).
    const other = w.service({ queue: new MemoryRunQueue({ now: w.clock.now }) });
    await other.start();
    expect(await codeOf(other.decide(runId, "confirm", { approved: true }))).toBe("NOT_RESUMABLE");
    await other
      .decide(runId, "confirm", { approved: true })
      .catch((error: Error) => expect(error.message).toContain("-i api_token=…"));
    expect(await codeOf(other.rerun(runId))).toBe("INVALID_INPUTS");
    expect(w.store.get(runId)?.status).toBe("waiting");
    expect((await other.rerun(runId, { inputs: { api_token: TOKEN } })).status).toBe("queued");
  });
});
