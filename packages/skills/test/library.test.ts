// SkillLibrary: catalog within a budget, activation with arguments and trust, confined resources.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SkillLibrary, fitCatalog, shorten, type CatalogEntry } from "../src/index.js";
import { tempDir, writeSkill } from "./_helpers.js";

const chars = (text: string) => Math.ceil(text.length / 4);

function library(trust?: { project?: boolean }) {
  const root = tempDir();
  writeSkill(root, "docs/pdf-forms", { description: "Fills PDF forms & checks fields." });
  writeSkill(
    root,
    "eng/changelog",
    { description: "Writes a changelog from git history.", arguments: "[from, to]" },
    "Changes from $from to $to in ${SKILL_DIR}.\nLatest: !`echo $0-$1`\n",
  );
  writeSkill(root, "manual-only", { "disable-model-invocation": "true" });
  mkdirSync(path.join(root, "docs", "pdf-forms", "references"));
  writeFileSync(path.join(root, "docs", "pdf-forms", "references", "fields.md"), "# Fields\n");
  writeFileSync(path.join(root, "outside.txt"), "secret");
  symlinkSync(path.join(root, "outside.txt"), path.join(root, "docs", "pdf-forms", "leak.txt"));
  const lib = SkillLibrary.load({
    sources: [{ scope: "project", root }],
    countTokens: chars,
    ...(trust ? { trust: { scopes: trust } } : {}),
  });
  return { root, lib };
}

describe("catalog", () => {
  it("renders name, description and location as XML, JSON or Markdown", async () => {
    const { root, lib } = library();
    const xml = await lib.catalog();
    expect(xml.text).toBe(
      [
        "<available_skills>",
        "<skill>",
        "<name>pdf-forms</name>",
        "<description>Fills PDF forms &amp; checks fields.</description>",
        `<location>${path.join(root, "docs", "pdf-forms", "SKILL.md")}</location>`,
        "</skill>",
        "<skill>",
        "<name>changelog</name>",
        "<description>Writes a changelog from git history.</description>",
        `<location>${path.join(root, "eng", "changelog", "SKILL.md")}</location>`,
        "</skill>",
        "</available_skills>",
      ].join("\n"),
    );
    const json = JSON.parse((await lib.catalog({ format: "json" })).text) as CatalogEntry[];
    expect(json.map((e) => e.name)).toEqual(["pdf-forms", "changelog"]);
    expect((await lib.catalog({ format: "markdown" })).text).toMatch(
      /^- \*\*pdf-forms\*\*: Fills PDF forms & checks fields\. \(`.*SKILL\.md`\)$/m,
    );
  });

  it("shortens descriptions first, then drops the lowest-ranked, and reports both", () => {
    const entries = Array.from({ length: 4 }, (_, i) => ({
      name: `s${i}`,
      description: `First sentence of ${i}. ${"More detail. ".repeat(30)}`,
      location: `/s${i}/SKILL.md`,
    }));
    const full = fitCatalog(entries, { format: "xml", countTokens: chars });
    const shortened = fitCatalog(entries, { format: "xml", budget: 200, countTokens: chars });
    expect(shortened.tokens).toBeLessThanOrEqual(200);
    expect(shortened.tokens).toBeLessThan(full.tokens);
    expect(shortened.cut).toEqual({ shortened: ["s0", "s1", "s2", "s3"], dropped: [] });
    expect(shortened.entries[0]?.description).toBe("First sentence of 0.");
    const dropped = fitCatalog(entries, { format: "xml", budget: 80, countTokens: chars });
    expect(dropped.cut.dropped).toEqual(["s3", "s2"]);
    expect(dropped.entries.map((e) => e.name)).toEqual(["s0", "s1"]);
    expect(dropped.tokens).toBeLessThanOrEqual(80);
  });

  it("ranks by a task when one is given", async () => {
    const { lib } = library();
    const ranked = await lib.catalog({
      format: "json",
      task: "summarise git history into a changelog",
    });
    expect((JSON.parse(ranked.text) as CatalogEntry[])[0]?.name).toBe("changelog");
  });

  it("shortens at a sentence or a word boundary", () => {
    expect(shorten("One. Two three four.", 10)).toBe("One.");
    expect(shorten("alpha beta gamma delta", 12)).toBe("alpha beta…");
    expect(shorten("short", 10)).toBe("short");
  });
});

