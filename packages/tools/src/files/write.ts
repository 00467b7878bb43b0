// file_write: writes one file inside the root atomically (temp file in the same folder, then rename).
import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { mkdir, open, realpath, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { ToolError, type ToolDefinition } from "../tool.js";
import { forbidden, isInside, realRoot, resolveForCreate } from "./_confine.js";
import type { FileToolsOptions } from "./options.js";

/** Arguments of `file_write`. */
export type FileWriteArgs = {
  path: string;
  content: string;
  encoding?: "utf8" | "base64";
  createDirs?: boolean;
};

/** Result of `file_write`: the path relative to the root and the number of bytes written. */
export interface FileWriteResult {
  path: string;
  bytes: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decode(args: FileWriteArgs): Buffer {
  if (args.encoding !== "base64") return Buffer.from(args.content, "utf8");
  const compact = args.content.replace(/\s+/g, "");
  if (!BASE64.test(compact) || compact.length % 4 === 1) {
    throw new ToolError("INVALID_ARGUMENTS", "content is not valid base64");
  }
  return Buffer.from(compact, "base64");
}

/** The mode of the file being replaced, or undefined for a new file; refuses anything but a file. */
async function existingMode(target: string, input: string): Promise<number | undefined> {
  try {
    const stats = await stat(target);
    if (!stats.isFile()) throw new ToolError("INVALID_ARGUMENTS", `Path "${input}" is not a file`);
    return stats.mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Writes `data` to a fresh temp file next to `target`, then renames it over `target`: readers see
 * the old content or the new, never a part. On any failure the temp file is removed.
 */
export async function writeAtomically(
  target: string,
  data: Buffer,
  mode: number | undefined,
  signal: AbortSignal,
): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  const handle = await open(temp, flags, mode ?? 0o666);
  try {
    try {
      await handle.writeFile(data, { signal });
      if (mode !== undefined) await handle.chmod(mode); // the umask must not narrow a kept mode
      await handle.sync();
    } finally {
      await handle.close();
    }
    signal.throwIfAborted();
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** The `file_write` tool. */
export function fileWriteTool(
  options: Required<FileToolsOptions>,
): ToolDefinition<FileWriteArgs, FileWriteResult> {
  return {
    name: "file_write",
    description:
      "Writes a file inside the workspace atomically (UTF-8 text or base64), replacing any existing file.",
    inputSchema: {
      type: "object",
      properties: {
        path: { type: "string", minLength: 1, description: "Path relative to the workspace root" },
        content: { type: "string" },
        encoding: { enum: ["utf8", "base64"], default: "utf8" },
        createDirs: { type: "boolean", default: false, description: "Create missing folders" },
      },
      required: ["path", "content"],
      additionalProperties: false,
    },
    outputSchema: {
      type: "object",
      properties: { path: { type: "string" }, bytes: { type: "integer" } },
      required: ["path", "bytes"],
    },
    run: async (args, context) => {
      context.signal.throwIfAborted();
      const data = decode(args);
      if (data.length > options.maxBytes) {
        throw new ToolError(
          "TOO_LARGE",
          `Content has ${data.length} bytes, more than the ${options.maxBytes} allowed`,
        );
      }
      const target = await resolveForCreate(options.root, args.path, options.hidden);
      if (target.relative === ".") {
        throw new ToolError("INVALID_ARGUMENTS", `Path "${args.path}" is the workspace root`);
      }
      const folder = path.dirname(target.absolute);
      if (target.missing.length > 1) {
        if (args.createDirs !== true) {
          const parent = path.posix.dirname(target.relative);
          throw new ToolError(
            "NOT_FOUND",
            `Folder "${parent}" does not exist (pass createDirs: true to create it)`,
          );
        }
        await mkdir(folder, { recursive: true });
      }
      // Checked again after mkdir: the folder that receives the file must still be inside the root.
      if (!isInside(await realRoot(options.root), await realpath(folder))) {
        throw forbidden(args.path, "resolves outside the workspace root");
      }
      const mode = await existingMode(target.absolute, args.path);
      await writeAtomically(target.absolute, data, mode, context.signal);
      return { path: target.relative, bytes: data.length };
    },
  };
}
