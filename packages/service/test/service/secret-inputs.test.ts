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

/** An approval after a secret input (`api_token`, with `extra` declarations), then outputs. */
const gate = (extra = "", outputs = "") =>
  skill(
    "gate",
    `inputs:
  api_token: { type: string${extra} }
outputs:${outputs || " {}"}
steps:
  - id: confirm
    type: approval
    message: "Go?"`,
  );

const worlds: World[] = [];
function fresh(documents: Record<string, string> = { secret: DOC }): World {
  const w = world(documents);
  worlds.push(w);
  return w;
}
afterEach(async () => {
  for (const w of worlds.splice(0)) for (const s of w.services) await s.stop({ now: true });
});

/** Starts a service over `w` and one run of `workflow`, and waits until the service is idle. */
async function started(w: World, workflow: string, inputs: Record<string, unknown>) {
  const service = w.service();
  const events: string[] = [];
  service.subscribe((event) => events.push(JSON.stringify(event)));
  await service.start();
  const { runId } = await service.startRun({ workflow, inputs });
  await service.idle();
  return { service, runId, events };
}

describe("secret-named inputs in the service", () => {
  it("are never recorded, and come back from the queue when the run resumes", async () => {
    const w = fresh();
    const { service, runId, events } = await started(w, "secret", { api_token: TOKEN });

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

  it("resume a run whose secret input took its default with the default, not [REDACTED]", async () => {
    const w = fresh({
      gate: gate(
        ", default: dev-token-1234",
        `\n  real: { type: boolean, value: "$inputs.api_token == 'dev-token-1234'" }`,
      ),
    });
    const { service, runId } = await started(w, "gate", {});
    expect(w.store.get(runId)?.status).toBe("waiting");
    await service.decide(runId, "confirm", { approved: true });
    await service.idle();
    expect(w.store.get(runId)?.outputs).toEqual({ real: true });
  });

  it("are all redacted, however many secret values come before them", async () => {
    const w = fresh({
      many: skill(
        "many",
        `inputs:
  credentials: { type: array }
  api_token: { type: string }
outputs:
  sent: { type: string, value: $steps.use.output.name }
steps:
  - id: use
    type: tool
    tool: work
    inputs: { name: { type: string, value: $inputs.api_token } }
    outputs: { name: { type: string } }`,
      ),
    });
    const credentials = Array.from({ length: 300 }, (_, i) => `cred-${i}-xxxx`);
    const { service, runId, events } = await started(w, "many", {
      credentials,
      api_token: TOKEN,
    });
    expect(w.tools.count(TOKEN)).toBe(1);
    expect(JSON.stringify(w.store.get(runId))).not.toContain(TOKEN);
    expect(JSON.stringify(await service.getRun(runId))).not.toContain(TOKEN);
    expect(events.join("\n")).not.toContain(TOKEN);
  });

  it("are redacted from a decision note that quotes them", async () => {
    const w = fresh({ gate: gate() });
    const { service, runId } = await started(w, "gate", { api_token: TOKEN });
    await service.decide(runId, "confirm", { approved: true, note: `checked ${TOKEN}` });
    await service.idle();
    expect(JSON.stringify(await service.getRun(runId))).not.toContain(TOKEN);
  });

  it("short enough to be a status word, leave the run waiting and decidable", async () => {
    const w = fresh({ gate: gate() });
    const { service, runId } = await started(w, "gate", { api_token: "waiting" });
    expect(w.store.get(runId)?.status).toBe("waiting");
    await service.decide(runId, "confirm", { approved: true });
    await service.idle();
    expect(w.store.get(runId)?.status).toBe("success");
  });
});
