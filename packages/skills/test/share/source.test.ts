// parseSource: every kind of source, with #ref and @skill.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/index.js";
import { temp } from "./_repo.js";

describe("parseSource", () => {
  it("recognises git URLs with refs and skills", async () => {
    const cases: [string, Record<string, string>][] = [
      [
        "https://git.example.com/acme/skills.git#v1.2@pdf-forms",
        {
          type: "git",
          location: "https://git.example.com/acme/skills.git",
          ref: "v1.2",
          skill: "pdf-forms",
        },
      ],
      [
        "git@github.com:acme/skills.git#main",
        { type: "git", location: "git@github.com:acme/skills.git", ref: "main" },
      ],
      [
        "git@github.com:acme/skills.git@pdf-forms",
        { type: "git", location: "git@github.com:acme/skills.git", skill: "pdf-forms" },
      ],
      [
        "file:///srv/skills#abc1234",
        { type: "git", location: "file:///srv/skills", ref: "abc1234" },
      ],
      ["ssh://git@host/x.git", { type: "git", location: "ssh://git@host/x.git" }],
      [
        "https://example.com/a/b.tar.gz",
        { type: "url", location: "https://example.com/a/b.tar.gz" },
      ],
      ["https://example.com", { type: "well-known", location: "https://example.com" }],
      [
        "https://example.com/.well-known/agent-skills/index.json@one",
        {
          type: "well-known",
          location: "https://example.com/.well-known/agent-skills/index.json",
          skill: "one",
        },
      ],
      ["npm:@acme/skills@2.1.0", { type: "npm", location: "@acme/skills@2.1.0" }],
    ];
    for (const [source, expected] of cases)
      expect(await parseSource(source, "/"), source).toEqual({ source, ...expected });
  });

  it("resolves local folders and files, with @skill on a folder of skills", async () => {
    const dir = temp();
    mkdirSync(path.join(dir, "skills"));
    writeFileSync(path.join(dir, "x.skill"), "");
    expect(await parseSource("skills", dir)).toMatchObject({
      type: "local",
      location: path.join(dir, "skills"),
    });
    expect(await parseSource("skills@one", dir)).toMatchObject({
      type: "local",
      location: path.join(dir, "skills"),
      skill: "one",
    });
    expect(await parseSource("x.skill", dir)).toMatchObject({
      type: "archive",
      location: path.join(dir, "x.skill"),
    });
    await expect(parseSource("missing", dir)).rejects.toThrow("missing: no such folder or file");
  });
});

