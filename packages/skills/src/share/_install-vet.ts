// Vetting a skill before it lands: its name, strict reading and validation, the scan and the risk gate.
import path from "node:path";
import type { DiscoveredSkill } from "../discover/discover.js";
import { validateSkill } from "../document/validate.js";
import { SkillFileError, readSkillFile } from "../read-file.js";
import type { InstallOptions, Refusal } from "./install.js";
import { scanSkill, type ScanReport } from "./scan.js";
import type { FetchedSource } from "./source.js";

/** A skill that passed validation, the scan and the risk gate, ready to be placed. */
export interface Vetted {
  name: string;
  skill: DiscoveredSkill;
  scan: ScanReport;
}

const SKILL_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether the outcome is a refusal. */
export const isRefusal = <T extends object>(x: T | Refusal): x is Refusal => "code" in x;

/**
 * The risk gate, the same for add, install and update: a medium or high report needs `yes`, or a
 * `confirm` that says yes; otherwise the skill is refused, naming the risk and `--yes`.
 */
async function gate(
  name: string,
  scan: ScanReport,
  options: InstallOptions,
): Promise<Refusal | undefined> {
  if (scan.risk !== "medium" && scan.risk !== "high") return undefined;
  if (options.yes === true) return undefined;
  if (options.confirm !== undefined && (await options.confirm(name, scan))) return undefined;
  const count = scan.findings.length;
  return {
    name,
    code: "RISKY",
    reason: `the scan of ${name} found ${scan.risk} risk (${count} finding${count === 1 ? "" : "s"}); review the report and pass --yes to install it`,
  };
}

/** Validates, scans and gates one skill of a fetched source; a refusal when it must not land. */
export async function vet(
  skill: DiscoveredSkill,
  fetched: FetchedSource,
  options: InstallOptions,
): Promise<Vetted | Refusal> {
  const name = options.name ?? skill.name;
  if (!SKILL_NAME.test(name))
    return { name, code: "INVALID_SKILL", reason: `"${name}" is not a valid skill name` };
  let text: string;
  try {
    text = await readSkillFile(skill.file);
  } catch (error) {
    if (!(error instanceof SkillFileError)) throw error;
    return { name, code: "INVALID_SKILL", reason: error.message };
  }
  const validation = await validateSkill(text, {
    file: skill.file,
    folderName: path.basename(skill.dir),
  });
  const firstError = validation.diagnostics.find((d) => d.severity === "error");
  if (firstError && firstError.code !== "NAME_MISMATCH")
    return {
      name,
      code: "INVALID_SKILL",
      reason: `${firstError.code} at ${path.relative(fetched.root, firstError.file)}:${firstError.line}:${firstError.column}: ${firstError.message}`,
    };
  const scan = await scanSkill(skill.dir);
  options.onScan?.(name, scan);
  return (await gate(name, scan, options)) ?? { name, skill, scan };
}
