// Embeds packages/workflow/skill/SKILL.md as a TypeScript string; `--check` fails when the copy is stale.
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import * as prettier from "prettier";

const packageRoot = resolve(import.meta.dirname, "../packages/workflow");
const sourcePath = resolve(packageRoot, "skill/SKILL.md");
const targetPath = resolve(packageRoot, "src/authoring-skill.generated.ts");

/** The markdown as the body of a template literal (backslashes, backticks, `${` and CRs escaped). */
function templateBody(markdown: string): string {
  return markdown
    .replaceAll("\\", "\\\\")
    .replaceAll("`", "\\`")
    .replaceAll("${", "\\${")
    .replaceAll("\r", "\\r");
}

/** The generated module for `markdown`, formatted with the repository's Prettier settings. */
async function render(markdown: string): Promise<string> {
  const code = [
    "// GENERATED from skill/SKILL.md by scripts/embed-authoring-skill.ts; edit the Markdown, not this file.",
    "",
    "/** The text of `skill/SKILL.md`, the WorkflowSkill authoring guide for LLMs. */",
    `export const AUTHORING_SKILL_TEXT = \`${templateBody(markdown)}\`;`,
    "",
  ].join("\n");
  const config = (await prettier.resolveConfig(targetPath)) ?? {};
  return prettier.format(code, { ...config, filepath: targetPath });
}

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes("--check");
  const expected = await render(await readFile(sourcePath, "utf8"));
  if (!check) {
    await writeFile(targetPath, expected);
    console.log(`wrote ${targetPath}`);
    return 0;
  }
  const actual = await readFile(targetPath, "utf8").catch(() => undefined);
  if (actual === expected) return 0;
  console.error(
    `${targetPath} is out of date with skill/SKILL.md; run: node --import tsx scripts/embed-authoring-skill.ts`,
  );
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
