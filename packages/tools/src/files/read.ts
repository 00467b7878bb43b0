// file_read and file_read_json: read one file inside the root (text, base64 or parsed JSON), up to a size cap.
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { ToolError, type ToolDefinition } from "../tool.js";
import { resolveExisting } from "./_confine.js";
import { findJsonSyntaxError } from "./_json-error.js";
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

/** Result of `file_read_json`: the path relative to the root, the parsed value and the file size. */
export interface FileReadJsonResult {
  path: string;
  data: unknown;
  bytes: number;
}

/** Reads a regular file inside the root, refusing links swapped in, FIFOs and files over the cap. */
async function readConfined(
  options: Required<FileToolsOptions>,
  input: string,
  signal: AbortSignal,
): Promise<{ relative: string; buffer: Buffer }> {
  signal.throwIfAborted();
  const target = await resolveExisting(options.root, input, options.hidden);
  // O_NOFOLLOW: the real path has no symlink left; one swapped in since is refused, not followed.
  // O_NONBLOCK: opening a FIFO must not wait for a writer; such files are refused below.
  const flags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
  const handle = await open(target.absolute, flags);
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      throw new ToolError("INVALID_ARGUMENTS", `Path "${input}" is a directory`);
    }
    if (!stats.isFile()) {
      throw new ToolError("INVALID_ARGUMENTS", `Path "${input}" is not a regular file`);
    }
    if (stats.size > options.maxBytes) throw tooLarge(input, stats.size, options.maxBytes);
    const buffer = await handle.readFile({ signal });
    // The file may have grown since `stat`.
    if (buffer.length > options.maxBytes) throw tooLarge(input, buffer.length, options.maxBytes);
    return { relative: target.relative, buffer };
  } finally {
    await handle.close();
  }
}

const PATH_SCHEMA = {
  type: "string",
  minLength: 1,
  description: "Path relative to the workspace root",
} as const;

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
        path: PATH_SCHEMA,
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
      const { relative, buffer } = await readConfined(options, args.path, context.signal);
      const content = buffer.toString(args.encoding ?? "utf8");
      return { path: relative, content, bytes: buffer.length };
    },
  };
}

/** The `file_read_json` tool: a JSON file's parsed value; a syntax error names its line and column. */
export function fileReadJsonTool(
  options: Required<FileToolsOptions>,
): ToolDefinition<{ path: string }, FileReadJsonResult> {
  return {
    name: "file_read_json",
    description:
      "Reads a JSON file inside the workspace and returns its parsed value as `data`; invalid JSON fails with the line and column.",
    inputSchema: {
      type: "object",
      properties: { path: PATH_SCHEMA },
      required: ["path"],
      additionalProperties: false,
    },
    outputSchema: {
      type: "object",
      properties: { path: { type: "string" }, data: {}, bytes: { type: "integer" } },
      required: ["path", "data", "bytes"],
    },
    run: async (args, context) => {
      const { relative, buffer } = await readConfined(options, args.path, context.signal);
      // A byte order mark is not JSON but editors write one; it is skipped like Node's `require` does.
      const text = buffer.toString("utf8").replace(/^\uFEFF/, "");
      try {
        return { path: relative, data: JSON.parse(text) as unknown, bytes: buffer.length };
      } catch {
        // V8's message may quote the file; ours names the place instead.
        const found = findJsonSyntaxError(text);
        const where = found ? `${relative}:${found.line}:${found.column}` : relative;
        const why = found ? `: ${found.message}` : "";
        throw new ToolError("INVALID_ARGUMENTS", `${where}: not valid JSON${why}`);
      }
    },
  };
}
