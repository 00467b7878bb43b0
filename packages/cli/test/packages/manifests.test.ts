// Every package.json is fit to publish: licence, engines, files, exports and the dependencies its code imports.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers.js";

interface Manifest {
  name: string;
  version: string;
  license?: string;
  engines?: { node?: string };
  files?: string[];
  exports?: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const root = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Manifest & {
  workspaces: string[];
};
const packages = root.workspaces.map((folder) => ({
  folder,
  manifest: JSON.parse(
    readFileSync(path.join(REPO_ROOT, folder, "package.json"), "utf8"),
  ) as Manifest,
}));
const versions = new Map(packages.map((p) => [p.manifest.name, p.manifest.version]));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return file.endsWith(".ts") ? [file] : [];
  });
}

/** The packages a source file imports (`@scope/name` or `name`), node built-ins left out. */
function importedPackages(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [
    ...text.matchAll(/\bfrom\s+["']([^"'.][^"']*)["']/g),
    ...text.matchAll(/\bimport\(\s*["']([^"'.][^"']*)["']\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers
    .filter((s) => !s.startsWith("node:") && !builtinModules.includes(s))
    .map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]!));
}

/**
 * The source files behind the `./testing/contract` entries and the `contract-*` files beside them that
 * hold parts of a suite: the only ones allowed to import vitest.
 */
function contractSources(manifest: Manifest, folder: string): string[] {
  return Object.entries(manifest.exports ?? {})
    .filter(([entry]) => entry.endsWith("/contract"))
    .flatMap(([, target]) => {
      const entry = path.join(
        REPO_ROOT,
        folder,
        (target as Record<string, string>)["@skillflow/source"]!,
      );
      const parts = [
        ...readFileSync(entry, "utf8").matchAll(/\bfrom\s+["']\.\/(contract-[\w-]+)\.js["']/g),
      ];
      return [entry, ...parts.map((m) => path.join(path.dirname(entry), `${m[1]!}.ts`))];
    });
}

describe.each(packages)("$folder/package.json", ({ folder, manifest }) => {
  it("has the repository's licence and engines, and ships only dist (no maps, no build info)", () => {
    expect(manifest.license).toBe(root.license);
    expect(manifest.engines?.node).toBe(root.engines?.node);
    expect(manifest.files).toEqual(expect.arrayContaining(["dist", "!dist/.tsbuildinfo"]));
    expect(manifest.files).toContain("!dist/**/*.map");
  });

  it("exports types before code for every entry, all from dist", () => {
    for (const [entry, target] of Object.entries(manifest.exports ?? {})) {
      if (typeof target === "string") continue;
      const keys = Object.keys(target);
      expect(keys.indexOf("types"), entry).toBeLessThan(keys.indexOf("default"));
      expect(target.types, entry).toMatch(/^\.\/dist\/.*\.d\.ts$/);
      expect(target.default, entry).toMatch(/^\.\/dist\/.*\.js$/);
    }
  });

  it("depends on the exact version of each sibling package", () => {
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      if (versions.has(name)) expect(range, name).toBe(versions.get(name));
      expect(range, name).not.toMatch(/^(workspace|file|link):/);
    }
  });

  it("declares every package its code imports as a dependency (vitest only for the contract suites)", () => {
    const allowed = new Set(Object.keys(manifest.dependencies ?? {}));
    const contracts = contractSources(manifest, folder);
    const missing: string[] = [];
    for (const file of sources(path.join(REPO_ROOT, folder, "src"))) {
      for (const name of importedPackages(file)) {
        if (name === manifest.name || allowed.has(name)) continue;
        const optionalPeer = manifest.peerDependenciesMeta?.[name]?.optional === true;
        if (name === "vitest" && optionalPeer && contracts.includes(file)) continue;
        missing.push(`${path.relative(REPO_ROOT, file)} imports ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
