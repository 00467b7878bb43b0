// The `notifications` default and a schedule's `notify`: events, and targets whose URL comes from the env.
import type { NotificationFormat } from "../notify/payload.js";
import { NOTIFICATION_EVENTS, type NotificationEvent } from "../notify/rules.js";
import type { NotificationSettings, NotificationTargetSpec } from "../service/types.js";
import { checkKeys, isRecord, own, readEnvSecret, type Env } from "./_read.js";
import type { Report } from "./problems.js";

/** The events notified when a declaration names none: the two that need a person. */
export const DEFAULT_NOTIFY_ON: readonly NotificationEvent[] = ["failure", "waiting"];

const FORMATS: readonly NotificationFormat[] = ["json", "slack"];
const SETTINGS_KEYS = ["on", "targets"];
const TARGET_KEYS = ["urlEnv", "format"];

/** What reading notification settings needs besides the value. */
export interface NotifyContext {
  env: Env;
  report: Report;
  /** The events of the list form (`notify: [targets]`) and of an object without `on`. */
  defaultOn: readonly NotificationEvent[];
}

/**
 * Reads `{ on, targets }` or a plain list of targets at path `at`; undefined when it has problems
 * (each reported).
 */
export function parseNotificationSettings(
  value: unknown,
  at: string,
  context: NotifyContext,
): NotificationSettings | undefined {
  const { report } = context;
  if (Array.isArray(value)) {
    const targets = readTargets(value, at, context);
    return targets && { on: context.defaultOn, targets };
  }
  if (!isRecord(value)) {
    const message = `\`${at}\` must be a mapping { on: [events], targets: [{ urlEnv, format }] } or a list of targets`;
    report("NOTIFY_NOT_AN_OBJECT", at, message);
    return undefined;
  }
  checkKeys(
    Object.keys(value),
    SETTINGS_KEYS,
    at,
    "NOTIFY_UNKNOWN_KEY",
    report,
    "a notification setting",
  );
  const on = readEvents(own(value, "on"), `${at}.on`, context);
  const raw = own(value, "targets");
  if (raw === undefined) {
    const message = "`targets` is required: a list of { urlEnv, format } naming where to send";
    report("NOTIFY_FIELD_MISSING", `${at}.targets`, message);
    return undefined;
  }
  if (!Array.isArray(raw)) {
    report("NOTIFY_FIELD_TYPE", `${at}.targets`, "`targets` must be a list of { urlEnv, format }");
    return undefined;
  }
  const targets = readTargets(raw, `${at}.targets`, context);
  return on && targets && { on, targets };
}

function readEvents(
  value: unknown,
  at: string,
  { report, defaultOn }: NotifyContext,
): readonly NotificationEvent[] | undefined {
  if (value === undefined) return defaultOn;
  const known = NOTIFICATION_EVENTS.join(", ");
  if (!Array.isArray(value)) {
    report("NOTIFY_FIELD_TYPE", at, `\`on\` must be a list of events among ${known}`);
    return undefined;
  }
  const events: NotificationEvent[] = [];
  let ok = true;
  value.forEach((item: unknown, index) => {
    const event = NOTIFICATION_EVENTS.find((e) => e === item);
    if (event === undefined) {
      const shown = typeof item === "string" ? `"${item}"` : "this value";
      report(
        "NOTIFY_EVENT_INVALID",
        `${at}[${index}]`,
        `${shown} is not an event; use one of ${known}`,
      );
      ok = false;
    } else if (!events.includes(event)) events.push(event);
  });
  return ok ? events : undefined;
}

function readTargets(
  list: readonly unknown[],
  at: string,
  context: NotifyContext,
): NotificationTargetSpec[] | undefined {
  const targets: NotificationTargetSpec[] = [];
  let ok = true;
  list.forEach((item: unknown, index) => {
    const target = readTarget(item, `${at}[${index}]`, context);
    if (target === undefined) ok = false;
    else targets.push(target);
  });
  return ok ? targets : undefined;
}

function readTarget(
  item: unknown,
  at: string,
  { env, report }: NotifyContext,
): NotificationTargetSpec | undefined {
  if (!isRecord(item)) {
    report(
      "NOTIFY_FIELD_TYPE",
      at,
      "a target must be a mapping { urlEnv: NAME_OF_ENV_VAR, format: json | slack }",
    );
    return undefined;
  }
  if (own(item, "url") !== undefined) {
    const message =
      "a target's URL is a secret (Slack's carries a token) and is never written in the config; put it in an environment variable and name that variable with `urlEnv`";
    report("SECRET_IN_CONFIG", `${at}.url`, message);
  }
  const others = Object.keys(item).filter((key) => key !== "url");
  checkKeys(others, TARGET_KEYS, at, "NOTIFY_UNKNOWN_KEY", report, "a target");
  const format = readFormat(own(item, "format"), `${at}.format`, report);
  const name = own(item, "urlEnv");
  if (name === undefined) {
    const message =
      "`urlEnv` is required: the name of the environment variable that holds the target's URL";
    report("NOTIFY_FIELD_MISSING", `${at}.urlEnv`, message);
    return undefined;
  }
  const url = readEnvSecret(name, `${at}.urlEnv`, env, report, "the target's URL");
  if (url === undefined || format === undefined || own(item, "url") !== undefined) return undefined;
  if (!isHttpUrl(url)) {
    // The value is a secret: the message names the variable, never its content.
    const message = `environment variable ${String(name)} does not hold an http(s) URL; set it to the webhook's address`;
    report("NOTIFY_URL_INVALID", `${at}.urlEnv`, message);
    return undefined;
  }
  return { url, format };
}

function readFormat(value: unknown, at: string, report: Report): NotificationFormat | undefined {
  if (value === undefined) return "json";
  const format = FORMATS.find((f) => f === value);
  if (format === undefined) {
    report("NOTIFY_FORMAT_INVALID", at, "`format` must be json (default) or slack");
  }
  return format;
}

/** True for an absolute http: or https: URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
