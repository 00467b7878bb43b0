// planScheduleTick: overlap and missed policies, pause, DST and at-most-once per fire time, on a virtual clock.
import { describe, expect, it } from "vitest";
import {
  planScheduleTick,
  scheduleInfos,
  type ActiveScheduleRun,
  type Schedule,
  type ScheduleAction,
} from "../../src/index.js";
import { schedule } from "../schedule/_helpers.js";

const t = (text: string): number => new Date(text).getTime();
const isoOf = (ms: number): string => new Date(ms).toISOString();

/** A fake scheduler host: last fires, active runs, a dedupe set like the queue's, and what ran. */
class Host {
  readonly last = new Map<string, number>();
  readonly active = new Map<string, ActiveScheduleRun[]>();
  readonly paused = new Set<string>();
  readonly keys = new Set<string>();
  readonly enqueued: string[] = [];
  readonly skipped: { fire: string; reason: string }[] = [];
  readonly cancelled: string[] = [];
  private next = 0;

  constructor(readonly schedules: ReadonlyMap<string, Schedule>) {}

  plan(now: number): ScheduleAction[] {
    return planScheduleTick({
      schedules: this.schedules,
      paused: this.paused,
      lastFire: (name) => this.last.get(name),
      now,
      active: (s) => this.active.get(s.name) ?? [],
    });
  }

  /** Plans and applies a tick; `crashBeforeAdvance` drops the advance (a crash mid-tick). */
  tick(now: number, crashBeforeAdvance = false): ScheduleAction[] {
    const actions = this.plan(now);
    for (const action of actions) this.apply(action, crashBeforeAdvance);
    return actions;
  }

  private apply(action: ScheduleAction, crashBeforeAdvance: boolean): void {
    const name = action.schedule.name;
    const runs = this.active.get(name) ?? [];
    if (action.kind === "advance") {
      if (!crashBeforeAdvance) this.last.set(name, action.lastFire);
    } else if (action.kind === "skip") {
      this.skipped.push({ fire: isoOf(action.fireTime), reason: action.reason });
    } else if (action.kind === "cancel") {
      this.cancelled.push(action.runId);
      this.active.set(
        name,
        runs.filter((r) => r.runId !== action.runId),
      );
    } else if (!this.keys.has(action.dedupeKey)) {
      this.keys.add(action.dedupeKey);
      this.enqueued.push(isoOf(action.fireTime));
      this.active.set(name, [...runs, { runId: `job-${++this.next}`, status: "queued" }]);
    }
  }

  /** Every unfinished run of every schedule finishes. */
  finishAll(): void {
    this.active.clear();
  }

  /** Runs from `from` to `to` ticking every `stepMs`; runs finish between ticks. */
  simulate(from: number, to: number, stepMs: number): void {
    for (let now = from; now <= to; now += stepMs) {
      this.tick(now);
      this.finishAll();
    }
  }
}

const one = (fields: Record<string, unknown>): ReadonlyMap<string, Schedule> => {
  const s = schedule(fields);
  return new Map([[s.name, s]]);
};

describe("planScheduleTick: first sight and on-time fires", () => {
  it("starts a new schedule from now, without catching up history", () => {
    const host = new Host(one({ cron: "* * * * *", missed: "all", catchUpWindow: "2d" }));
    const actions = host.tick(t("2026-06-01T10:00:30Z"));
    expect(actions.map((a) => a.kind)).toEqual(["advance"]);
    expect(host.last.get("s")).toBe(t("2026-06-01T10:00:30Z"));
  });

  it("enqueues a due fire under its dedupe key, then advances to now", () => {
    const host = new Host(one({ cron: "0 * * * *" }));
    host.last.set("s", t("2026-06-01T09:00:00Z"));
    const actions = host.plan(t("2026-06-01T10:00:05Z"));
    expect(actions).toEqual([
      expect.objectContaining({
        kind: "enqueue",
        fireTime: t("2026-06-01T10:00:00Z"),
        dedupeKey: "schedule:s:2026-06-01T10:00:00.000Z",
      }),
      expect.objectContaining({ kind: "advance", lastFire: t("2026-06-01T10:00:05Z") }),
    ]);
  });

  it("plans nothing between fires, nor when the clock was set back", () => {
    const host = new Host(one({ cron: "0 * * * *" }));
    host.last.set("s", t("2026-06-01T10:00:00Z"));
    expect(host.plan(t("2026-06-01T10:30:00Z"))).toEqual([]);
    expect(host.plan(t("2026-06-01T09:30:00Z"))).toEqual([]);
  });
});

