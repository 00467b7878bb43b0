// Project installs stay in the project: a skills or agent folder that a link leads elsewhere is refused.
import { realpath } from "node:fs/promises";
import path from "node:path";

/** The deepest part of `dir` that exists, resolved through links (the folder itself, or an ancestor). */
async function resolvedPrefix(dir: string): Promise<{ existing: string; real: string }> {
  let existing = path.resolve(dir);
  for (;;) {
    const real = await realpath(existing).catch(() => undefined);
    if (real !== undefined) return { existing, real };
    const parent = path.dirname(existing);
    if (parent === existing) return { existing, real: existing };
    existing = parent;
  }
}

/**
 * Where `dir` (inside `root`) leaves `root` through a link: the existing part of it that resolves
 * outside, and where to. Undefined when writing `dir` stays inside `root`. A cloned repository can
 * commit `.agents` or `.claude/skills` as a link to any folder; installs must not write through it.
 */
export async function linkOutside(
  dir: string,
  root: string,
): Promise<{ link: string; target: string } | undefined> {
  const base = await realpath(root).catch(() => path.resolve(root));
  const { existing, real } = await resolvedPrefix(dir);
  if (real === base || real.startsWith(`${base}${path.sep}`)) return undefined;
  return { link: existing, target: real };
}
