// Reading settings files (configuration, .env, trust records): regular files of bounded size only.
import { SkillFileError, readSkillFile } from "@skillflow/skills";
import { CliError } from "./errors.js";

/** The most a configuration file, `.env` or the list of trusted projects may hold. */
const MAX_SETTINGS_BYTES = 1024 * 1024;

/**
 * Reads a settings file (configuration, `.env`, trust records) of at most 1 MiB; undefined when
 * there is none. Anything but a regular file (a FIFO, `/dev/zero` behind a link, a folder) is never
 * opened: it is an INVALID_CONFIG error naming the file, as is a larger file.
 */
export async function readSettingsFile(file: string): Promise<string | undefined> {
  try {
    return await readSkillFile(file, {
      maxBytes: MAX_SETTINGS_BYTES,
      hint: "a settings file this large is not one skillflow wrote",
    });
  } catch (error) {
    if (!(error instanceof SkillFileError)) throw error;
    if (error.code === "NOT_FOUND") return undefined;
    // A system error (EACCES, EIO...) is the file's; anything else (a bad argument) is a bug.
    const cause = error.cause as NodeJS.ErrnoException | undefined;
    if (cause !== undefined && !/^E[A-Z]+$/.test(cause.code ?? "")) throw cause;
    throw new CliError("INVALID_CONFIG", error.message);
  }
}
