// --update: writes a run's outputs as a test's expectations, keeping the rest of the file.
import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Sets `expect.outputs` of the test file `file` to `outputs` (other fields kept as they are),
 * through a temporary file and a rename: a reader never sees half a file.
 */
export async function writeExpectations(
  file: string,
  outputs: Record<string, unknown>,
): Promise<void> {
  const test = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  const expect = (test.expect ?? {}) as Record<string, unknown>;
  test.expect = { ...expect, outputs };
  await writeJsonAtomically(file, test);
}

/** Writes `value` as JSON to `file` through a temporary file in the same folder and a rename. */
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
