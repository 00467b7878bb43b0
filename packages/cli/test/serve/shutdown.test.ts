// SIGTERM of a real `skillflow serve` while a step is in flight: the step finishes within the grace
// period and the process exits 0; a second SIGTERM exits 130 at once. Either way a restart finishes
// the run without running its completed steps again.
import { afterEach, describe, expect, it } from "vitest";
import {
  countingServer,
  httpSteps,
  killAll,
  project,
  startServe,
  until,
  type Counter,
  type Project,
  type Serve,
  SERVE_TEST,
} from "./_serve.js";

let counter: Counter | undefined;
afterEach(async () => {
  await killAll();
  await counter?.close();
  counter = undefined;
});

/** A trusted project whose `fetch3` GETs /a, /b (held) and /c; its run started, /b in flight. */
async function inFlight(): Promise<{ c: Counter; p: Project; serve: Serve; runId: string }> {
  const c = (counter = await countingServer());
  const p = await project(
    { fetch3: httpSteps(c.url, ["a", "b", "c"]) },
    "network: { allowPrivate: true }\n",
  );
  c.hold("/b");
  const serve = await startServe(p);
  const started = await serve.api("POST", "/api/v1/workflows/fetch3/runs", {});
  expect(started.status).toBe(202);
  await until(() => c.counts["/b"] === 1);
  return { c, p, serve, runId: (started.body as { runId: string }).runId };
}

/** Starts serve again and waits for the run to end; answers the run. */
async function finish(p: Project, runId: string) {
  const again = await startServe(p);
  return until(async () => {
    const got = await again.api("GET", `/api/v1/runs/${runId}`);
    const body = got.body as { status: string };
    return body.status === "success" || body.status === "failed" ? body : undefined;
  });
}

describe("serve stops on SIGTERM", SERVE_TEST, () => {
  it("lets the step in flight finish, exits 0; a restart runs only what is left", async () => {
    const { c, p, serve, runId } = await inFlight();
    serve.child.kill("SIGTERM");
    await until(() => serve.stderr().includes("SIGTERM: stopping"));
    c.release("/b");
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(c.counts["/b"]).toBe(1);

    const run = await finish(p, runId);
    expect(run).toMatchObject({ id: runId, status: "success", outputs: { a: 1, b: 1, c: 1 } });
    expect(c.counts).toEqual({ "/a": 1, "/b": 1, "/c": 1 });
  });

  it("exits 130 at a second SIGTERM with the step held; a restart reruns only that step", async () => {
    const { c, p, serve, runId } = await inFlight();
    serve.child.kill("SIGTERM");
    await until(() => serve.stderr().includes("SIGTERM: stopping"));
    serve.child.kill("SIGTERM");
    // /b is still held: the process exits without waiting for it.
    expect(await serve.exited).toEqual({ code: 130, signal: null });
    expect(c.counts).toEqual({ "/a": 1, "/b": 1 });
    c.release("/b");

    const run = await finish(p, runId);
    expect(run).toMatchObject({ id: runId, status: "success", outputs: { a: 1, b: 2, c: 1 } });
    expect(c.counts).toEqual({ "/a": 1, "/b": 2, "/c": 1 });
  });
});
