// Replacing one frontmatter field of a SKILL.md, leaving the rest of the file as it was.
import { parseDocument } from "yaml";

const FRONTMATTER = /^(---\r?\n)([\s\S]*?\r?\n)(---[ \t]*(?:\r?\n|$))/;

/** `skill` with its `description` set to `description`; undefined when it has no frontmatter. */
export function withDescription(skill: string, description: string): string | undefined {
  const match = FRONTMATTER.exec(skill);
  if (!match) return undefined;
  const doc = parseDocument(match[2]!);
  if (doc.errors.length > 0) return undefined;
  doc.set("description", description);
  const yaml = doc.toString({ lineWidth: 0 });
  return `${match[1]}${yaml}${match[3]}${skill.slice(match[0].length)}`;
}
