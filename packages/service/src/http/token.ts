// The API token: made on first start (32 random bytes, base64url), kept in a 0600 file in a 0700 folder.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname, join, basename } from "node:path";
import { ServiceError } from "../errors.js";

/** A token read from its file, or made and written now (`created`). */
export interface LoadedToken {
  token: string;
  created: boolean;
}

const isWindows = process.platform === "win32";

async function readExisting(file: string): Promise<string | undefined> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  // A folder, a FIFO or a device (a link to /dev/zero) is no token file, and reading it could hang.
  if (!info.isFile()) {
    throw new ServiceError(
      "TOKEN_FILE_INVALID",
      `The API token file ${file} is not a regular file; delete it so a new token is made.`,
      { details: { file } },
    );
  }
  const mode = Number(info.mode);
  // Others could have read it already: the token is refused, not silently tightened.
  if (!isWindows && (mode & 0o077) !== 0) {
    throw new ServiceError(
      "TOKEN_FILE_TOO_OPEN",
      `The API token file ${file} can be read by other users (mode ${(mode & 0o777).toString(8)}); ` +
        "delete it so a new token is made, or `chmod 600` it if nobody else could have read it.",
      { details: { file, mode: mode & 0o777 } },
    );
  }
  const token = (await readFile(file, "utf8")).trim();
  if (token.length < 16) {
    throw new ServiceError(
      "TOKEN_FILE_INVALID",
      `The API token file ${file} holds no usable token (at least 16 characters); delete it so a new one is made.`,
      { details: { file } },
    );
  }
  return token;
}

async function writeNew(file: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const folder = dirname(file);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const temp = join(
    folder,
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(`${token}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temp, 0o600);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return token;
}

/**
 * The API token kept in `file`: read when it exists (refused with `TOKEN_FILE_TOO_OPEN` when group or
 * others may read it), else made (32 random bytes, base64url) and written atomically with mode 0600,
 * its folder created with mode 0700.
 */
export async function loadOrCreateToken(file: string): Promise<LoadedToken> {
  const existing = await readExisting(file);
  if (existing !== undefined) return { token: existing, created: false };
  return { token: await writeNew(file), created: true };
}
