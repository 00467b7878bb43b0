// The `service` settings: defaults, each problem code, and the warning for a host beyond loopback.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SERVICE_SETTINGS,
  isLoopbackHost,
  safeParseServiceConfig,
} from "../../src/index.js";
import { DEFAULT_SERVICE_PORT } from "../../src/service/types.js";
import { ENV, parsed, problems } from "./_helpers.js";

describe("safeParseServiceConfig: service", () => {
  it("applies the defaults to an empty config, with no warnings", () => {
    const result = safeParseServiceConfig({}, {});
    expect(result).toEqual({
      ok: true,
      warnings: [],
      config: {
        schedules: new Map(),
        scheduleNotifications: new Map(),
        hooks: [],
        settings: {
          host: "127.0.0.1",
          port: DEFAULT_SERVICE_PORT,
          concurrency: 4,
          perWorkflow: 1,
          graceMs: 30_000,
          leaseMs: 30_000,
          maxQueued: 1000,
          allowPrivateNotifications: false,
        },
      },
    });
    expect(DEFAULT_SERVICE_PORT).toBe(7787);
    if (result.ok) expect(result.config.settings.baseUrl).toBeUndefined();
  });

  it("applies the defaults to the fields an empty section leaves out", () => {
    expect(parsed({ service: {} }).settings).toEqual(DEFAULT_SERVICE_SETTINGS);
    expect(parsed({ service: { port: 9000 } }).settings).toEqual({
      ...DEFAULT_SERVICE_SETTINGS,
      port: 9000,
    });
  });

  it("keeps every declared setting, seconds as ms", () => {
    const service = {
      host: "localhost",
      port: 0,
      concurrency: 8,
      perWorkflow: 2,
      graceSeconds: 1.5,
      leaseSeconds: 2,
      maxQueued: 5,
      baseUrl: "https://flows.example.test/base",
      allowPrivateNotifications: true,
      allowedHosts: ["flows.example.test"],
    };
    expect(parsed({ service }).settings).toEqual({
      host: "localhost",
      port: 0,
      concurrency: 8,
      perWorkflow: 2,
      graceMs: 1500,
      leaseMs: 2000,
      maxQueued: 5,
      baseUrl: "https://flows.example.test/base",
      allowPrivateNotifications: true,
      allowedHosts: ["flows.example.test"],
    });
    expect(parsed({ service: { graceSeconds: 0 } }).settings.graceMs).toBe(0);
  });

  it("refuses allowedHosts that are not a list of host names", () => {
    for (const [allowedHosts, code] of [
      ["flows.example.test", "SERVICE_FIELD_TYPE"],
      [["https://flows.example.test/"], "SERVICE_HOST_INVALID"],
      [[42], "SERVICE_HOST_INVALID"],
    ] as const)
      expect(problems({ service: { allowedHosts } })).toContainEqual(
        expect.objectContaining({ code, path: "service.allowedHosts" }),
      );
  });

  it("warns about a host beyond loopback, and still parses", () => {
    for (const host of ["0.0.0.0", "192.168.1.10", "::", "flows.example.test"]) {
      const result = safeParseServiceConfig({ service: { host } }, ENV);
      expect(result).toMatchObject({
        ok: true,
        warnings: [{ code: "SERVICE_HOST_PUBLIC", path: "service.host" }],
      });
    }
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) {
      expect(isLoopbackHost(host)).toBe(true);
      expect(safeParseServiceConfig({ service: { host } }, ENV)).toMatchObject({
        ok: true,
        warnings: [],
      });
    }
    expect(isLoopbackHost("127.0.0.1.example.test")).toBe(false);
  });

  it("refuses a section that is not a mapping", () => {
    for (const service of [[], "x", 1, null]) {
      expect(problems({ service })).toEqual([{ code: "SERVICE_NOT_AN_OBJECT", path: "service" }]);
    }
  });

  it("refuses unknown keys (a typo must not silently do nothing)", () => {
    expect(problems({ service: { prot: 9000, __proto__x: 1 } })).toEqual([
      { code: "SERVICE_UNKNOWN_KEY", path: "service.prot" },
      { code: "SERVICE_UNKNOWN_KEY", path: "service.__proto__x" },
    ]);
    const own = JSON.parse('{"__proto__": {"port": 1}}') as unknown;
    expect(problems({ service: own })).toEqual([
      { code: "SERVICE_UNKNOWN_KEY", path: "service.__proto__" },
    ]);
  });

  it.each([
    [{ host: 1 }, "SERVICE_FIELD_TYPE", "service.host"],
    [{ host: "" }, "SERVICE_HOST_INVALID", "service.host"],
    [{ host: "127.0.0.1 evil" }, "SERVICE_HOST_INVALID", "service.host"],
    [{ port: -1 }, "SERVICE_PORT_INVALID", "service.port"],
    [{ port: 65_536 }, "SERVICE_PORT_INVALID", "service.port"],
    [{ port: 80.5 }, "SERVICE_PORT_INVALID", "service.port"],
    [{ port: "7787" }, "SERVICE_PORT_INVALID", "service.port"],
    [{ concurrency: 0 }, "SERVICE_LIMIT_INVALID", "service.concurrency"],
    [{ concurrency: 2.5 }, "SERVICE_LIMIT_INVALID", "service.concurrency"],
    [{ perWorkflow: 0 }, "SERVICE_LIMIT_INVALID", "service.perWorkflow"],
    [{ perWorkflow: "1" }, "SERVICE_LIMIT_INVALID", "service.perWorkflow"],
    [{ graceSeconds: -1 }, "SERVICE_GRACE_INVALID", "service.graceSeconds"],
    [{ graceSeconds: 3601 }, "SERVICE_GRACE_INVALID", "service.graceSeconds"],
    [{ graceSeconds: "30s" }, "SERVICE_GRACE_INVALID", "service.graceSeconds"],
    [{ leaseSeconds: 0 }, "SERVICE_LEASE_INVALID", "service.leaseSeconds"],
    [{ leaseSeconds: 0.5 }, "SERVICE_LEASE_INVALID", "service.leaseSeconds"],
    [{ leaseSeconds: 3601 }, "SERVICE_LEASE_INVALID", "service.leaseSeconds"],
    [{ leaseSeconds: "30s" }, "SERVICE_LEASE_INVALID", "service.leaseSeconds"],
    [{ baseUrl: "flows.example.test" }, "SERVICE_BASE_URL_INVALID", "service.baseUrl"],
    [{ baseUrl: "file:///etc/passwd" }, "SERVICE_BASE_URL_INVALID", "service.baseUrl"],
    [{ baseUrl: 1 }, "SERVICE_FIELD_TYPE", "service.baseUrl"],
    [
      { allowPrivateNotifications: "yes" },
      "SERVICE_FIELD_TYPE",
      "service.allowPrivateNotifications",
    ],
  ])("refuses %j with %s", (service, code, path) => {
    expect(problems({ service })).toEqual([{ code, path }]);
  });

  it("collects every problem of the section at once", () => {
    expect(
      problems({ service: { port: -1, concurrency: 0, extra: true } }).map((p) => p.code),
    ).toEqual(["SERVICE_UNKNOWN_KEY", "SERVICE_PORT_INVALID", "SERVICE_LIMIT_INVALID"]);
  });
});