describe("planScheduleTick: overlap policies", () => {
  const now = t("2026-06-01T10:00:01Z");
  const setUp = (overlap: string, active: ActiveScheduleRun[]): Host => {
    const host = new Host(one({ cron: "0 * * * *", overlap }));
    host.last.set("s", t("2026-06-01T09:00:00Z"));
    host.active.set("s", active);
    return host;
  };
  const running: ActiveScheduleRun = { runId: "r1", status: "running" };
  const waiting: ActiveScheduleRun = { runId: "r2", status: "waiting" };
  const queued: ActiveScheduleRun = { runId: "r3", status: "queued" };

  it.each([[[running]], [[waiting]], [[queued]]])(
    "skip: records the fire as skipped while %j",
    (active) => {
      const host = setUp("skip", active);
      host.tick(now);
      expect(host.enqueued).toEqual([]);
      expect(host.skipped).toEqual([{ fire: "2026-06-01T10:00:00.000Z", reason: "OVERLAP_SKIP" }]);
      expect(host.last.get("s")).toBe(now);
    },
  );

  it("skip: starts when nothing is going", () => {
    const host = setUp("skip", []);
    host.tick(now);
    expect(host.enqueued).toEqual(["2026-06-01T10:00:00.000Z"]);
  });

  it("allow: starts alongside a running run", () => {
    const host = setUp("allow", [running, queued]);
    host.tick(now);
    expect(host.enqueued).toEqual(["2026-06-01T10:00:00.000Z"]);
    expect(host.skipped).toEqual([]);
  });

  it("queue: holds one fire behind a running run, and drops a fire when one already waits", () => {
    const host = setUp("queue", [running]);
    host.tick(now);
    expect(host.enqueued).toEqual(["2026-06-01T10:00:00.000Z"]);
    host.tick(t("2026-06-01T11:00:01Z"));
    expect(host.enqueued).toHaveLength(1);
    expect(host.skipped).toEqual([
      { fire: "2026-06-01T11:00:00.000Z", reason: "OVERLAP_QUEUE_FULL" },
    ]);
  });

  it("cancel-previous: cancels every unfinished run first, then enqueues", () => {
    const host = setUp("cancel-previous", [running, waiting, queued]);
    const kinds = host.tick(now).map((a) => a.kind);
    expect(kinds).toEqual(["cancel", "cancel", "cancel", "enqueue", "advance"]);
    expect(host.cancelled).toEqual(["r1", "r2", "r3"]);
    expect(host.enqueued).toEqual(["2026-06-01T10:00:00.000Z"]);
  });

  it("cancel-previous: a catch-up keeps only the latest fire, the earlier ones are superseded", () => {
    const host = new Host(
      one({ cron: "0 * * * *", overlap: "cancel-previous", missed: "all", catchUpWindow: "3h" }),
    );
    host.last.set("s", t("2026-06-01T09:00:00Z"));
    host.tick(t("2026-06-01T11:00:01Z"));
    expect(host.enqueued).toEqual(["2026-06-01T11:00:00.000Z"]);
    expect(host.skipped).toEqual([{ fire: "2026-06-01T10:00:00.000Z", reason: "SUPERSEDED" }]);
  });
});

describe("planScheduleTick: missed policies across a restart", () => {
  // An hourly schedule; the service handled 09:00, was down, and starts again at 12:20.
  const start = (fields: Record<string, unknown>): Host => {
    const host = new Host(one({ cron: "0 * * * *", ...fields }));
    host.last.set("s", t("2026-06-01T09:00:00Z"));
    host.tick(t("2026-06-01T12:20:00Z"));
    return host;
  };

  it("skip: runs nothing until the next fire, then runs it", () => {
    const host = start({});
    expect(host.enqueued).toEqual([]);
    expect(host.last.get("s")).toBe(t("2026-06-01T12:20:00Z"));
    host.tick(t("2026-06-01T13:00:02Z"));
    expect(host.enqueued).toEqual(["2026-06-01T13:00:00.000Z"]);
  });

  it("latest: runs the latest missed fire once", () => {
    const host = start({ missed: "latest" });
    expect(host.enqueued).toEqual(["2026-06-01T12:00:00.000Z"]);
    host.tick(t("2026-06-01T12:21:00Z"));
    expect(host.enqueued).toHaveLength(1);
  });

  it("all with overlap allow: runs every missed fire inside the window", () => {
    const host = start({ missed: "all", catchUpWindow: "2h", overlap: "allow" });
    expect(host.enqueued).toEqual(["2026-06-01T11:00:00.000Z", "2026-06-01T12:00:00.000Z"]);
  });

  it("all with overlap skip: runs the first catch-up fire and records the others as skipped", () => {
    const host = start({ missed: "all", catchUpWindow: "4h" });
    expect(host.enqueued).toEqual(["2026-06-01T10:00:00.000Z"]);
    expect(host.skipped.map((s) => s.reason)).toEqual(["OVERLAP_SKIP", "OVERLAP_SKIP"]);
  });
});

describe("planScheduleTick: paused and disabled schedules", () => {
  it("a paused schedule runs nothing and does not catch up once resumed", () => {
    const host = new Host(one({ cron: "0 * * * *", missed: "latest" }));
    host.last.set("s", t("2026-06-01T09:00:00Z"));
    host.paused.add("s");
    expect(host.plan(t("2026-06-01T09:30:00Z"))).toEqual([]);
    const actions = host.tick(t("2026-06-01T10:00:01Z"));
    expect(actions.map((a) => a.kind)).toEqual(["advance"]);
    host.paused.delete("s");
    host.tick(t("2026-06-01T10:30:00Z"));
    expect(host.enqueued).toEqual([]);
    host.tick(t("2026-06-01T11:00:01Z"));
    expect(host.enqueued).toEqual(["2026-06-01T11:00:00.000Z"]);
  });

  it("a disabled schedule runs nothing", () => {
    const host = new Host(one({ cron: "* * * * *", enabled: false }));
    host.simulate(t("2026-06-01T09:00:00Z"), t("2026-06-01T09:10:00Z"), 20_000);
    expect(host.enqueued).toEqual([]);
  });
});