describe("parseSource: GitHub and GitLab as the skills CLI reads them", () => {
  const gh = "https://github.com";
  it("reads each shorthand and URL form", async () => {
    const cases: [string, Record<string, string>][] = [
      [
        "acme/skills",
        { type: "github", location: `${gh}/acme/skills.git`, lockSource: "acme/skills" },
      ],
      [
        "acme/skills@pdf-forms",
        {
          type: "github",
          location: `${gh}/acme/skills.git`,
          lockSource: "acme/skills",
          skill: "pdf-forms",
        },
      ],
      [
        "acme/skills/skills/pdf-forms",
        {
          type: "github",
          location: `${gh}/acme/skills.git`,
          lockSource: "acme/skills",
          subpath: "skills/pdf-forms",
        },
      ],
      [
        "acme/skills#v1@pdf-forms",
        {
          type: "github",
          location: `${gh}/acme/skills.git`,
          lockSource: "acme/skills",
          ref: "v1",
          skill: "pdf-forms",
        },
      ],
      [
        "github:acme/skills#v1",
        { type: "github", location: `${gh}/acme/skills.git`, lockSource: "acme/skills", ref: "v1" },
      ],
      [
        "https://github.com/acme/skills",
        { type: "github", location: `${gh}/acme/skills.git`, lockSource: "acme/skills" },
      ],
      [
        "https://github.com/acme/skills.git",
        { type: "github", location: `${gh}/acme/skills.git`, lockSource: "acme/skills" },
      ],
      [
        "https://github.com/acme/skills/tree/main/skills/pdf-forms",
        {
          type: "github",
          location: `${gh}/acme/skills.git`,
          lockSource: "acme/skills",
          ref: "main",
          subpath: "skills/pdf-forms",
        },
      ],
      [
        "https://github.com/acme/skills/tree/v2",
        { type: "github", location: `${gh}/acme/skills.git`, lockSource: "acme/skills", ref: "v2" },
      ],
      [
        "gitlab:group/sub/repo",
        {
          type: "gitlab",
          location: "https://gitlab.com/group/sub/repo.git",
          lockSource: "https://gitlab.com/group/sub/repo.git",
        },
      ],
      [
        "https://gitlab.com/group/sub/repo/-/tree/v1/skills",
        {
          type: "gitlab",
          location: "https://gitlab.com/group/sub/repo.git",
          lockSource: "https://gitlab.com/group/sub/repo.git",
          ref: "v1",
          subpath: "skills",
        },
      ],
      [
        "https://gitlab.com/group/repo",
        {
          type: "gitlab",
          location: "https://gitlab.com/group/repo.git",
          lockSource: "https://gitlab.com/group/repo.git",
        },
      ],
      [
        "https://git.corp.example/team/repo/-/tree/main/a/b",
        {
          type: "gitlab",
          location: "https://git.corp.example/team/repo.git",
          lockSource: "https://git.corp.example/team/repo.git",
          ref: "main",
          subpath: "a/b",
        },
      ],
    ];
    for (const [source, expected] of cases)
      expect(await parseSource(source, temp()), source).toEqual({ source, ...expected });
    // Other URLs and scp-like remotes stay generic git sources.
    expect(await parseSource("https://git.example.com/acme/skills.git", "/")).toMatchObject({
      type: "git",
    });
    expect(await parseSource("git@github.com:acme/skills.git", "/")).toMatchObject({ type: "git" });
  });

  it("moves shorthands to SKILLFLOW_GITHUB_URL / SKILLFLOW_GITLAB_URL, and reads URLs under them", async () => {
    const env = {
      SKILLFLOW_GITHUB_URL: "https://ghe.corp/",
      SKILLFLOW_GITLAB_URL: "file:///srv/gl",
    };
    expect(await parseSource("acme/skills", "/", env)).toMatchObject({
      type: "github",
      location: "https://ghe.corp/acme/skills.git",
      lockSource: "acme/skills",
    });
    expect(await parseSource("https://ghe.corp/acme/skills/tree/v1/x", "/", env)).toMatchObject({
      type: "github",
      location: "https://ghe.corp/acme/skills.git",
      ref: "v1",
      subpath: "x",
    });
    // A full github.com URL still names github.com.
    expect(await parseSource("https://github.com/acme/skills", "/", env)).toMatchObject({
      location: "https://github.com/acme/skills.git",
    });
    expect(await parseSource("gitlab:g/r", "/", env)).toMatchObject({
      type: "gitlab",
      location: "file:///srv/gl/g/r.git",
    });
  });

  it("refuses a bad base URL, names that leave the base, and .. in a folder", async () => {
    for (const value of ["ftp://x", "not a url", "https://x/?q=1"])
      await expect(
        parseSource("acme/skills", "/", { SKILLFLOW_GITHUB_URL: value }),
        value,
      ).rejects.toMatchObject({
        code: "INVALID_SOURCE",
        message: expect.stringContaining("SKILLFLOW_GITHUB_URL"),
      });
    for (const source of [
      "github:acme/..",
      "acme/skills/../../etc",
      "https://github.com/acme/skills/tree/main/../../x",
      "github:acme",
      "acme/skills#--upload-pack=x",
    ])
      await expect(parseSource(source, temp()), source).rejects.toMatchObject({
        code: expect.stringMatching(/^(INVALID_SOURCE|NOT_FOUND)$/),
      });
  });

  it("an existing local folder wins over a shorthand of the same spelling", async () => {
    const dir = temp();
    mkdirSync(path.join(dir, "acme/skills"), { recursive: true });
    expect(await parseSource("acme/skills", dir)).toMatchObject({
      type: "local",
      location: path.join(dir, "acme/skills"),
    });
    expect(await parseSource("./acme/missing", dir).catch((e: { code: string }) => e.code)).toBe(
      "NOT_FOUND",
    );
  });
});
