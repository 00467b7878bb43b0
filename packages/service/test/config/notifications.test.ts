// `notifications` and a schedule's `notify`: events, targets whose URL comes from the env, each problem.
import { describe, expect, it } from "vitest";
import { DEFAULT_NOTIFY_ON, serviceConfigSecrets } from "../../src/index.js";
import { ENV, messages, parsed, problems } from "./_helpers.js";

const target = { urlEnv: "ALERT_URL" };
const schedule = { name: "daily", workflow: "check-site", cron: "0 9 * * *" };

describe("safeParseServiceConfig: notifications", () => {
  it("reads target URLs from the environment, json by default, failure and waiting by default", () => {
    const config = parsed({
      notifications: { targets: [target, { urlEnv: "SLACK_URL", format: "slack" }] },
    });
    expect(config.notifications).toEqual({
      on: ["failure", "waiting"],
      targets: [
        { url: ENV.ALERT_URL, format: "json" },
        { url: ENV.SLACK_URL, format: "slack" },
      ],
    });
    expect(DEFAULT_NOTIFY_ON).toEqual(["failure", "waiting"]);
    expect(parsed({}).notifications).toBeUndefined();
  });

  it("keeps the declared events once each, and accepts a list of targets", () => {
    const on = ["success", "change", "success"];
    expect(parsed({ notifications: { on, targets: [target] } }).notifications?.on).toEqual([
      "success",
      "change",
    ]);
    expect(parsed({ notifications: [target] }).notifications).toEqual({
      on: DEFAULT_NOTIFY_ON,
      targets: [{ url: ENV.ALERT_URL, format: "json" }],
    });
    expect(parsed({ notifications: { on: [], targets: [] } }).notifications).toEqual({
      on: [],
      targets: [],
    });
  });

  it("refuses a URL written in the config, and never shows it", () => {
    const literal = { url: "https://hooks.slack.example.test/services/T/B/leaked" };
    expect(problems({ notifications: { targets: [literal] } })).toEqual([
      { code: "SECRET_IN_CONFIG", path: "notifications.targets[0].url" },
      { code: "NOTIFY_FIELD_MISSING", path: "notifications.targets[0].urlEnv" },
    ]);
    expect(problems({ notifications: { targets: [{ ...literal, ...target }] } })).toEqual([
      { code: "SECRET_IN_CONFIG", path: "notifications.targets[0].url" },
    ]);
    expect(messages({ notifications: { targets: [literal] } })).not.toContain("leaked");
  });

  it("refuses a missing or empty variable by name, a non-name, and a value that is not an http(s) URL", () => {
    const at = "notifications.targets[0].urlEnv";
    expect(problems({ notifications: { targets: [{ urlEnv: "UNSET_URL" }] } })).toEqual([
      { code: "ENV_MISSING", path: at },
    ]);
    expect(messages({ notifications: { targets: [{ urlEnv: "UNSET_URL" }] } })).toContain(
      "UNSET_URL",
    );
    expect(problems({ notifications: { targets: [{ urlEnv: "EMPTY" }] } })).toEqual([
      { code: "ENV_MISSING", path: at },
    ]);
    const pasted = { urlEnv: "https://hooks.slack.example.test/services/T/B/leaked" };
    expect(problems({ notifications: { targets: [pasted] } })).toEqual([
      { code: "ENV_NAME_INVALID", path: at },
    ]);
    expect(messages({ notifications: { targets: [pasted] } })).not.toContain("leaked");
    expect(problems({ notifications: { targets: [{ urlEnv: "NOT_A_URL" }] } })).toEqual([
      { code: "NOTIFY_URL_INVALID", path: at },
    ]);
    expect(messages({ notifications: { targets: [{ urlEnv: "NOT_A_URL" }] } })).not.toContain(
      "files.example",
    );
  });

  it.each([
    ["x", "NOTIFY_NOT_AN_OBJECT", "notifications"],
    [null, "NOTIFY_NOT_AN_OBJECT", "notifications"],
    [{ on: ["failure"] }, "NOTIFY_FIELD_MISSING", "notifications.targets"],
    [{ targets: target }, "NOTIFY_FIELD_TYPE", "notifications.targets"],
    [{ on: "failure", targets: [target] }, "NOTIFY_FIELD_TYPE", "notifications.on"],
    [{ on: ["failed"], targets: [target] }, "NOTIFY_EVENT_INVALID", "notifications.on[0]"],
    [{ on: ["failure", 1], targets: [target] }, "NOTIFY_EVENT_INVALID", "notifications.on[1]"],
    [{ targets: ["ALERT_URL"] }, "NOTIFY_FIELD_TYPE", "notifications.targets[0]"],
    [
      { targets: [{ ...target, format: "teams" }] },
      "NOTIFY_FORMAT_INVALID",
      "notifications.targets[0].format",
    ],
    [
      { targets: [{ ...target, formt: "slack" }] },
      "NOTIFY_UNKNOWN_KEY",
      "notifications.targets[0].formt",
    ],
    [{ targets: [target], onn: ["success"] }, "NOTIFY_UNKNOWN_KEY", "notifications.onn"],
  ])("refuses %j with %s", (notifications, code, path) => {
    expect(problems({ notifications })).toEqual([{ code, path }]);
  });
});

