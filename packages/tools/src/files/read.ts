// file_read: reads one file inside the root, as UTF-8 text or base64, up to a size cap.
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { ToolError, type ToolDefinition } from "../tool.js";
import { resolveExisting } from "./_confine.js";
import type { FileToolsOptions } from "./options.js";

/** Arguments of `file_read`. */
export type FileReadArgs = {
  path: string;
  encoding?: "utf8" | "base64";
};

/** Result of `file_read`: the path relative to the root, the content and its size in bytes. */
export interface FileReadResult {
  path: string;
  content: string;
  bytes: number;
}

function tooLarge(input: string, size: number, max: number): ToolError {
  return new ToolError(
    "TOO_LARGE",
    `File "${input}" has ${size} bytes, more than the ${max} allowed`,
  );
}

/** The `file_read` tool. */
export function fileReadTool(
  options: Required<FileToolsOptions>,
): ToolDefinition<FileReadArgs, FileReadResult> {
  return {
    name: "file_read",
    description: "Reads a file inside the workspace, as UTF-8 text (default) or base64.",
    inputSchema: {
      type: "object",
      properties: {
        path: { type: "string", minLength: 1, description: "Path relative to the workspace root" },
        encoding: { enum: ["utf8", "base64"], default: "utf8" },
      },
      required: ["path"],
      additionalProperties: false,
    },
    outputSchema: {
      type: "object",
      properties: {
        path: { type: "string" },
        content: { type: "string" },
        bytes: { type: "integer" },
      },
      required: ["path", "content", "bytes"],
    },
    run: async (args, context) => {
      context.signal.throwIfAborted();
      const target = await resolveExisting(options.root, args.path);
      // O_NOFOLLOW: the real path has no symlink left; one swapped in since is refused, not followed.
      // O_NONBLOCK: opening a FIFO must not wait for a writer; such files are refused below.
      const flags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
      const handle = await open(target.absolute, flags);
      try {
        const stats = await handle.stat();
        if (stats.isDirectory()) {
          throw new ToolError("INVALID_ARGUMENTS", `Path "${args.path}" is a directory`);
        }
        if (!stats.isFile()) {
          throw new ToolError("INVALID_ARGUMENTS", `Path "${args.path}" is not a regular file`);
        }
        if (stats.size > options.maxBytes) throw tooLarge(args.path, stats.size, options.maxBytes);
        const buffer = await handle.readFile({ signal: context.signal });
        // The file may have grown since `stat`.
        if (buffer.length > options.maxBytes) {
          throw tooLarge(args.path, buffer.length, options.maxBytes);
        }
        const content = buffer.toString(args.encoding ?? "utf8");
        return { path: target.relative, content, bytes: buffer.length };
      } finally {
        await handle.close();
      }
    },
  };
}
