// The help of `serve`, `schedules` and `dashboard` names only config keys and API routes that exist.
import { existsSync } from "node:fs";
import path from "node:path";
import { ROUTES, safeParseServiceConfig } from "@skillflow/service";
import { describe, expect, it } from "vitest";
import { cli, REPO_ROOT } from "./helpers.js";

/** The route patterns as regular expressions (`:id` matches one path segment). */
const routes = ROUTES.map((r) => new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, "[^/]+")}$`));

describe.each(["serve", "schedules", "dashboard"])("skillflow %s --help", (command) => {
  it("names `service.<key>` settings the config accepts", async () => {
    const { stdout } = await cli([command, "--help"]);
    for (const [, key] of stdout.matchAll(/(?<![/\w.])service\.([A-Za-z]+)/g)) {
      const result = safeParseServiceConfig({ service: { [key!]: null } }, {});
      const codes = result.ok ? [] : result.problems.map((p) => p.code);
      expect(codes, `service.${key}`).not.toContain("SERVICE_UNKNOWN_KEY");
    }
  });

  it("shows only URLs of real routes, and docs it points at exist", async () => {
    const { stdout } = await cli([command, "--help"]);
    for (const [, route] of stdout.matchAll(/http:\/\/127\.0\.0\.1:\d+(\/\S*)/g))
      expect(
        routes.some((r) => r.test(route!)),
        route,
      ).toBe(true);
    for (const [doc] of stdout.matchAll(/docs\/[a-z-]+\.md/g))
      expect(existsSync(path.join(REPO_ROOT, doc)), doc).toBe(true);
  });
});
