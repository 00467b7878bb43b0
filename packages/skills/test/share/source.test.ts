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