describe("activate", () => {
  it("substitutes arguments and the skill folder, lists resources without reading them", async () => {
    const { root, lib } = library({ project: true });
    const skill = await lib.activate("pdf-forms");
    expect(skill.body).toBe("# Instructions\n");
    expect(skill.resources).toEqual(["leak.txt", "references/fields.md"]);
    const changelog = await lib.activate("changelog", { arguments: "v1.0 'v2.0 rc'" });
    expect(changelog.body).toBe(
      `Changes from v1.0 to v2.0 rc in ${path.join(root, "eng", "changelog")}.\nLatest: v1.0-v2.0 rc\n` +
        // As Claude Code does: a body without $ARGUMENTS gets the raw arguments appended.
        "\n\nARGUMENTS: v1.0 'v2.0 rc'",
    );
    expect(changelog.commands).toMatchObject([
      {
        command: 'echo "${SKILLFLOW_ARG_0}"-"${SKILLFLOW_ARG_1}"',
        arguments: { SKILLFLOW_ARG_0: "v1.0", SKILLFLOW_ARG_1: "v2.0 rc" },
        ran: true,
        exitCode: 0,
      },
    ]);
  });

  it("does not run commands of an untrusted skill; a visible marker takes their place", async () => {
    const { lib } = library();
    const skill = await lib.activate("changelog", { arguments: "a b" });
    expect(skill.trusted).toBe(false);
    expect(skill.body).toContain("Latest: [not run: untrusted skill]");
    expect(skill.commands[0]).toMatchObject({ ran: false });
  });

  it("trusts no skill named like an Object.prototype member, with or without a trust table", () => {
    const root = tempDir();
    const names = Object.getOwnPropertyNames(Object.prototype);
    for (const name of names) writeSkill(root, name, { description: "x" }, "!`touch pwned`\n");
    for (const trust of [undefined, { skills: new Map([["other", true]]) }]) {
      const lib = SkillLibrary.load({
        sources: [{ scope: "project", root }],
        ...(trust ? { trust } : {}),
      });
      const loaded = lib.all.map((s) => s.name).filter((n) => names.includes(n));
      expect(loaded.length).toBeGreaterThan(5);
      for (const name of loaded) expect(lib.isTrusted(lib.get(`project:${name}`))).toBe(false);
    }
  });

  it("hides disabled skills and lets manual-only ones be activated but not listed", async () => {
    const { root } = library();
    const lib = SkillLibrary.load({ sources: [{ scope: "user", root }], disabled: ["pdf-forms"] });
    expect(() => lib.get("pdf-forms")).toThrow('skill "pdf-forms" is disabled');
    expect(lib.get("pdf-forms", { includeDisabled: true }).name).toBe("pdf-forms");
    expect(lib.entries().map((e) => e.name)).toEqual(["changelog"]);
    expect((await lib.activate("manual-only")).name).toBe("manual-only");
    expect(() => lib.get("nope")).toThrow('no skill "nope"');
    expect(lib.get("user:changelog").name).toBe("changelog");
  });
});

describe("readResource", () => {
  it("reads files inside the skill folder only", async () => {
    const { lib } = library();
    expect(await lib.readResource("pdf-forms", "references/fields.md")).toBe("# Fields\n");
    for (const [file, code] of [
      ["../../outside.txt", "OUTSIDE_SKILL"],
      ["/etc/passwd", "OUTSIDE_SKILL"],
      ["leak.txt", "OUTSIDE_SKILL"],
      ["missing.md", "NOT_FOUND"],
      ["references", "NOT_A_FILE"],
    ] as const)
      await expect(lib.readResource("pdf-forms", file), file).rejects.toMatchObject({ code });
  });
});
