// The service's privileged settings: schedules and hooks start runs, and notification targets send
// run data, with nobody at the keyboard; a project's apply only once the user trusts it.
import { isLoopbackHost } from "@skillflow/service";
import type { ServiceSection } from "../config-service.js";
import type { PrivilegedSetting } from "./privileged.js";

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Entries of a list of named declarations, or of a mapping by name. */
function named(value: unknown): [string, Record<string, unknown>][] {
  if (Array.isArray(value))
    return value.flatMap((entry: unknown, index): [string, Record<string, unknown>][] =>
      isRecord(entry) ? [[typeof entry.name === "string" ? entry.name : String(index), entry]] : [],
    );
  if (isRecord(value))
    return Object.entries(value).map(([name, entry]) => [name, isRecord(entry) ? entry : {}]);
  return [];
}

/**
 * Where notification targets under `value` send: the environment variables (`urlEnv`) that hold
 * their URLs, as `$NAME` (a URL is a secret and is never written in the config, nor shown).
 */
function hosts(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) hosts(item, out);
  else if (isRecord(value))
    for (const [key, item] of Object.entries(value)) {
      if (key === "urlEnv" && typeof item === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(item))
        out.add(`$${item}`);
      else hosts(item, out);
    }
  return out;
}

/** The variables `sections` read as a notification URL (`urlEnv`) or a hook secret (`secretEnv`). */
export function serviceVariables(...sections: (ServiceSection | undefined)[]): Set<string> {
  const out = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (isRecord(value))
      for (const [key, item] of Object.entries(value)) {
        if ((key === "urlEnv" || key === "secretEnv") && typeof item === "string") out.add(item);
        else walk(item);
      }
  };
  for (const section of sections) walk(section);
  return out;
}

const text = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);

/** True for a `service.host` only this machine reaches (an absent host is the default, 127.0.0.1). */
const isLocalHost = (host: unknown): boolean =>
  host === undefined || (typeof host === "string" && isLoopbackHost(host));

/** The privileged settings of the service's part of a project's configuration. */
export function privilegedServiceSettings(
  section: ServiceSection | undefined,
  file: string,
): PrivilegedSetting[] {
  if (section === undefined) return [];
  const found: PrivilegedSetting[] = [];
  for (const [name, entry] of named(section.schedules)) {
    const zone = typeof entry.timezone === "string" ? ` ${entry.timezone}` : "";
    const to = hosts(entry);
    found.push({
      id: `schedules.${name}`,
      file,
      summary:
        `run ${text(entry.workflow, "a workflow")} on "${text(entry.cron, "?")}"${zone} without you` +
        (to.size > 0 ? `, notifying ${[...to].join(", ")}` : ""),
      value: entry,
    });
  }
  for (const [name, entry] of named(section.hooks))
    found.push({
      id: `hooks.${name}`,
      file,
      summary: `let a signed POST /hooks/${name} start ${text(entry.workflow, "a workflow")}`,
      value: entry,
    });
  if (section.notifications !== undefined) {
    const to = hosts(section.notifications);
    found.push({
      id: "notifications",
      file,
      summary: `send run summaries to ${to.size > 0 ? [...to].join(", ") : "the configured targets"}`,
      value: section.notifications,
    });
  }
  if (isRecord(section.service) && section.service.allowPrivateNotifications === true)
    found.push({
      id: "service.allowPrivateNotifications",
      file,
      summary: "let notifications reach private and local network addresses",
      value: true,
    });
  // Listening beyond loopback offers the API and the webhooks to the network (and turns off the
  // Host guard): a choice of the user's, or of a project the user trusts.
  if (isRecord(section.service) && !isLocalHost(section.service.host))
    found.push({
      id: "service.host",
      file,
      summary: `let skillflow serve listen on ${text(section.service.host, "a non-local address")}, beyond this machine`,
      value: section.service.host,
    });
  // More Host names weaken the DNS-rebinding guard of a loopback service: the user's choice.
  if (isRecord(section.service) && section.service.allowedHosts !== undefined)
    found.push({
      id: "service.allowedHosts",
      file,
      summary: `let requests for ${Array.isArray(section.service.allowedHosts) ? section.service.allowedHosts.map(String).join(", ") : "other host names"} reach the API`,
      value: section.service.allowedHosts,
    });
  // The link in every notification (yours too): a project must not point it at a look-alike page.
  if (isRecord(section.service) && section.service.baseUrl !== undefined)
    found.push({
      id: "service.baseUrl",
      file,
      summary: `link notifications to ${text(section.service.baseUrl, "another address")}`,
      value: section.service.baseUrl,
    });
  return found;
}

/** `section` without what `privilegedServiceSettings` finds (what an untrusted project gets). */
export function untrustedServiceSection(
  section: ServiceSection | undefined,
): ServiceSection | undefined {
  if (section?.service === undefined) return undefined;
  const settings = isRecord(section.service)
    ? Object.fromEntries(
        Object.entries(section.service).filter(
          ([key, value]) =>
            key !== "allowPrivateNotifications" &&
            key !== "baseUrl" &&
            key !== "allowedHosts" &&
            !(key === "host" && !isLocalHost(value)),
        ),
      )
    : section.service;
  return { service: settings };
}
