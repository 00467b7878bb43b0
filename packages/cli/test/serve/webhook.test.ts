// Webhooks into a real `skillflow serve`: a valid signature starts a run with the mapped inputs (202),
// an invalid one is refused (401), and the same delivery sent again is refused (409).
import { afterEach, describe, expect, it } from "vitest";
import { signWebhook } from "@skillflow/service";
import {
  killAll,
  project,
  request,
  startServe,
  until,
  SERVE_TEST,
  NO_TOOL_STEPS,
} from "./_serve.js";

const SECRET = "a-hook-secret-for-tests-only";

const GREET = `inputs:
  who: { type: string }
  greeting: { type: string }
outputs:
  said: { type: string, value: "\${inputs.greeting} \${inputs.who}" }
${NO_TOOL_STEPS}`;

const CONFIG = `hooks:
  - name: deploy
    workflow: greet
    secretEnv: DEPLOY_HOOK_SECRET
    inputs: { who: "$.user.name" }
    defaults: { greeting: hello }
`;

afterEach(killAll);

/** POSTs `body` to /hooks/deploy with `headers`. */
const post = (url: string, body: string, headers: Record<string, string>) =>
  request(`${url}/hooks/deploy`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });

describe("serve receives webhooks", SERVE_TEST, () => {
  it("starts a run for a valid signature, refuses an invalid one and a replay", async () => {
    const p = await project({ greet: GREET }, CONFIG, {
      env: { DEPLOY_HOOK_SECRET: SECRET },
    });
    const serve = await startServe(p);
    const body = JSON.stringify({ user: { name: "ada" } });
    const signed = { ...signWebhook(SECRET, body, Date.now()), "x-skillflow-delivery": "d-1" };

    const accepted = await post(serve.url, body, signed);
    expect(accepted.status).toBe(202);
    const runId = (accepted.body as { runId: string }).runId;
    const run = await until(async () => {
      const got = await serve.api("GET", `/api/v1/runs/${runId}`);
      return (got.body as { status: string }).status === "success" ? got.body : undefined;
    });
    expect(run).toMatchObject({
      inputs: { who: "ada", greeting: "hello" },
      outputs: { said: "hello ada" },
      trigger: { kind: "webhook", hook: "deploy", deliveryId: "d:d-1" },
    });

    // Signed with another secret; and the right signature over another body.
    const wrongSecret = signWebhook("not-the-secret", body, Date.now());
    const forged = await post(serve.url, body, { ...wrongSecret, "x-skillflow-delivery": "d-2" });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({
      error: { code: "WEBHOOK_REFUSED", details: { reason: "INVALID_SIGNATURE" } },
    });
    const changed = await post(serve.url, JSON.stringify({ user: { name: "eve" } }), signed);
    expect(changed.status).toBe(401);
    const unsigned = await post(serve.url, body, {});
    expect(unsigned.status).toBe(401);

    const replayed = await post(serve.url, body, signed);
    expect(replayed.status).toBe(409);
    expect(replayed.body).toMatchObject({
      error: { code: "WEBHOOK_REFUSED", details: { reason: "REPLAYED" } },
    });
    // Through the /api/v1 address too.
    const again = await request(`${serve.url}/api/v1/hooks/deploy`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...signed },
    });
    expect(again.status).toBe(409);

    // Only the accepted delivery started a run.
    const page = await serve.api("GET", "/api/v1/runs");
    expect((page.body as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([runId]);
  });

  it("refuses a delivery replayed to a restarted serve within the replay window", async () => {
    const p = await project({ greet: GREET }, CONFIG, {
      env: { DEPLOY_HOOK_SECRET: SECRET },
    });
    const first = await startServe(p);
    const body = JSON.stringify({ user: { name: "ada" } });
    const signed = { ...signWebhook(SECRET, body, Date.now()), "x-skillflow-delivery": "d-1" };
    expect((await post(first.url, body, signed)).status).toBe(202);
    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);

    const second = await startServe(p);
    const replayed = await post(second.url, body, signed);
    expect(replayed.status).toBe(409);
    const page = await second.api("GET", "/api/v1/runs");
    expect((page.body as { items: unknown[] }).items).toHaveLength(1);
  });
});
