// Where `skillflow author` may write by default: inside the working folder, even through links.
import { realpath } from "node:fs/promises";
import path from "node:path";
import { CliError } from "../errors.js";

/** `folder` with its symbolic links resolved as far as it exists (the rest appended as written). */
async function resolved(folder: string): Promise<string> {
  const missing: string[] = [];
  let at = path.resolve(folder);
  for (;;) {
    const real = await realpath(at).catch(() => undefined);
    if (real !== undefined) return path.join(real, ...missing.reverse());
    const parent = path.dirname(at);
    if (parent === at) return path.resolve(folder);
    missing.push(path.basename(at));
    at = parent;
  }
}

/**
 * Refuses the default skills folder `folder` when a symbolic link (from a cloned repository, say)
 * leads it outside the working folder `cwd`: the skill would land somewhere else than the command
 * says. `--dir` names a folder on purpose and is not checked. `skillFolder`: `folder` is the skill's
 * own folder (the hint names its parent).
 */
export async function checkDefaultTarget(
  cwd: string,
  folder: string,
  options: { skillFolder?: boolean } = {},
): Promise<void> {
  const root = await resolved(cwd);
  const real = await resolved(folder);
  const inside = path.relative(root, real);
  if (inside !== "" && !inside.startsWith("..") && !path.isAbsolute(inside)) return;
  throw new CliError(
    "BAD_ARGUMENTS",
    `${path.relative(cwd, folder) || folder} leads outside this folder, to ${real} (a symbolic link): ` +
      `skillflow author does not write there on its own; pass --dir ${options.skillFolder === true ? path.dirname(real) : real} to write there on purpose`,
  );
}
