// Where serve finds the dashboard's build: the installed @skillflow/dashboard's dist, found whether
// or not its exports name package.json; nothing when the package or its build is absent.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { dashboardDir } from "../src/service/dashboard.js";

/** A folder with (optionally) an installed dashboard package; the URL of a module inside it. */
function install(manifest: object | undefined, built: boolean): { from: string; dist: string } {
  const root = mkdtempSync(path.join(tmpdir(), "skillflow-dashdir-"));
  const pkg = path.join(root, "node_modules/@skillflow/dashboard");
  if (manifest !== undefined) {
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, "package.json"), JSON.stringify(manifest));
    if (built) {
      mkdirSync(path.join(pkg, "dist"));
      writeFileSync(path.join(pkg, "dist/index.html"), "<!doctype html>");
    }
  }
  return { from: pathToFileURL(path.join(root, "main.js")).href, dist: path.join(pkg, "dist") };
}

describe("dashboardDir", () => {
  it("is the installed package's dist", () => {
    const { from, dist } = install({ name: "@skillflow/dashboard" }, true);
    expect(dashboardDir(from)).toBe(dist);
  });

  it("finds a package whose exports leave out package.json", () => {
    const manifest = { name: "@skillflow/dashboard", exports: { ".": "./dist/index.html" } };
    const { from, dist } = install(manifest, true);
    expect(dashboardDir(from)).toBe(dist);
  });

  it("is undefined without the package, or without its build", () => {
    expect(dashboardDir(install(undefined, false).from)).toBeUndefined();
    expect(dashboardDir(install({ name: "@skillflow/dashboard" }, false).from)).toBeUndefined();
  });
});
