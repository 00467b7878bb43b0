// SIGKILL of a real `skillflow serve` in the middle of a run, then a new one in the same project: the
// run finishes under the same id, and a counting server shows that only the step in flight ran twice.
import { afterEach, describe, expect, it } from "vitest";
import {
  countingServer,
  httpSteps,
  killAll,
  project,
  startServe,
  until,
  type Counter,
} from "./_serve.js";

let counter: Counter | undefined;
afterEach(async () => {
  await killAll();
  await counter?.close();
  counter = undefined;
});

/** A trusted project (private networks allowed) whose `fetch3` GETs /a, /b and /c of the counter. */
const fetchProject = (c: Counter, service: string) =>
  project(
    { fetch3: httpSteps(c.url, ["a", "b", "c"]) },
    `network: { allowPrivate: true }\nservice: ${service}\n`,
  );

// The default test timeout (20 s) is kept on purpose: with the default 30 s lease instead of
// `service.leaseSeconds`, the restarted service would wait for the lease and this test would fail.
describe("serve is SIGKILLed in the middle of a run", () => {
  it("a restarted serve finishes the same run; only the step in flight ran twice", async () => {
    const c = (counter = await countingServer());
    // A 1 s lease: the restarted service takes the dead one's run over once it lapses.
    const p = await fetchProject(c, "{ leaseSeconds: 1 }");
    c.hold("/b");
    const first = await startServe(p);
    const started = await first.api("POST", "/api/v1/workflows/fetch3/runs", {});
    expect(started.status).toBe(202);
    const runId = (started.body as { runId: string }).runId;

    await until(() => c.counts["/b"] === 1);
    expect(c.counts).toEqual({ "/a": 1, "/b": 1 });
    first.child.kill("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    c.release("/b");

    const second = await startServe(p);
    const run = await until(async () => {
      const got = await second.api("GET", `/api/v1/runs/${runId}`);
      expect(got.status).toBe(200);
      const body = got.body as { status: string };
      return body.status === "success" || body.status === "failed" ? body : undefined;
    });
    expect(run).toMatchObject({ id: runId, status: "success", outputs: { a: 1, b: 2, c: 1 } });
    expect(c.counts).toEqual({ "/a": 1, "/b": 2, "/c": 1 });

    // One run in the history: the same id, not a new one.
    const page = await second.api("GET", "/api/v1/runs");
    expect((page.body as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([runId]);
  });
});
