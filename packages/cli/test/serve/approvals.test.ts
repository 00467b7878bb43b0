// Approvals in a real `skillflow serve`: a run waits (listed by GET /api/v1/approvals) and, with
// `timeout: 2s` and `on_timeout: reject`, ends on its own after the deadline with the rejection
// applied; a run decided through POST /api/v1/runs/<id>/approvals/<key> finishes.
import { afterEach, describe, expect, it } from "vitest";
import { killAll, project, startServe, until, type Serve, SERVE_TEST } from "./_serve.js";

/** A workflow asking to ship (with `approval` settings), then a step that runs only if approved. */
const shipping = (approval: string) => `outputs:
  approved: { type: boolean, value: $steps.confirm.output.approved }
  timed_out: { type: boolean, value: $steps.confirm.output.timed_out }
steps:
  - id: confirm
    type: approval
    message: "Ship it?"${approval}
  - id: ship
    type: transform
    operation: filter
    where: "true"
    condition: $steps.confirm.output.approved
    inputs:
      items: { type: array, value: [1] }
    outputs:
      items: { type: array }`;

interface Approval {
  runId: string;
  key: string;
  workflow: string;
  expired: boolean;
}

afterEach(killAll);

/** Waits until the run is listed as waiting for an approval; answers that approval. */
const waitingApproval = (serve: Serve, runId: string) =>
  until(async () => {
    const listed = await serve.api("GET", "/api/v1/approvals");
    expect(listed.status).toBe(200);
    return (listed.body as Approval[]).find((a) => a.runId === runId);
  });

/** Waits until the run ends; answers it. */
const ended = (serve: Serve, runId: string) =>
  until(async () => {
    const got = await serve.api("GET", `/api/v1/runs/${runId}`);
    const run = got.body as { status: string; steps: { id: string; status: string }[] };
    return ["success", "failed", "cancelled"].includes(run.status) ? run : undefined;
  });

describe("serve and approvals", SERVE_TEST, () => {
  it("applies on_timeout: reject after a 2 s deadline; a decided run finishes", async () => {
    const p = await project(
      {
        "ship-soon": shipping("\n    timeout: 2s\n    on_timeout: reject"),
        ship: shipping("\n    timeout: 1h"),
      },
      "{}\n",
    );
    const serve = await startServe(p);

    const soon = await serve.api("POST", "/api/v1/workflows/ship-soon/runs", {});
    expect(soon.status).toBe(202);
    const soonId = (soon.body as { runId: string }).runId;
    const pending = await waitingApproval(serve, soonId);
    expect(pending).toMatchObject({ workflow: "ship-soon", key: "confirm" });
    expect((await serve.api("GET", `/api/v1/runs/${soonId}`)).body).toMatchObject({
      status: "waiting",
    });
    // Nobody decides: the deadline does.
    const timedOut = await ended(serve, soonId);
    expect(timedOut).toMatchObject({
      status: "success",
      outputs: { approved: false, timed_out: true },
    });
    expect(timedOut.steps.find((s) => s.id === "ship")?.status).toBe("skipped");

    const decided = await serve.api("POST", "/api/v1/workflows/ship/runs", {});
    const decidedId = (decided.body as { runId: string }).runId;
    const asked = await waitingApproval(serve, decidedId);
    const answer = await serve.api(
      "POST",
      `/api/v1/runs/${decidedId}/approvals/${encodeURIComponent(asked.key)}`,
      { approved: true, by: "tester" },
    );
    expect(answer.status).toBe(202);
    const approved = await ended(serve, decidedId);
    expect(approved).toMatchObject({
      status: "success",
      outputs: { approved: true, timed_out: false },
    });
    expect(approved.steps.find((s) => s.id === "ship")?.status).toBe("success");
    expect((await serve.api("GET", "/api/v1/approvals")).body).toEqual([]);
  });
});
