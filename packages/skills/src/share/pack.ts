// `.skill` packages: a skill folder validated strictly, then zipped.
import path from "node:path";
import type { SkillDiagnostic } from "../document/diagnostics.js";
import { validateSkill } from "../document/validate.js";
import { SkillFileError, readSkillFile } from "../read-file.js";
import { packFolder } from "./archive.js";
import { writeFileAtomic } from "./_fsx.js";

/** Thrown when a folder cannot be packed; `diagnostics` holds every strict-validation error. */
export class PackError extends Error {
  override readonly name = "PackError";
  constructor(
    message: string,
    readonly diagnostics: readonly SkillDiagnostic[] = [],
  ) {
    super(message);
  }
}

/** What was written. */
export interface Packed {
  name: string;
  file: string;
  bytes: number;
}

/**
 * Validates `folder` in strict mode (the six specification fields only, as upload APIs require),
 * then writes `<name>.skill` (a zip of the folder without what `isExcludedFromSkill` leaves out:
 * `evals/` at the root, `node_modules`, `__pycache__`, `*.pyc`, `.DS_Store` and version-control
 * folders) into `outDir` (default: the working folder), atomically.
 */
export async function packSkill(
  folder: string,
  options: { outDir: string; file?: string },
): Promise<Packed> {
  const skillFile = path.join(folder, "SKILL.md");
  let text: string;
  try {
    text = await readSkillFile(skillFile);
  } catch (error) {
    if (!(error instanceof SkillFileError)) throw error;
    throw new PackError(error.code === "NOT_FOUND" ? `${folder}: no SKILL.md` : error.message);
  }
  const result = await validateSkill(text, {
    file: skillFile,
    folderName: path.basename(path.resolve(folder)),
    level: "strict",
  });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || !result.frontmatter)
    throw new PackError(`${skillFile}: ${errors.length} error(s) under strict validation`, errors);
  const name = result.frontmatter.name;
  const data = await packFolder(folder);
  const file = path.resolve(options.outDir, options.file ?? `${name}.skill`);
  await writeFileAtomic(file, data);
  return { name, file, bytes: data.length };
}
