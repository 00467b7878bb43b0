// Missed-run policies across a simulated downtime, and dedupe keys that stay the same across restarts.
import { describe, expect, it } from "vitest";
import {
  dueFires,
  MAX_CATCH_UP_FIRES,
  ON_TIME_TOLERANCE_MS,
  scheduleDedupeKey,
} from "../../src/index.js";
import { iso, schedule } from "./_helpers.js";

const at = (text: string) => new Date(text);
// An hourly schedule; the service handled 09:00, then was down until 12:20.
const lastFire = at("2026-06-01T09:00:00Z");
const back = at("2026-06-01T12:20:00Z");

describe("dueFires on time", () => {
  it.each(["skip", "latest"])("runs the fire just passed under missed: %s", (missed) => {
    const s = schedule({ cron: "0 * * * *", missed });
    expect(iso(dueFires(s, lastFire, at("2026-06-01T10:00:00Z")))).toEqual([
      "2026-06-01T10:00:00.000Z",
    ]);
    expect(iso(dueFires(s, lastFire, at("2026-06-01T10:00:05Z")))).toEqual([
      "2026-06-01T10:00:00.000Z",
    ]);
  });

  it("counts a fire exactly at now, and nothing before the next fire", () => {
    const s = schedule({ cron: "0 * * * *" });
    expect(dueFires(s, lastFire, at("2026-06-01T09:59:59.999Z"))).toEqual([]);
    expect(dueFires(s, at("2026-06-01T10:00:00Z"), at("2026-06-01T10:00:10Z"))).toEqual([]);
  });

  it("runs a fire of a 6-field schedule within the same second", () => {
    const s = schedule({ cron: "*/10 * * * * *" });
    const fires = dueFires(s, at("2026-06-01T09:59:59Z"), at("2026-06-01T10:00:00.400Z"));
    expect(iso(fires)).toEqual(["2026-06-01T10:00:00.000Z"]);
  });
});

describe("dueFires after a downtime", () => {
  it("skip: runs nothing when the latest fire is older than the tolerance", () => {
    const s = schedule({ cron: "0 * * * *" });
    expect(dueFires(s, lastFire, back)).toEqual([]);
  });

  it("skip: the tolerance boundary is inclusive", () => {
    const s = schedule({ cron: "0 * * * *" });
    const edge = new Date(at("2026-06-01T12:00:00Z").getTime() + ON_TIME_TOLERANCE_MS);
    expect(iso(dueFires(s, lastFire, edge))).toEqual(["2026-06-01T12:00:00.000Z"]);
    expect(dueFires(s, lastFire, new Date(edge.getTime() + 1))).toEqual([]);
  });

  it("latest: runs only the latest missed fire", () => {
    const s = schedule({ cron: "0 * * * *", missed: "latest" });
    expect(iso(dueFires(s, lastFire, back))).toEqual(["2026-06-01T12:00:00.000Z"]);
  });

  it("latest with a window: runs the latest only when it is inside the window", () => {
    const s = schedule({ cron: "0 * * * *", missed: "latest", catchUpWindow: "30m" });
    expect(iso(dueFires(s, lastFire, back))).toEqual(["2026-06-01T12:00:00.000Z"]);
    const daily = schedule({ cron: "0 9 * * *", missed: "latest", catchUpWindow: "1h" });
    expect(dueFires(daily, at("2026-05-30T09:00:00Z"), back)).toEqual([]);
  });

  it("all: runs every missed fire inside the window, earliest first", () => {
    const s = schedule({ cron: "0 * * * *", missed: "all", catchUpWindow: "2h" });
    expect(iso(dueFires(s, lastFire, back))).toEqual([
      "2026-06-01T11:00:00.000Z",
      "2026-06-01T12:00:00.000Z",
    ]);
    const wide = schedule({ cron: "0 * * * *", missed: "all", catchUpWindow: "1d" });
    expect(iso(dueFires(wide, lastFire, back))).toEqual([
      "2026-06-01T10:00:00.000Z",
      "2026-06-01T11:00:00.000Z",
      "2026-06-01T12:00:00.000Z",
    ]);
  });

  it("all: never repeats the last handled fire", () => {
    const s = schedule({ cron: "0 * * * *", missed: "all", catchUpWindow: "1d" });
    const fires = dueFires(s, at("2026-06-01T11:00:00Z"), back);
    expect(iso(fires)).toEqual(["2026-06-01T12:00:00.000Z"]);
  });

  it("all: catches up at most MAX_CATCH_UP_FIRES, the latest ones", () => {
    const s = schedule({ cron: "* * * * * *", missed: "all", catchUpWindow: "1d" });
    const fires = dueFires(s, at("2026-06-01T00:00:00Z"), back);
    expect(fires).toHaveLength(MAX_CATCH_UP_FIRES);
    expect(fires.at(-1)?.toISOString()).toBe("2026-06-01T12:20:00.000Z");
    expect(fires[0]?.toISOString()).toBe("2026-06-01T12:03:21.000Z");
  });

  it("a downtime over the skipped DST hour catches up the shifted fire once", () => {
    const s = schedule({
      cron: "30 2 * * *",
      timezone: "Europe/Berlin",
      missed: "all",
      catchUpWindow: "2d",
    });
    const fires = dueFires(s, at("2026-03-28T00:00:00Z"), at("2026-03-29T06:00:00Z"));
    expect(iso(fires)).toEqual(["2026-03-28T01:30:00.000Z", "2026-03-29T01:00:00.000Z"]);
  });

  it("a downtime over the repeated DST hour catches up an interval schedule's both occurrences", () => {
    const s = schedule({
      cron: "30 * * * *",
      timezone: "Europe/Berlin",
      missed: "all",
      catchUpWindow: "1d",
    });
    const fires = dueFires(s, at("2026-10-25T00:00:00Z"), at("2026-10-25T02:00:00Z"));
    expect(iso(fires)).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]);
  });
});

