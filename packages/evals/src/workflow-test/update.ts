// --update: writes a run's outputs as a test's expectations, keeping the rest of the file.
import { readFile } from "node:fs/promises";
import { writeJsonAtomically } from "../_write-json.js";

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
