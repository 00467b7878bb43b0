// The `service` settings: where it listens, its limits and grace period, with defaults applied.
import { DEFAULT_SERVICE_PORT, type ServiceSettings } from "../service/types.js";
import { checkKeys, isRecord, own } from "./_read.js";
import { isHttpUrl } from "./notifications.js";
import type { Report } from "./problems.js";

/** The settings of a config without a `service` section. */
export const DEFAULT_SERVICE_SETTINGS: Readonly<ServiceSettings> = Object.freeze({
  host: "127.0.0.1",
  port: DEFAULT_SERVICE_PORT,
  concurrency: 4,
  perWorkflow: 1,
  graceMs: 30_000,
  leaseMs: 30_000,
  maxQueued: 1000,
  allowPrivateNotifications: false,
});

const KEYS = [
  "host",
  "port",
  "concurrency",
  "perWorkflow",
  "graceSeconds",
  "leaseSeconds",
  "baseUrl",
  "allowPrivateNotifications",
  "allowedHosts",
  "maxQueued",
];
/** The longest grace period at shutdown: one hour. */
export const MAX_GRACE_SECONDS = 3600;
/** The longest lease of a run without a heartbeat: one hour. */
export const MAX_LEASE_SECONDS = 3600;

/** True for a host name or address that only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  return bare === "localhost" || bare === "::1" || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

/**
 * Reads the `service` section (undefined means all defaults); `warn` hears a host beyond loopback.
 * Answers undefined when it has problems (each reported).
 */
export function parseServiceSettings(
  value: unknown,
  report: Report,
  warn: Report,
): ServiceSettings | undefined {
  if (value === undefined) return { ...DEFAULT_SERVICE_SETTINGS };
  if (!isRecord(value)) {
    report(
      "SERVICE_NOT_AN_OBJECT",
      "service",
      "`service` must be a mapping of settings (host, port, concurrency...)",
    );
    return undefined;
  }
  checkKeys(Object.keys(value), KEYS, "service", "SERVICE_UNKNOWN_KEY", report, "`service`");
  let failed = false;
  const settings = readAll(value, (code, path, message) => {
    failed = true;
    report(code, path, message);
  });
  if (failed) return undefined;
  if (!isLoopbackHost(settings.host)) {
    const message = `the service listens on ${settings.host}, beyond this machine: anyone who reaches it can try the API (a token guards it) and the webhooks; set service.host to 127.0.0.1 unless that is intended`;
    warn("SERVICE_HOST_PUBLIC", "service.host", message);
  }
  return settings;
}

function readAll(value: Record<string, unknown>, report: Report): ServiceSettings {
  const d = DEFAULT_SERVICE_SETTINGS;
  const settings: ServiceSettings = {
    host: readHost(own(value, "host"), report) ?? d.host,
    port: readPort(own(value, "port"), report) ?? d.port,
    concurrency: readLimit(own(value, "concurrency"), "concurrency", report) ?? d.concurrency,
    perWorkflow: readLimit(own(value, "perWorkflow"), "perWorkflow", report) ?? d.perWorkflow,
    graceMs: readGrace(own(value, "graceSeconds"), report) ?? d.graceMs,
    leaseMs: readLease(own(value, "leaseSeconds"), report) ?? d.leaseMs,
    maxQueued: readMaxQueued(own(value, "maxQueued"), report) ?? d.maxQueued,
    allowPrivateNotifications:
      readBoolean(own(value, "allowPrivateNotifications"), report) ?? false,
  };
  const baseUrl = readBaseUrl(own(value, "baseUrl"), report);
  if (baseUrl !== undefined) settings.baseUrl = baseUrl;
  const allowedHosts = readAllowedHosts(own(value, "allowedHosts"), report);
  if (allowedHosts !== undefined) settings.allowedHosts = allowedHosts;
  return settings;
}

function readMaxQueued(value: unknown, report: Report): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 1_000_000)
    return value;
  const message = `\`service.maxQueued\` must be a whole number of runs from 1 to 1000000 (default ${DEFAULT_SERVICE_SETTINGS.maxQueued})`;
  report("SERVICE_LIMIT_INVALID", "service.maxQueued", message);
  return undefined;
}

/** Host names a reverse proxy sends (`Host: flows.example.com`) besides the loopback ones. */
function readAllowedHosts(value: unknown, report: Report): string[] | undefined {
  if (value === undefined) return undefined;
  if (
    Array.isArray(value) &&
    value.every((h) => typeof h === "string" && /^[A-Za-z0-9.:[\]-]+$/.test(h))
  )
    return value as string[];
  report(
    Array.isArray(value) ? "SERVICE_HOST_INVALID" : "SERVICE_FIELD_TYPE",
    "service.allowedHosts",
    "`service.allowedHosts` must be a list of host names a proxy sends in `Host` (e.g. [flows.example.com]), without scheme or path",
  );
  return undefined;
}

function readHost(value: unknown, report: Report): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && value.trim() !== "" && !/\s/.test(value)) return value;
  const message =
    "`service.host` must be an interface address or name, e.g. 127.0.0.1 (default) or 0.0.0.0";
  report(
    typeof value === "string" ? "SERVICE_HOST_INVALID" : "SERVICE_FIELD_TYPE",
    "service.host",
    message,
  );
  return undefined;
}

function readPort(value: unknown, report: Report): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 65_535)
    return value;
  const message = `\`service.port\` must be a whole number from 0 (any free port) to 65535 (default ${DEFAULT_SERVICE_PORT})`;
  report("SERVICE_PORT_INVALID", "service.port", message);
  return undefined;
}

function readLimit(
  value: unknown,
  key: "concurrency" | "perWorkflow",
  report: Report,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 1000)
    return value;
  const fallback = DEFAULT_SERVICE_SETTINGS[key];
  const message = `\`service.${key}\` must be a whole number of runs from 1 to 1000 (default ${fallback})`;
  report("SERVICE_LIMIT_INVALID", `service.${key}`, message);
  return undefined;
}

function readGrace(value: unknown, report: Report): number | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= 0 &&
    value <= MAX_GRACE_SECONDS
  ) {
    return Math.round(value * 1000);
  }
  const message = `\`service.graceSeconds\` must be a number of seconds from 0 to ${MAX_GRACE_SECONDS} (default 30)`;
  report("SERVICE_GRACE_INVALID", "service.graceSeconds", message);
  return undefined;
}

/** A lease shorter than a second would lapse between heartbeats (every third of it) under load. */
function readLease(value: unknown, report: Report): number | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= 1 &&
    value <= MAX_LEASE_SECONDS
  )
    return Math.round(value * 1000);
  const message = `\`service.leaseSeconds\` must be a number of seconds from 1 to ${MAX_LEASE_SECONDS} (default 30): how long a killed service's runs wait before a restarted one resumes them`;
  report("SERVICE_LEASE_INVALID", "service.leaseSeconds", message);
  return undefined;
}

function readBoolean(value: unknown, report: Report): boolean | undefined {
  if (value === undefined || typeof value === "boolean") return value;
  const message = "`service.allowPrivateNotifications` must be true or false (default false)";
  report("SERVICE_FIELD_TYPE", "service.allowPrivateNotifications", message);
  return undefined;
}

function readBaseUrl(value: unknown, report: Report): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && isHttpUrl(value)) return value;
  const message =
    '`service.baseUrl` must be the public http(s) address of the service, e.g. "https://flows.example.com"';
  const code = typeof value === "string" ? "SERVICE_BASE_URL_INVALID" : "SERVICE_FIELD_TYPE";
  report(code, "service.baseUrl", message);
  return undefined;
}
