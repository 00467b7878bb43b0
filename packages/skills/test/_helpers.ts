// Test helpers: skill folders written into temporary trees.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A fresh temporary folder. */
export const tempDir = (prefix = "skills-"): string => mkdtempSync(path.join(tmpdir(), prefix));

/** Writes `<root>/<rel>/SKILL.md` with the given frontmatter fields and body; returns the folder. */
export function writeSkill(
  root: string,
  rel: string,
  fields: Record<string, string> = {},
  body = "# Instructions\n",
): string {
  const dir = path.join(root, rel);
  mkdirSync(dir, { recursive: true });
  const name = path.basename(rel);
  const all = { name, description: `Does ${name} things.`, ...fields };
  const frontmatter = Object.entries(all)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
  writeFileSync(path.join(dir, "SKILL.md"), `---\n${frontmatter}\n---\n${body}`);
  return dir;
}
