// Where serve finds the dashboard's build: what @skillflow/dashboard's dashboardDir() names, when it
// holds index.html; nothing when the package is missing or was not built. Links a browser can open.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { browserUrl, dashboardDir } from "../src/service/dashboard.js";

const folder = (built: boolean): string => {
  const dir = mkdtempSync(path.join(tmpdir(), "skillflow-dashdir-"));
  if (built) writeFileSync(path.join(dir, "index.html"), "<!doctype html>");
  return dir;
};
const pkg = (dir: string | undefined) => () => Promise.resolve({ dashboardDir: () => dir });

describe("dashboardDir", () => {
  it("is the package's build folder", async () => {
    const dir = folder(true);
    expect(await dashboardDir(pkg(dir))).toBe(dir);
  });

  it("is undefined when the package was not built, or names a folder without index.html", async () => {
    expect(await dashboardDir(pkg(undefined))).toBeUndefined();
    expect(await dashboardDir(pkg(folder(false)))).toBeUndefined();
  });

  it("is undefined when the package is not installed; other failures are not hidden", async () => {
    const missing = Object.assign(new Error("Cannot find package"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    expect(await dashboardDir(() => Promise.reject(missing))).toBeUndefined();
    await expect(dashboardDir(() => Promise.reject(new SyntaxError("bad")))).rejects.toThrow("bad");
  });
});

describe("browserUrl", () => {
  it.each([
    ["http://0.0.0.0:7787", "http://127.0.0.1:7787"],
    ["http://[::]:7787", "http://127.0.0.1:7787"],
    ["http://127.0.0.1:7787", "http://127.0.0.1:7787"],
    ["http://[::1]:7787", "http://[::1]:7787"],
    ["http://0.0.0.0.example:7787", "http://0.0.0.0.example:7787"],
  ])("%s → %s", (url, expected) => {
    expect(browserUrl(url)).toBe(expected);
  });
});
