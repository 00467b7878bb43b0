// Writing a JSON file whole or not at all: a temporary file in the same folder, then a rename.
import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Writes `value` as indented JSON to `file` through a temporary file in the same folder and a
 * rename: a reader never sees half a file, and a failed write leaves no temporary file behind.
 */
export async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { flag: "wx" });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
