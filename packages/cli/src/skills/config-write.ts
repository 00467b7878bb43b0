// Records enable/disable and trust in a configuration file: edited in place (YAML comments kept), atomically.
import path from "node:path";
import { parseYamlDocument } from "@skillflow/workflow";
import { CONFIG_FILES, USER_CONFIG_FILES, parseConfig } from "../config.js";
import { userConfigDir, type ConfigContext } from "../config-files.js";
import { CliError } from "../errors.js";
import { writeAtomically } from "../files.js";
import { readSettingsFile } from "../settings-file.js";

/** Which file records the change. */
export type ConfigTarget = { scope: "project"; explicit?: string } | { scope: "user" };

async function existing(folder: string, names: readonly string[]): Promise<string | undefined> {
  for (const name of names) {
    const file = path.join(folder, name);
    if ((await readSettingsFile(file)) !== undefined) return file;
  }
  return undefined;
}

/** The file to edit (a new one is `skillflow.config.json` / `config.json`). */
export async function targetFile(context: ConfigContext, target: ConfigTarget): Promise<string> {
  if (target.scope === "project") {
    if (target.explicit !== undefined) return path.resolve(context.cwd, target.explicit);
    return (await existing(context.cwd, CONFIG_FILES)) ?? path.join(context.cwd, CONFIG_FILES[0]!);
  }
  const folder = userConfigDir(context);
  if (folder === undefined)
    throw new CliError(
      "INVALID_CONFIG",
      "no user config folder is known (set HOME or SKILLFLOW_CONFIG_HOME)",
    );
  return (await existing(folder, USER_CONFIG_FILES)) ?? path.join(folder, USER_CONFIG_FILES[0]!);
}

/** A list of skills in the `skills` section of the configuration. */
export type SkillList = "disabled" | "trusted";

/** `text` with `skills.<key>` edited: JSON stays JSON, YAML keeps its comments and layout. */
function edit(
  text: string,
  file: string,
  key: SkillList,
  update: (list: string[]) => string[],
): string {
  const current = text.trim() === "" ? [] : (parseConfig(text, file).skills?.[key] ?? []);
  const next = update([...current]);
  if (file.endsWith(".json")) {
    const value = (text.trim() === "" ? {} : JSON.parse(text)) as Record<string, unknown>;
    const skills = (value.skills ?? {}) as Record<string, unknown>;
    value.skills = { ...skills, [key]: next };
    return `${JSON.stringify(value, null, 2)}\n`;
  }
  const doc = parseYamlDocument(text);
  doc.setIn(["skills", key], doc.createNode(next));
  return doc.toString();
}

/**
 * Adds `ref` to (or removes it from) `skills.<key>` of the project's or the user's config file,
 * creating the file if needed. Returns the file and whether anything changed.
 */
export async function recordSkillList(
  context: ConfigContext,
  target: ConfigTarget,
  key: SkillList,
  ref: string,
  present: boolean,
): Promise<{ file: string; changed: boolean }> {
  const file = await targetFile(context, target);
  const text = (await readSettingsFile(file)) ?? "";
  let changed = false;
  const next = edit(text, file, key, (list) => {
    const has = list.includes(ref);
    changed = has !== present;
    return present ? (has ? list : [...list, ref]) : list.filter((x) => x !== ref);
  });
  if (!changed) return { file, changed };
  parseConfig(next, file); // never write a file the next command would refuse
  await writeAtomically(file, next);
  return { file, changed };
}
