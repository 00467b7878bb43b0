// A real `skillflow serve` with a 1-second schedule: its runs appear through the API with a schedule
// trigger, and `skillflow runs list` (the same history) sees them too.
import { afterEach, describe, expect, it } from "vitest";
import type { RunRow } from "@skillflow/store";
import {
  call,
  countingServer,
  httpSteps,
  killAll,
  project,
  startServe,
  until,
  type Counter,
  SERVE_TEST,
  NO_TOOL_STEPS,
} from "./_serve.js";

const TICK = `inputs:
  word: { type: string, default: none }
outputs:
  said: { type: string, value: "tick \${inputs.word}" }
${NO_TOOL_STEPS}`;

const CONFIG = `schedules:
  - name: every-second
    workflow: tick
    cron: "* * * * * *"
    inputs: { word: scheduled }
`;

interface Summary {
  id: string;
  status: string;
  workflow: string;
  trigger: { kind: string; schedule?: string; fireTime?: string };
  queued?: boolean;
}

afterEach(killAll);

describe("serve with a 1-second schedule", SERVE_TEST, () => {
  it("runs appear through the API with a schedule trigger, and in skillflow runs list", async () => {
    const p = await project({ tick: TICK }, CONFIG);
    const serve = await startServe(p);

    const schedules = await serve.api("GET", "/api/v1/schedules");
    expect(schedules.status).toBe(200);
    expect(schedules.body).toMatchObject([
      { name: "every-second", workflow: "tick", enabled: true, paused: false },
    ]);

    const finished = await until(async () => {
      const page = await serve.api("GET", "/api/v1/runs?schedule=every-second&status=success");
      expect(page.status).toBe(200);
      const items = (page.body as { items: Summary[] }).items;
      return items.length >= 2 ? items : undefined;
    });
    for (const run of finished) {
      expect(run).toMatchObject({
        workflow: "tick",
        status: "success",
        trigger: { kind: "schedule", schedule: "every-second" },
      });
      // The fire time is a whole second.
      expect(run.trigger.fireTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.000)?Z$/);
    }
    // Each fire time ran once: no two runs share one.
    const fires = finished.map((run) => run.trigger.fireTime);
    expect(new Set(fires).size).toBe(fires.length);

    const detail = await serve.api("GET", `/api/v1/runs/${finished[0]!.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: finished[0]!.id,
      status: "success",
      inputs: { word: "scheduled" },
      outputs: { said: "tick scheduled" },
      trigger: { kind: "schedule", schedule: "every-second" },
    });

    // The CLI reads the same history while the service runs.
    const listed = await call(p, "runs", "list", "--json");
    expect(listed.code, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as RunRow[];
    const ids = new Set(rows.map((row) => row.id));
    for (const run of finished) expect(ids.has(run.id)).toBe(true);
    expect(rows.every((row) => row.workflow === "tick")).toBe(true);
  });
});

describe(
  "serve with a 1-second schedule whose run is still going (overlap: skip)",
  SERVE_TEST,
  () => {
    let counter: Counter | undefined;
    afterEach(async () => {
      await counter?.close();
      counter = undefined;
    });

    it("skips the fires while the run is held, reports them, and fires again once it ends", async () => {
      const c = (counter = await countingServer());
      const p = await project(
        { slow: httpSteps(c.url, ["b"]) },
        `network: { allowPrivate: true }
schedules:
  - name: held
    workflow: slow
    cron: "* * * * * *"
    overlap: skip
`,
      );
      c.hold("/b");
      const serve = await startServe(p);
      // Two fires skipped while the first run holds /b (the service reports each on stderr).
      await until(() => serve.stderr().split("OVERLAP_SKIP schedule held").length > 2);
      expect(c.counts).toEqual({ "/b": 1 });
      const during = await serve.api("GET", "/api/v1/runs?schedule=held");
      expect((during.body as { items: Summary[] }).items.map((r) => r.status)).toEqual(["running"]);

      c.release("/b");
      const done = await until(async () => {
        const page = await serve.api("GET", "/api/v1/runs?schedule=held&status=success");
        const items = (page.body as { items: Summary[] }).items;
        return items.length >= 2 ? items : undefined;
      });
      expect(new Set(done.map((r) => r.trigger.fireTime)).size).toBe(done.length);
    });
  },
);
