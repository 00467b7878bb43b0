// `skillflow skills validate`: every skill file checked in full, problems located.
import { stat } from "node:fs/promises";
import path from "node:path";
import {
  SkillFileError,
  discoverSkills,
  readSkillFile,
  validateSkill,
  type SkillDiagnostic,
  type SkillLibrary,
  type SkillValidationLevel,
} from "@skillflow/skills";
import { CliError } from "../errors.js";

/** One validated file. */
export interface SkillReport {
  file: string;
  name?: string;
  valid: boolean;
  diagnostics: SkillDiagnostic[];
}

/** The SKILL.md files under `root` (a skill folder, a SKILL.md, or a folder of skills). */
async function filesUnder(cwd: string, target: string): Promise<string[]> {
  const absolute = path.resolve(cwd, target);
  const info = await stat(absolute).catch(() => undefined);
  if (info === undefined) throw new CliError("FILE_NOT_FOUND", `${target}: no such file or folder`);
  if (info.isFile()) return [absolute];
  const own = path.join(absolute, "SKILL.md");
  if (
    await stat(own).then(
      (s) => s.isFile(),
      () => false,
    )
  )
    return [own];
  const files = filesOf(discoverSkills({ sources: [{ scope: "team", root: absolute }] }));
  // A folder with nothing to check is a mistake (a wrong path), never "0 skills, 0 errors".
  if (files.length === 0)
    throw new CliError(
      "FILE_NOT_FOUND",
      `${target}: no SKILL.md in this folder or its subfolders (a skill is a folder with a SKILL.md; skillflow skills init <name> creates one)`,
    );
  return files;
}

/** Every SKILL.md discovery met, loaded or skipped. */
function filesOf(found: {
  skills: readonly { file: string }[];
  diagnostics: readonly SkillDiagnostic[];
}) {
  const skipped = found.diagnostics.filter((d) => d.code === "SKILL_SKIPPED").map((d) => d.file);
  return [...new Set([...found.skills.map((s) => s.file), ...skipped])];
}

function unreadable(file: string, error: SkillFileError): SkillDiagnostic {
  const message = error.message.startsWith(error.file)
    ? `${file}${error.message.slice(error.file.length)}`
    : error.message;
  return { code: "UNREADABLE", severity: "error", message, file, line: 1, column: 1 };
}

/** Validates the given targets, or every skill of the library when there are none. */
export async function validateTargets(
  cwd: string,
  targets: readonly string[],
  library: () => SkillLibrary,
  level: SkillValidationLevel,
): Promise<SkillReport[]> {
  const files: string[] = [];
  if (targets.length === 0)
    files.push(...filesOf({ skills: library().all, diagnostics: library().diagnostics }));
  for (const target of targets) files.push(...(await filesUnder(cwd, target)));
  const reports: SkillReport[] = [];
  for (const file of [...new Set(files)]) {
    // Paths inside the working folder are shown relative to it, others in full.
    const relative = path.relative(cwd, file);
    const shown = relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
    let text: string;
    try {
      // A regular file of at most 1 MiB: a link to /dev/zero or a FIFO is reported, not read.
      text = await readSkillFile(file);
    } catch (error) {
      if (!(error instanceof SkillFileError)) throw error;
      reports.push({ file: shown, valid: false, diagnostics: [unreadable(shown, error)] });
      continue;
    }
    const result = await validateSkill(text, {
      file: shown,
      folderName: path.basename(path.dirname(file)),
      level,
    });
    const report: SkillReport = {
      file: shown,
      valid: result.valid,
      diagnostics: result.diagnostics,
    };
    if (result.frontmatter) report.name = result.frontmatter.name;
    reports.push(report);
  }
  return reports;
}
