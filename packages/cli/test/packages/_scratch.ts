// A scratch project outside the repository that installs the packed tarballs offline, as a user's project would.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../helpers.js";

/** One workspace package as `npm pack` wrote it. */
export interface Packed {
  name: string;
  version: string;
  /** The package's folder in the repository (`packages/cli`). */
  folder: string;
  /** The tarball's file name in the scratch folder. */
  tarball: string;
  /** Paths inside the tarball. */
  files: string[];
}

interface LockEntry {
  name?: string;
  version?: string;
  dev?: boolean;
  link?: boolean;
  [key: string]: unknown;
}

/**
 * The environment for child npm and node processes: npm's own `npm_*` variables of the surrounding
 * `npm test` (its prefix above all) would point the scratch install back at the repository.
 */
export function childEnv(): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_cache", "npm_config_userconfig", "npm_config_globalconfig"]);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.toLowerCase().startsWith("npm_") && !keep.has(key.toLowerCase())) continue;
    if (key === "NODE_OPTIONS") continue;
    env[key] = value;
  }
  return env;
}

/** Runs a command to completion; a non-zero exit fails with its output. */
export function exec(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const child = spawnSync(command, args, { cwd, env: childEnv(), encoding: "utf8" });
  if (child.status !== 0) {
    const output = `${child.stdout}\n${child.stderr}`.trim();
    throw new Error(`${command} ${args.join(" ")} exited ${child.status}:\n${output}`);
  }
  return child;
}

/** `npm pack` of every workspace into `dir` (scripts off: the test needs `npm run build` first). */
export function packWorkspaces(dir: string): Packed[] {
  const args = ["pack", "--workspaces", "--ignore-scripts", "--pack-destination", dir, "--json"];
  const packs = JSON.parse(exec("npm", args, REPO_ROOT).stdout) as {
    name: string;
    version: string;
    filename: string;
    files: { path: string }[];
  }[];
  const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  return packs.map((pack) => {
    const folder = Object.keys(lock.packages).find(
      (key) => /^packages\/[^/]+$/.test(key) && lock.packages[key]!.name === pack.name,
    );
    if (folder === undefined) throw new Error(`no workspace named ${pack.name} in the lockfile`);
    return {
      name: pack.name,
      version: pack.version,
      folder,
      tarball: pack.filename,
      files: pack.files.map((f) => f.path).sort(),
    };
  });
}

function integrity(file: string): string {
  return `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
}

/**
 * The scratch project's package.json and package-lock.json: the tarballs as `file:` dependencies, and
 * the repository lock's production entries (what `npm install` resolved for the packages, dev-only
 * entries left out), so `npm ci --offline` needs only the tarballs already in npm's cache.
 */
function writeProject(dir: string, app: string, packed: Packed[]): void {
  const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const home = new Map(packed.map((p) => [p.folder, `node_modules/${p.name}`]));
  const dependencies: Record<string, string> = {};
  const packages: Record<string, LockEntry> = {};
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === "" || entry.dev === true || entry.link === true) continue;
    const workspace = key.split("/node_modules/")[0]!;
    const pack = packed.find((p) => p.folder === key);
    if (pack !== undefined) {
      const { name: _name, devDependencies: _dev, ...rest } = entry;
      const resolved = `file:../${pack.tarball}`;
      dependencies[pack.name] = resolved;
      packages[home.get(key)!] = {
        ...rest,
        resolved,
        integrity: integrity(path.join(dir, pack.tarball)),
      };
    } else if (home.has(workspace)) {
      packages[home.get(workspace)! + key.slice(workspace.length)] = entry;
    } else {
      packages[key] = entry;
    }
  }
  const manifest = { name: "scratch", version: "1.0.0", private: true, type: "module" };
  writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify({ ...manifest, dependencies }, null, 2),
  );
  packages[""] = { name: "scratch", version: "1.0.0", dependencies };
  const lockfile = { name: "scratch", version: "1.0.0", lockfileVersion: 3, requires: true };
  writeFileSync(
    path.join(app, "package-lock.json"),
    JSON.stringify({ ...lockfile, packages }, null, 2),
  );
}

/**
 * Packs every workspace into `dir`, then installs the tarballs in `dir/app` with `npm ci --offline`.
 * Install scripts are skipped (no compiler, no network): better-sqlite3's native addon is copied
 * from the repository's build instead, as its prebuilt binary would be downloaded.
 */
export function installScratchProject(dir: string): { app: string; packed: Packed[] } {
  const packed = packWorkspaces(dir);
  const app = path.join(dir, "app");
  mkdirSync(app);
  writeProject(dir, app, packed);
  exec("npm", ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], app);
  const addon = "node_modules/better-sqlite3/build/Release/better_sqlite3.node";
  if (existsSync(path.join(REPO_ROOT, addon))) {
    mkdirSync(path.dirname(path.join(app, addon)), { recursive: true });
    copyFileSync(path.join(REPO_ROOT, addon), path.join(app, addon));
  }
  return { app, packed };
}
