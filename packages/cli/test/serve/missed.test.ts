// Missed runs across a restart of a real `skillflow serve`: a yearly schedule whose last handled fire
// (in the service's state) is two years old. `missed: latest` runs the latest missed fire once;
// `missed: skip` (the default) runs none. Either way the scheduler moves on to now.
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteServiceState } from "@skillflow/service";
import {
  killAll,
  project,
  startServe,
  until,
  type Project,
  SERVE_TEST,
  NO_TOOL_STEPS,
} from "./_serve.js";

const NOTHING = NO_TOOL_STEPS;

afterEach(killAll);

const year = new Date().getUTCFullYear();
const LONG_AGO = Date.UTC(year - 2, 0, 1);
const LATEST = Date.UTC(year, 0, 1);

/** A project with a yearly schedule (`missed` as given) last handled two years ago, as if down since. */
async function downForTwoYears(missed: string): Promise<Project> {
  const p = await project(
    { yearly: NOTHING },
    `schedules:
  - name: new-year
    workflow: yearly
    cron: "0 0 1 1 *"
    timezone: UTC
    missed: ${missed}
`,
  );
  const state = openSqliteServiceState({ path: stateFile(p) });
  await state.setLastFire("new-year", LONG_AGO);
  await state.close();
  return p;
}

/** The service's state file: service.db beside the history ($SKILLFLOW_HOME/history.db). */
const stateFile = (p: Project) => path.join(p.env.SKILLFLOW_HOME!, "service.db");

/** The last fire time the scheduler handled, read from the state (another process writes it). */
async function lastFire(p: Project): Promise<number | undefined> {
  const state = openSqliteServiceState({ path: stateFile(p) });
  try {
    return await state.lastFire("new-year");
  } finally {
    await state.close();
  }
}

describe("serve catches up missed fires by the schedule's missed policy", SERVE_TEST, () => {
  it("latest: runs the latest missed fire once", async () => {
    const p = await downForTwoYears("latest");
    const serve = await startServe(p);
    const runs = await until(async () => {
      const page = await serve.api("GET", "/api/v1/runs?schedule=new-year&status=success");
      const items = (page.body as { items: { trigger: { fireTime: string } }[] }).items;
      return items.length > 0 ? items : undefined;
    });
    expect(runs.map((r) => r.trigger.fireTime)).toEqual([new Date(LATEST).toISOString()]);
    // Only that one: none queued for the earlier missed fire (every run of the schedule, any status).
    const all = await serve.api("GET", "/api/v1/runs?schedule=new-year");
    expect((all.body as { items: unknown[] }).items).toHaveLength(1);
    // The scheduler moved on to now (it enqueues a fire before it records it as handled).
    expect(await lastFire(p)).toBeGreaterThanOrEqual(LATEST);
  });

  it("skip: runs none of them, and moves on", async () => {
    const p = await downForTwoYears("skip");
    const serve = await startServe(p);
    await until(async () => ((await lastFire(p)) ?? 0) > LONG_AGO);
    const page = await serve.api("GET", "/api/v1/runs?schedule=new-year");
    expect((page.body as { items: unknown[] }).items).toEqual([]);
  });
});
