// Next fire times: 5 and 6 fields, timezones, day-of-month OR day-of-week, and daylight-saving time.
import { describe, expect, it } from "vitest";
import { compileCron, isValidTimezone, nextFires } from "../../src/index.js";
import { iso, schedule } from "./_helpers.js";

describe("nextFires", () => {
  it("lists fires strictly after the reference, earliest first", () => {
    const s = schedule({ cron: "0 * * * *" });
    expect(iso(nextFires(s, new Date("2026-06-01T12:00:00Z"), 2))).toEqual([
      "2026-06-01T13:00:00.000Z",
      "2026-06-01T14:00:00.000Z",
    ]);
    expect(iso(nextFires(s, new Date("2026-06-01T11:59:59.999Z"), 1))).toEqual([
      "2026-06-01T12:00:00.000Z",
    ]);
    expect(nextFires(s, new Date("2026-06-01T12:00:00Z"), 0)).toEqual([]);
  });

  it("reads 5 fields at minute precision and 6 with seconds first", () => {
    const from = new Date("2026-06-01T12:00:00Z");
    expect(iso(nextFires(schedule({ cron: "*/15 * * * *" }), from, 2))).toEqual([
      "2026-06-01T12:15:00.000Z",
      "2026-06-01T12:30:00.000Z",
    ]);
    expect(iso(nextFires(schedule({ cron: "*/15 * * * * *" }), from, 2))).toEqual([
      "2026-06-01T12:00:15.000Z",
      "2026-06-01T12:00:30.000Z",
    ]);
    expect(iso(nextFires(schedule({ cron: "30 0 9 * * *" }), from, 1))).toEqual([
      "2026-06-02T09:00:30.000Z",
    ]);
  });

  it("reads the pattern in the declared timezone", () => {
    const from = new Date("2026-01-15T00:00:00Z");
    expect(iso(nextFires(schedule({ cron: "0 9 * * *" }), from, 1))).toEqual([
      "2026-01-15T09:00:00.000Z",
    ]);
    const berlin = schedule({ cron: "0 9 * * *", timezone: "Europe/Berlin" });
    expect(iso(nextFires(berlin, from, 1))).toEqual(["2026-01-15T08:00:00.000Z"]);
    const summer = new Date("2026-07-15T00:00:00Z");
    expect(iso(nextFires(berlin, summer, 1))).toEqual(["2026-07-15T07:00:00.000Z"]);
    const york = schedule({ cron: "0 9 * * *", timezone: "America/New_York" });
    expect(iso(nextFires(york, from, 1))).toEqual(["2026-01-15T14:00:00.000Z"]);
    const kolkata = schedule({ cron: "0 9 * * *", timezone: "Asia/Kolkata" });
    expect(iso(nextFires(kolkata, from, 1))).toEqual(["2026-01-15T03:30:00.000Z"]);
  });

  it("fires when day-of-month OR day-of-week matches (Vixie cron)", () => {
    // 2026-06-01 is a Monday; the 10th is a Wednesday.
    const s = schedule({ cron: "0 0 10 * MON" });
    expect(iso(nextFires(s, new Date("2026-06-01T00:00:00Z"), 3))).toEqual([
      "2026-06-08T00:00:00.000Z",
      "2026-06-10T00:00:00.000Z",
      "2026-06-15T00:00:00.000Z",
    ]);
  });
});

describe("daylight-saving time (Europe/Berlin, 2026)", () => {
  const berlin = (cron: string) => schedule({ cron, timezone: "Europe/Berlin" });

  it("fires a fixed time inside the skipped hour once, at the end of the gap", () => {
    // 2026-03-29 02:00 CET jumps to 03:00 CEST: 02:30 does not exist.
    const fires = nextFires(berlin("30 2 * * *"), new Date("2026-03-28T00:00:00Z"), 3);
    expect(iso(fires)).toEqual([
      "2026-03-28T01:30:00.000Z", // 02:30 CET
      "2026-03-29T01:00:00.000Z", // 03:00 CEST, the first instant after the gap
      "2026-03-30T00:30:00.000Z", // 02:30 CEST
    ]);
  });

  it("fires a fixed time of the repeated hour once, on its first occurrence", () => {
    // 2026-10-25 03:00 CEST falls back to 02:00 CET: 02:30 happens at 00:30Z and at 01:30Z.
    const fires = nextFires(berlin("30 2 * * *"), new Date("2026-10-24T00:00:00Z"), 3);
    expect(iso(fires)).toEqual([
      "2026-10-24T00:30:00.000Z",
      "2026-10-25T00:30:00.000Z", // 02:30 CEST only
      "2026-10-26T01:30:00.000Z",
    ]);
  });

  it("skips the local times of the skipped hour for an interval schedule", () => {
    const fires = nextFires(berlin("*/30 * * * *"), new Date("2026-03-29T00:00:00Z"), 3);
    expect(iso(fires)).toEqual([
      "2026-03-29T00:30:00.000Z", // 01:30 CET
      "2026-03-29T01:00:00.000Z", // 03:00 CEST (02:00 and 02:30 do not exist)
      "2026-03-29T01:30:00.000Z", // 03:30 CEST
    ]);
  });

  it("fires both occurrences of the repeated hour for an interval schedule", () => {
    const fires = nextFires(berlin("*/30 * * * *"), new Date("2026-10-25T00:00:00Z"), 4);
    expect(iso(fires)).toEqual([
      "2026-10-25T00:30:00.000Z", // 02:30 CEST
      "2026-10-25T01:00:00.000Z", // 02:00 CET
      "2026-10-25T01:30:00.000Z", // 02:30 CET
      "2026-10-25T02:00:00.000Z", // 03:00 CET
    ]);
  });

  it("keeps UTC schedules free of daylight-saving shifts", () => {
    const fires = nextFires(schedule({ cron: "30 2 * * *" }), new Date("2026-03-28T12:00:00Z"), 2);
    expect(iso(fires)).toEqual(["2026-03-29T02:30:00.000Z", "2026-03-30T02:30:00.000Z"]);
  });
});

describe("compileCron and isValidTimezone", () => {
  it("returns croner's reason instead of throwing", () => {
    expect(compileCron("61 * * * *")).toMatchObject({ ok: false });
    expect(compileCron("* * * *")).toMatchObject({ ok: false });
    expect(compileCron("0 9 * * *", "Europe/Berlin")).toMatchObject({ ok: true });
  });

  it.each([
    ["Europe/Berlin", true],
    ["UTC", true],
    ["America/Argentina/Buenos_Aires", true],
    ["Etc/GMT+1", true],
    ["Europe/Nowhere", false],
    ["+01:00", false],
    ["", false],
    ["../etc/passwd", false],
  ])("%s is %s", (name, valid) => expect(isValidTimezone(name)).toBe(valid));
});
