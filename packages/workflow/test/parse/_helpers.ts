// Test helpers for the parse layer: expected positions computed from the text, and document builders.
import { readFileSync } from "node:fs";

/** 1-based line/column of the `occurrence`-th `needle` in `text` (plus `delta` characters), as an editor counts. */
export function at(
  text: string,
  needle: string,
  occurrence = 1,
  delta = 0,
): { line: number; column: number } {
  let index = -1;
  for (let n = 0; n < occurrence; n++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`not found: ${JSON.stringify(needle)}`);
  }
  index += delta;
  const before = text.slice(0, index);
  return { line: before.split("\n").length, column: index - (before.lastIndexOf("\n") + 1) + 1 };
}

/** A fixture file of this folder. */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
}

/** A minimal valid workflow YAML with one tool step. */
export const MINIMAL_YAML = "steps:\n  - id: a\n    type: tool\n    tool: t\n";

/** SKILL.md text: frontmatter (unless null), some prose, and a ```workflow block holding `yaml`. */
export function skill(
  yaml: string,
  frontmatter: string | null = "name: demo\ndescription: A demo skill.",
): string {
  const head = frontmatter === null ? "" : `---\n${frontmatter}\n---\n`;
  return `${head}\n# Demo\n\nProse.\n\n\`\`\`workflow\n${yaml}\`\`\`\n\nMore prose.\n`;
}