describe("safeParseServiceConfig: a schedule's notify", () => {
  it("keeps each schedule's settings by name, the list form taking the default's events", () => {
    const config = parsed({
      schedules: [
        { ...schedule, notify: { on: ["change"], targets: [target] } },
        { ...schedule, name: "hourly", notify: [{ urlEnv: "SLACK_URL", format: "slack" }] },
        { ...schedule, name: "quiet" },
      ],
      notifications: { on: ["success"], targets: [target] },
    });
    expect([...config.scheduleNotifications]).toEqual([
      ["daily", { on: ["change"], targets: [{ url: ENV.ALERT_URL, format: "json" }] }],
      ["hourly", { on: ["success"], targets: [{ url: ENV.SLACK_URL, format: "slack" }] }],
    ]);
    expect([...config.schedules.keys()]).toEqual(["daily", "hourly", "quiet"]);
    const alone = parsed({ schedules: [{ ...schedule, notify: [target] }] });
    expect(alone.scheduleNotifications.get("daily")?.on).toEqual(DEFAULT_NOTIFY_ON);
  });

  it("takes `notify: []` as no notification for that schedule (overriding the default)", () => {
    const config = parsed({ schedules: [{ ...schedule, notify: [] }], notifications: [target] });
    expect(config.scheduleNotifications.get("daily")).toEqual({
      on: DEFAULT_NOTIFY_ON,
      targets: [],
    });
  });

  it("locates notify problems under the schedule, beside the schedule's own", () => {
    const result = problems({
      schedules: [
        { ...schedule, notify: { on: ["oops"], targets: [{ url: "https://x.test/secret" }] } },
        { ...schedule, name: "Bad", notify: "ALERT_URL" },
      ],
    });
    expect(result).toEqual([
      { code: "SCHEDULE_NAME_INVALID", path: "schedules[1].name" },
      { code: "NOTIFY_EVENT_INVALID", path: "schedules[0].notify.on[0]" },
      { code: "SECRET_IN_CONFIG", path: "schedules[0].notify.targets[0].url" },
      { code: "NOTIFY_FIELD_MISSING", path: "schedules[0].notify.targets[0].urlEnv" },
      { code: "NOTIFY_NOT_AN_OBJECT", path: "schedules[1].notify" },
    ]);
  });

  it("still refuses the schedules' own problems and unknown keys", () => {
    expect(problems({ schedules: [{ ...schedule, notfy: [target] }] })).toEqual([
      { code: "SCHEDULE_UNKNOWN_KEY", path: "schedules[0].notfy" },
    ]);
    expect(problems({ schedules: "daily" })).toEqual([
      { code: "SCHEDULES_NOT_A_LIST", path: "schedules" },
    ]);
  });

  it("orders problems by section: schedules, hooks, notifications, service", () => {
    const result = problems({
      service: { port: -1 },
      notifications: { targets: [{ urlEnv: "UNSET" }] },
      hooks: [{ name: "h", workflow: "w", secretEnv: "UNSET" }],
      schedules: [{ ...schedule, cron: "nope" }],
    });
    expect(result.map((p) => p.path)).toEqual([
      "schedules[0].cron",
      "hooks[0].secretEnv",
      "notifications.targets[0].urlEnv",
      "service.port",
    ]);
  });

  it("lists every secret of a parsed config once, for redaction", () => {
    const config = parsed({
      schedules: [{ ...schedule, notify: [target, { urlEnv: "SLACK_URL" }] }],
      hooks: [{ name: "h", workflow: "w", secretEnv: "HOOK_SECRET" }],
      notifications: [target],
    });
    expect(serviceConfigSecrets(config).sort()).toEqual(
      [ENV.ALERT_URL, ENV.HOOK_SECRET, ENV.SLACK_URL].sort(),
    );
  });
});
