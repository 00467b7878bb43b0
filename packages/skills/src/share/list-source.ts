// `skills add <source> --list`: the skills a source holds, fetched and read but never installed.
import path from "node:path";
import { discoverSkills } from "../discover/discover.js";
import type { InstallOptions } from "./install.js";
import { fetchSource, parseSource } from "./source.js";

/** One skill a source offers: its name, description and SKILL.md path inside the source. */
export interface SourceSkill {
  name: string;
  description: string;
  /** The SKILL.md, relative to the source's root, with `/` separators. */
  skillPath: string;
}

/** Fetches `source` (as `add` would, same network rules) and lists its skills; installs nothing. */
export async function listSourceSkills(
  source: string,
  options: Pick<InstallOptions, "cwd" | "limits" | "env" | "network">,
): Promise<SourceSkill[]> {
  const fetched = await fetchSource(await parseSource(source, options.cwd), {
    cwd: options.cwd,
    typed: true,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.network ? { network: options.network } : {}),
  });
  try {
    const found = discoverSkills({ sources: [{ scope: "team", root: fetched.root }] }).skills;
    return found
      .filter((s) => fetched.spec.skill === undefined || s.name === fetched.spec.skill)
      .map((s) => ({
        name: s.name,
        description: s.description,
        skillPath: path.relative(fetched.root, s.file).split(path.sep).join("/"),
      }));
  } finally {
    await fetched.cleanup();
  }
}