describe("dueFires edge cases", () => {
  it("has nothing due for a disabled schedule", () => {
    const s = schedule({ cron: "0 * * * *", enabled: false, missed: "latest" });
    expect(dueFires(s, lastFire, back)).toEqual([]);
  });

  it("has nothing due when the clock went back before the last fire", () => {
    const s = schedule({ cron: "0 * * * *", missed: "all", catchUpWindow: "1d" });
    expect(dueFires(s, back, lastFire)).toEqual([]);
    expect(dueFires(s, back, back)).toEqual([]);
  });

  it("a simulated run loop with restarts handles each fire once", () => {
    const s = schedule({ cron: "*/20 * * * *", missed: "all", catchUpWindow: "1h" });
    const ran = new Set<string>();
    let last = at("2026-06-01T09:00:00Z");
    // Ticks every 5 minutes, except a downtime from 09:35 to 10:25; each tick may run twice (a restart).
    const ticks = ["09:05", "09:20", "09:20", "09:25", "10:25", "10:25", "10:40", "10:45"];
    const runs: string[] = [];
    for (const tick of ticks) {
      const now = at(`2026-06-01T${tick}:00Z`);
      for (const fire of dueFires(s, last, now)) {
        const key = scheduleDedupeKey(s.name, fire);
        if (ran.has(key)) continue;
        ran.add(key);
        runs.push(key);
      }
      last = now;
    }
    expect(runs).toEqual([
      "schedule:s:2026-06-01T09:20:00.000Z",
      "schedule:s:2026-06-01T09:40:00.000Z",
      "schedule:s:2026-06-01T10:00:00.000Z",
      "schedule:s:2026-06-01T10:20:00.000Z",
      "schedule:s:2026-06-01T10:40:00.000Z",
    ]);
  });
});

describe("scheduleDedupeKey", () => {
  it("is schedule:<name>:<fire time ISO>", () => {
    expect(scheduleDedupeKey("daily-check", at("2026-06-01T09:00:00Z"))).toBe(
      "schedule:daily-check:2026-06-01T09:00:00.000Z",
    );
  });

  it("is the same for the same instant however it was made, and differs per name and instant", () => {
    const a = scheduleDedupeKey("a", at("2026-06-01T11:00:00+02:00"));
    expect(a).toBe(scheduleDedupeKey("a", new Date(Date.UTC(2026, 5, 1, 9))));
    expect(a).not.toBe(scheduleDedupeKey("b", at("2026-06-01T09:00:00Z")));
    expect(a).not.toBe(scheduleDedupeKey("a", at("2026-06-01T09:00:01Z")));
  });

  it("tells the two occurrences of a repeated hour apart", () => {
    const first = scheduleDedupeKey("a", at("2026-10-25T00:30:00Z"));
    const second = scheduleDedupeKey("a", at("2026-10-25T01:30:00Z"));
    expect(first).not.toBe(second);
  });
});
