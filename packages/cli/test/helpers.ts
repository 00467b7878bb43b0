// A fake Io with string buffers, and the paths tests use.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Io } from "../src/io.js";
import { run } from "../src/main.js";

/** The repository root (examples and skillflow.config.json live there). */
export const REPO_ROOT = path.resolve(fileURLToPath(import.meta.url), "../../../..");
/** Fixture documents. */
export const FIXTURES = path.resolve(fileURLToPath(import.meta.url), "../fixtures");

/** What a call printed and returned. */
export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI against an in-memory io; `overrides` change the defaults (not a TTY, no colours). */
export async function cli(argv: string[], overrides: Partial<Io> = {}): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    env: {},
    cwd: FIXTURES,
    colors: false,
    ...overrides,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
