// Edge cases of secret-named inputs (service), each once a leak or a broken flow: defaults, many
// secret values, a decision note quoting the secret, a value short enough to be a status word.
import { afterEach, describe, expect, it } from "vitest";
import { skill, world, type World } from "./_harness.js";

const TOKEN = "tok-0123456789abcdef";

const worlds: World[] = [];
function fresh(documents: Record<string, string>): World {
  const w = world(documents);
  worlds.push(w);
  return w;
}
afterEach(async () => {
  for (const w of worlds.splice(0)) for (const s of w.services) await s.stop({ now: true });
});

describe("secret-named inputs in the service: edge cases", () => {
  it("a run whose secret-named input took its default resumes with the default, not [REDACTED]", async () => {
    const w = fresh({
      dflt: skill(
        "dflt",
        `inputs:
  api_token: { type: string, default: dev-token-1234 }
outputs:
  real: { type: boolean, value: "$inputs.api_token == 'dev-token-1234'" }
steps:
  - id: confirm
    type: approval
    message: "Go?"`,
      ),
    });
    const service = w.service();
    await service.start();
    const { runId } = await service.startRun({ workflow: "dflt", inputs: {} });
    await service.idle();
    expect(w.store.get(runId)?.status).toBe("waiting");
    await service.decide(runId, "confirm", { approved: true });
    await service.idle();
    expect(w.store.get(runId)?.outputs).toEqual({ real: true });
  });

  it("a secret input after 256 other secret values is still redacted", async () => {
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
    const service = w.service();
    const events: string[] = [];
    service.subscribe((event) => events.push(JSON.stringify(event)));
    await service.start();
    const credentials = Array.from({ length: 300 }, (_, i) => `cred-${i}-xxxx`);
    const { runId } = await service.startRun({
      workflow: "many",
      inputs: { credentials, api_token: TOKEN },
    });
    await service.idle();
    expect(w.tools.count(TOKEN)).toBe(1);
    expect(JSON.stringify(w.store.get(runId))).not.toContain(TOKEN);
    expect(JSON.stringify(await service.getRun(runId))).not.toContain(TOKEN);
    expect(events.join("\n")).not.toContain(TOKEN);
  });

  it("a decision note holding the run's secret input is redacted", async () => {
    const w = fresh({
      gate: skill(
        "gate",
        `inputs:
  api_token: { type: string }
steps:
  - id: confirm
    type: approval
    message: "Go?"`,
      ),
    });
    const service = w.service();
    await service.start();
    const { runId } = await service.startRun({ workflow: "gate", inputs: { api_token: TOKEN } });
    await service.idle();
    await service.decide(runId, "confirm", { approved: true, note: `checked ${TOKEN}` });
    await service.idle();
    expect(JSON.stringify(await service.getRun(runId))).not.toContain(TOKEN);
  });
  it("a secret whose value is also a status word leaves the run waiting and decidable", async () => {
    const w = fresh({
      gate: skill(
        "gate",
        `inputs:
  api_token: { type: string }
steps:
  - id: confirm
    type: approval
    message: "Go?"`,
      ),
    });
    const service = w.service();
    await service.start();
    const { runId } = await service.startRun({
      workflow: "gate",
      inputs: { api_token: "waiting" },
    });
    await service.idle();
    expect(w.store.get(runId)?.status).toBe("waiting");
    await service.decide(runId, "confirm", { approved: true });
    await service.idle();
    expect(w.store.get(runId)?.status).toBe("success");
  });
});
