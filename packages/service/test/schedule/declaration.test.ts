// Validation of the `schedules` list: each field's problem code and path, defaults, names as Map keys.
import { describe, expect, it } from "vitest";
import {
  parseSchedules,
  safeParseSchedules,
  ScheduleConfigError,
  type ScheduleProblem,
} from "../../src/index.js";

const ok = { name: "daily-check", workflow: "check-site", cron: "0 9 * * *" };

function problems(value: unknown): Array<Pick<ScheduleProblem, "code" | "path">> {
  const result = safeParseSchedules(value);
  if (result.ok) return [];
  return result.problems.map(({ code, path }) => ({ code, path }));
}

describe("safeParseSchedules", () => {
  it("applies the defaults", () => {
    const result = safeParseSchedules([ok]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.schedules.get("daily-check");
    expect(s).toMatchObject({
      name: "daily-check",
      workflow: "check-site",
      timezone: "UTC",
      enabled: true,
      overlap: "skip",
      missed: "skip",
      inputs: {},
    });
    expect(s?.catchUpWindowMs).toBeUndefined();
  });

  it("keeps every declared field", () => {
    const full = {
      ...ok,
      timezone: "Europe/Berlin",
      inputs: { url: "https://example.test" },
      enabled: false,
      overlap: "queue",
      missed: "all",
      catchUpWindow: "2d",
    };
    const s = parseSchedules([full]).get("daily-check");
    expect(s).toMatchObject({
      timezone: "Europe/Berlin",
      enabled: false,
      overlap: "queue",
      missed: "all",
    });
    expect(s?.inputs).toEqual({ url: "https://example.test" });
    expect(s?.catchUpWindowMs).toBe(2 * 86_400_000);
  });

  it("accepts no schedules and an empty list", () => {
    expect(safeParseSchedules(undefined)).toMatchObject({ ok: true });
    expect(safeParseSchedules([])).toMatchObject({ ok: true });
  });

  it.each([
    ["a mapping", { a: ok }, "SCHEDULES_NOT_A_LIST", "schedules"],
    ["a string", "0 9 * * *", "SCHEDULES_NOT_A_LIST", "schedules"],
    ["null entry", [null], "SCHEDULE_NOT_AN_OBJECT", "schedules[0]"],
    ["list entry", [[ok]], "SCHEDULE_NOT_AN_OBJECT", "schedules[0]"],
  ])("refuses %s", (_label, value, code, path) => {
    expect(problems(value)).toEqual([{ code, path }]);
  });

  it.each([
    ["name missing", { name: undefined }, "SCHEDULE_FIELD_MISSING", "name"],
    ["name not a string", { name: 7 }, "SCHEDULE_FIELD_TYPE", "name"],
    ["name upper case", { name: "Daily" }, "SCHEDULE_NAME_INVALID", "name"],
    ["name with a slash", { name: "a/b" }, "SCHEDULE_NAME_INVALID", "name"],
    ["name starting with a dash", { name: "-a" }, "SCHEDULE_NAME_INVALID", "name"],
    ["name __proto__", { name: "__proto__" }, "SCHEDULE_NAME_INVALID", "name"],
    ["name too long", { name: "a".repeat(65) }, "SCHEDULE_NAME_INVALID", "name"],
    ["workflow missing", { workflow: undefined }, "SCHEDULE_FIELD_MISSING", "workflow"],
    ["workflow empty", { workflow: "  " }, "SCHEDULE_WORKFLOW_EMPTY", "workflow"],
    ["workflow not a string", { workflow: ["a"] }, "SCHEDULE_FIELD_TYPE", "workflow"],
    ["cron missing", { cron: undefined }, "SCHEDULE_FIELD_MISSING", "cron"],
    ["cron not a string", { cron: 5 }, "SCHEDULE_FIELD_TYPE", "cron"],
    ["cron of 4 fields", { cron: "0 9 * *" }, "SCHEDULE_CRON_INVALID", "cron"],
    ["cron of 7 fields", { cron: "0 0 9 * * * 2026" }, "SCHEDULE_CRON_INVALID", "cron"],
    ["cron minute 61", { cron: "61 9 * * *" }, "SCHEDULE_CRON_INVALID", "cron"],
    ["cron second 60", { cron: "60 0 9 * * *" }, "SCHEDULE_CRON_INVALID", "cron"],
    ["cron words", { cron: "every day" }, "SCHEDULE_CRON_INVALID", "cron"],
    ["cron @reboot", { cron: "@reboot" }, "SCHEDULE_CRON_INVALID", "cron"],
    ["timezone unknown", { timezone: "Mars/Olympus" }, "SCHEDULE_TIMEZONE_INVALID", "timezone"],
    ["timezone offset", { timezone: "+01:00" }, "SCHEDULE_TIMEZONE_INVALID", "timezone"],
    ["timezone empty", { timezone: "" }, "SCHEDULE_TIMEZONE_INVALID", "timezone"],
    ["timezone not a string", { timezone: 1 }, "SCHEDULE_FIELD_TYPE", "timezone"],
    ["inputs a list", { inputs: [1] }, "SCHEDULE_FIELD_TYPE", "inputs"],
    ["inputs a string", { inputs: "url=x" }, "SCHEDULE_FIELD_TYPE", "inputs"],
    ["enabled a string", { enabled: "yes" }, "SCHEDULE_FIELD_TYPE", "enabled"],
    ["overlap unknown", { overlap: "replace" }, "SCHEDULE_OVERLAP_INVALID", "overlap"],
    ["missed unknown", { missed: "none" }, "SCHEDULE_MISSED_INVALID", "missed"],
    ["all without a window", { missed: "all" }, "SCHEDULE_CATCH_UP_REQUIRED", "catchUpWindow"],
    [
      "window malformed",
      { missed: "all", catchUpWindow: "1 hour" },
      "SCHEDULE_CATCH_UP_INVALID",
      "catchUpWindow",
    ],
    [
      "window zero",
      { missed: "all", catchUpWindow: "0h" },
      "SCHEDULE_CATCH_UP_INVALID",
      "catchUpWindow",
    ],
    [
      "window in ms",
      { missed: "all", catchUpWindow: "500ms" },
      "SCHEDULE_CATCH_UP_INVALID",
      "catchUpWindow",
    ],
    [
      "window a number",
      { missed: "all", catchUpWindow: 3600 },
      "SCHEDULE_CATCH_UP_INVALID",
      "catchUpWindow",
    ],
    [
      "window over 366d",
      { missed: "all", catchUpWindow: "367d" },
      "SCHEDULE_CATCH_UP_INVALID",
      "catchUpWindow",
    ],
    [
      "window with missed skip",
      { catchUpWindow: "1h" },
      "SCHEDULE_CATCH_UP_UNUSED",
      "catchUpWindow",
    ],
    ["unknown key", { every: "1h" }, "SCHEDULE_UNKNOWN_KEY", "every"],
    ["snake_case key", { catch_up_window: "1h" }, "SCHEDULE_UNKNOWN_KEY", "catch_up_window"],
  ])("refuses %s", (_label, fields, code, field) => {
    const entry: Record<string, unknown> = { ...ok, ...fields };
    for (const key of Object.keys(entry)) if (entry[key] === undefined) delete entry[key];
    expect(
      problems([ok, { ...entry, name: entry["name"] === ok.name ? "other" : entry["name"] }]),
    ).toEqual([{ code, path: `schedules[1].${field}` }]);
  });

  it("accepts a `notify` key (validated by safeParseServiceConfig) and leaves it out of the schedule", () => {
    const s = parseSchedules([{ ...ok, notify: [{ urlEnv: "ALERT_URL" }] }]).get("daily-check");
    expect(s).toBeDefined();
    expect(Object.keys(s ?? {})).not.toContain("notify");
  });

  it("accepts 5 and 6 fields, nicknames and every window unit", () => {
    const list = [
      { ...ok, name: "a", cron: "*/5 * * * *" },
      { ...ok, name: "b", cron: "*/10 * * * * *" },
      { ...ok, name: "c", cron: "@daily" },
      { ...ok, name: "d", missed: "latest", catchUpWindow: "90s" },
      { ...ok, name: "e", missed: "all", catchUpWindow: "30m" },
      { ...ok, name: "f", missed: "all", catchUpWindow: "366d" },
      { ...ok, name: "g", missed: "latest" },
    ];
    expect(problems(list)).toEqual([]);
  });

  it("refuses a duplicate name at the second declaration", () => {
    expect(problems([ok, { ...ok, cron: "0 10 * * *" }])).toEqual([
      { code: "SCHEDULE_NAME_DUPLICATE", path: "schedules[1].name" },
    ]);
  });

  it("collects every problem of every entry, in order", () => {
    const value = [{ name: "Bad", cron: "x", overlap: 1 }, ok, { ...ok, name: "z", zone: "UTC" }];
    expect(problems(value)).toEqual([
      { code: "SCHEDULE_NAME_INVALID", path: "schedules[0].name" },
      { code: "SCHEDULE_FIELD_MISSING", path: "schedules[0].workflow" },
      { code: "SCHEDULE_CRON_INVALID", path: "schedules[0].cron" },
      { code: "SCHEDULE_OVERLAP_INVALID", path: "schedules[0].overlap" },
      { code: "SCHEDULE_UNKNOWN_KEY", path: "schedules[2].zone" },
    ]);
  });

  it("keys schedules by name in a Map, so names like constructor stay data", () => {
    const parsed = parseSchedules([
      { ...ok, name: "constructor" },
      { ...ok, name: "to-string" },
    ]);
    expect(parsed).toBeInstanceOf(Map);
    expect([...parsed.keys()]).toEqual(["constructor", "to-string"]);
  });

  it("keeps a __proto__ input as data", () => {
    const inputs = JSON.parse('{"__proto__": {"polluted": true}, "url": "x"}') as unknown;
    const s = parseSchedules([{ ...ok, inputs }]).get(ok.name);
    expect(Object.keys(s?.inputs ?? {})).toEqual(["__proto__", "url"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(s?.inputs)).toBe(Object.prototype);
  });

  it("ignores inherited keys", () => {
    const entry = Object.create({ overlap: "nope" }) as Record<string, unknown>;
    Object.assign(entry, ok);
    expect(problems([entry])).toEqual([]);
  });
});

describe("parseSchedules", () => {
  it("throws one coded error listing every problem", () => {
    let caught: unknown;
    try {
      parseSchedules([
        { ...ok, cron: "x" },
        { ...ok, name: "b", timezone: "Nowhere" },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScheduleConfigError);
    const error = caught as ScheduleConfigError;
    expect(error.code).toBe("SCHEDULE_CONFIG_INVALID");
    expect(error.problems.map((p) => p.code)).toEqual([
      "SCHEDULE_CRON_INVALID",
      "SCHEDULE_TIMEZONE_INVALID",
    ]);
    expect(error.message).toContain("schedules[0].cron");
  });
});
