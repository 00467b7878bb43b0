// npm sources never run the package's code: every spec form, a committed lockfile, hostile config.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addSkills, installFromLock, parseSource, type InstallOptions } from "../../src/index.js";
import { git, serve, skill, temp } from "./_repo.js";

const LIFECYCLE = [
  "preinstall",
  "install",
  "postinstall",
  "prepublish",
  "preprepare",
  "prepare",
  "postprepare",
  "prepack",
  "postpack",
];

/**
 * A package `evil` shipping one skill, every lifecycle script writing a marker into `markers`,
 * and a project folder holding it at `vendor/evil` (with a hostile `.npmrc` of its own).
 */
function evilProject() {
  const markers = temp("markers-");
  const cwd = temp("project-");
  const pkg = path.join(cwd, "vendor", "evil");
  mkdirSync(pkg, { recursive: true });
  const scripts = Object.fromEntries(
    LIFECYCLE.map((event) => [
      event,
      `node -e "require('fs').writeFileSync('${path.join(markers, event)}', '')"`,
    ]),
  );
  writeFileSync(
    path.join(pkg, "package.json"),
    JSON.stringify({ name: "evil", version: "1.0.0", skills: "skills", scripts }),
  );
  skill(pkg, "skills/evil-skill");
  // A cloned project's own npm configuration must not turn scripts back on.
  writeFileSync(path.join(cwd, ".npmrc"), "ignore-scripts=false\n");
  const cache = temp("npm-cache-");
  writeFileSync(path.join(cache, "npmrc"), "");
  const env = {
    ...process.env,
    npm_config_cache: cache,
    npm_config_userconfig: path.join(cache, "npmrc"),
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
    // Nor must the environment (an outer `npm run` exports its configuration).
    npm_config_ignore_scripts: "false",
    NPM_CONFIG_IGNORE_SCRIPTS: "false",
  };
  const options: InstallOptions = { cwd, scope: { root: cwd, global: false }, env };
  return { markers, cwd, pkg, env, options };
}

/** The package's tarball, made without running its scripts (as a registry would serve it). */
function tarball(pkg: string, into: string): string {
  const out = execFileSync(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", into, pkg],
    { cwd: into, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } },
  );
  return path.join(into, (JSON.parse(out) as { filename: string }[])[0]!.filename);
}

const ran = (markers: string) => readdirSync(markers);

describe("npm: sources never run lifecycle scripts", () => {
  it("folder specs: ./path, file:, absolute, and a committed lockfile entry", async () => {
    const { markers, pkg, options, cwd } = evilProject();
    for (const spec of ["npm:./vendor/evil", "npm:file:./vendor/evil", `npm:${pkg}`]) {
      const result = await addSkills(spec, { ...options, force: true });
      expect(
        result.installed.map((s) => s.name),
        spec,
      ).toEqual(["evil-skill"]);
      expect(ran(markers), spec).toEqual([]);
    }
    // Someone else's lockfile names the folder; restoring it runs nothing either.
    writeFileSync(
      path.join(cwd, "skills-lock.json"),
      JSON.stringify({
        version: 1,
        skills: {
          "evil-skill": { source: "npm:./vendor/evil", sourceType: "npm", computedHash: "x" },
        },
      }),
    );
    const restored = await installFromLock(options);
    expect(restored.installed.map((s) => s.name)).toEqual(["evil-skill"]);
    expect(ran(markers)).toEqual([]);
  });

  it("a tarball on disk is read as it is", async () => {
    const { markers, cwd, options, pkg } = evilProject();
    const file = tarball(pkg, cwd);
    const result = await addSkills(`npm:./${path.basename(file)}`, options);
    expect(result.installed.map((s) => s.name)).toEqual(["evil-skill"]);
    expect(ran(markers)).toEqual([]);
  });

  it("registry and alias specs fetch the published tarball only", async () => {
    const { markers, pkg, env, options } = evilProject();
    const data = readFileSync(tarball(pkg, temp("tgz-")));
    const files = new Map<string, Buffer | string>();
    const server = await serve(files);
    try {
      files.set("/evil/-/evil-1.0.0.tgz", data);
      files.set(
        "/evil",
        JSON.stringify({
          name: "evil",
          "dist-tags": { latest: "1.0.0" },
          versions: {
            "1.0.0": {
              name: "evil",
              version: "1.0.0",
              scripts: JSON.parse(readFileSync(path.join(pkg, "package.json"), "utf8")).scripts,
              dist: {
                tarball: `${server.url}/evil/-/evil-1.0.0.tgz`,
                shasum: createHash("sha1").update(data).digest("hex"),
                integrity: `sha512-${createHash("sha512").update(data).digest("base64")}`,
              },
            },
          },
        }),
      );
      const registry = { ...options, env: { ...env, npm_config_registry: `${server.url}/` } };
      for (const spec of ["npm:evil@1.0.0", "npm:evil", "npm:my-evil@npm:evil@^1.0.0"]) {
        const result = await addSkills(spec, { ...registry, force: true });
        expect(
          result.installed.map((s) => s.name),
          spec,
        ).toEqual(["evil-skill"]);
      }
      expect(ran(markers)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("refuses git specs (npm would install the package to prepare it) and runs nothing", async () => {
    const { markers, pkg, options } = evilProject();
    git(pkg, "init", "--quiet", "--initial-branch=main");
    git(pkg, "add", ".");
    git(pkg, "commit", "--quiet", "-m", "evil");
    const bare = path.join(temp("bare-"), "evil.git");
    git(pkg, "clone", "--quiet", "--bare", pkg, bare);
    for (const spec of [
      `npm:git+file://${bare}`,
      `npm:evil@git+file://${bare}`,
      "npm:github:acme/evil",
      "npm:acme/evil",
      "npm:https://registry.example.com/evil/-/evil-1.0.0.tgz",
      "npm:evil.tgz",
    ])
      await expect(addSkills(spec, options), spec).rejects.toMatchObject({
        name: "SourceError",
        code: "INVALID_SOURCE",
      });
    expect(ran(markers)).toEqual([]);
    expect(existsSync(path.join(options.cwd, ".agents"))).toBe(false);
  });
});

describe("sources that could pass as options are refused", () => {
  it("npm specs, git locations and refs starting with -", async () => {
    const cwd = temp("project-");
    for (const source of [
      "npm:--ignore-scripts=false",
      "npm:-evil",
      "npm:",
      "-uevil@host:repo",
      "file:///srv/skills#--upload-pack=x",
    ])
      await expect(parseSource(source, cwd), source).rejects.toMatchObject({
        code: "INVALID_SOURCE",
      });
    // Anything else is a local path: resolved to an absolute one, never handed to git as is.
    await expect(parseSource("--upload-pack=touch@host:x", cwd)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