describe("planScheduleTick: daylight-saving time in Europe/Berlin", () => {
  const berlin = (cron: string): Host =>
    new Host(one({ cron, timezone: "Europe/Berlin", overlap: "allow" }));

  it("a fixed time in the skipped hour fires once, at the first instant after the gap", () => {
    const host = berlin("30 2 * * *");
    host.simulate(t("2026-03-28T22:00:00Z"), t("2026-03-29T04:00:00Z"), 60_000);
    expect(host.enqueued).toEqual(["2026-03-29T01:00:00.000Z"]);
  });

  it("a fixed time in the repeated hour fires once, on the first occurrence", () => {
    const host = berlin("30 2 * * *");
    host.simulate(t("2026-10-24T22:00:00Z"), t("2026-10-25T04:00:00Z"), 60_000);
    expect(host.enqueued).toEqual(["2026-10-25T00:30:00.000Z"]);
  });

  it("an interval schedule skips the missing hour and fires on both repeated ones", () => {
    const spring = berlin("*/30 * * * *");
    spring.simulate(t("2026-03-29T00:10:00Z"), t("2026-03-29T01:40:00Z"), 60_000);
    expect(spring.enqueued).toEqual([
      "2026-03-29T00:30:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-29T01:30:00.000Z",
    ]);
    const autumn = berlin("*/30 * * * *");
    autumn.simulate(t("2026-10-24T23:50:00Z"), t("2026-10-25T01:40:00Z"), 60_000);
    expect(autumn.enqueued).toEqual([
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-25T01:00:00.000Z",
      "2026-10-25T01:30:00.000Z",
    ]);
  });
});

describe("planScheduleTick: at most once per fire time", () => {
  it("ticks closer than the fire interval enqueue each fire once", () => {
    const host = new Host(one({ cron: "* * * * *", overlap: "allow" }));
    // The first tick (09:00:00) only starts watching; 09:01 to 10:00 each run once.
    host.simulate(t("2026-06-01T09:00:00Z"), t("2026-06-01T10:00:30Z"), 7_000);
    const minutes = Array.from({ length: 60 }, (_, i) =>
      new Date(t("2026-06-01T09:01:00Z") + i * 60_000).toISOString(),
    );
    expect(host.enqueued).toEqual(minutes);
  });

  it("a tick replanned after a crash before advancing gives the same dedupe keys", () => {
    const host = new Host(
      one({ cron: "0 * * * *", missed: "all", catchUpWindow: "3h", overlap: "allow" }),
    );
    host.last.set("s", t("2026-06-01T09:00:00Z"));
    const now = t("2026-06-01T11:00:05Z");
    const first = host.tick(now, true);
    const again = host.tick(now);
    const keys = (actions: ScheduleAction[]) =>
      actions.flatMap((a) => (a.kind === "enqueue" ? [a.dedupeKey] : []));
    expect(keys(again)).toEqual(keys(first));
    expect(host.enqueued).toEqual(["2026-06-01T10:00:00.000Z", "2026-06-01T11:00:00.000Z"]);
    expect(host.plan(now + 1_000)).toEqual([]);
  });
});

describe("scheduleInfos", () => {
  const schedules = new Map<string, Schedule>([
    ["a", schedule({ name: "a", cron: "0 9 * * *", timezone: "Europe/Berlin" })],
    ["b", schedule({ name: "b", cron: "0 * * * *" })],
    ["c", schedule({ name: "c", cron: "0 * * * *", enabled: false })],
  ]);
  const lastRun = { runId: "r1", status: "success" as const, startedAt: "2026-06-01T07:00:00Z" };
  const infos = scheduleInfos(
    schedules,
    new Set(["b"]),
    t("2026-06-01T08:00:00Z"),
    new Map([["a", lastRun]]),
  );

  it("lists the next three fire times of an active schedule and its last run", () => {
    expect(infos[0]).toEqual({
      name: "a",
      workflow: "check",
      cron: "0 9 * * *",
      timezone: "Europe/Berlin",
      enabled: true,
      paused: false,
      overlap: "skip",
      missed: "skip",
      next: ["2026-06-02T07:00:00.000Z", "2026-06-03T07:00:00.000Z", "2026-06-04T07:00:00.000Z"],
      lastRun,
    });
  });

  it("lists no fire times for a paused or disabled schedule", () => {
    expect(infos.map((i) => [i.name, i.paused, i.enabled, i.next])).toEqual([
      ["a", false, true, expect.any(Array)],
      ["b", true, true, []],
      ["c", false, false, []],
    ]);
  });
});
