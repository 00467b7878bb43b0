// file_list: lists a folder inside the root, optionally recursively, without following symlinks.
import type { Dirent } from "node:fs";
import { lstat, opendir } from "node:fs/promises";
import path from "node:path";
import { ToolError, type ToolDefinition } from "../tool.js";
import { hiddenPaths, isHidden, isProtectedName, resolveExisting } from "./_confine.js";
import type { FileToolsOptions } from "./options.js";

/** Arguments of `file_list`. */
export type FileListArgs = {
  path?: string;
  recursive?: boolean;
  maxEntries?: number;
};

/** One listed entry: its path relative to the root, its kind and its size in bytes (0 for folders). */
export interface FileEntry {
  path: string;
  type: "file" | "dir" | "symlink";
  size: number;
}

/** Result of `file_list`: entries in path order; `truncated` when `maxEntries` cut the listing. */
export interface FileListResult {
  entries: FileEntry[];
  truncated: boolean;
}

/** Default and largest `maxEntries`. */
const DEFAULT_MAX_ENTRIES = 1000;
const MAX_ENTRIES = 100_000;

const kindOf = (entry: Dirent): FileEntry["type"] | undefined =>
  entry.isSymbolicLink()
    ? "symlink"
    : entry.isDirectory()
      ? "dir"
      : entry.isFile()
        ? "file"
        : undefined;

async function sortedEntries(folder: string): Promise<Dirent[]> {
  const entries: Dirent[] = [];
  for await (const entry of await opendir(folder)) entries.push(entry);
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

interface Walk {
  recursive: boolean;
  max: number;
  signal: AbortSignal;
  out: FileEntry[];
  /** Real, lower-cased paths the host hides (`hiddenPaths`): left out of the listing. */
  hidden: readonly string[];
}

/**
 * Depth-first, in name order; stops once one entry more than `max` was seen. Symlinks are not
 * followed. `shown` is the folder's path as the caller named it, relative to the root.
 */
async function walk(folder: string, shown: string, w: Walk): Promise<void> {
  w.signal.throwIfAborted();
  for (const entry of await sortedEntries(folder)) {
    const type = kindOf(entry);
    if (type === undefined) continue; // sockets, FIFOs and devices are not listed
    if (isProtectedName(entry.name)) continue; // .git and friends stay hidden
    const absolute = path.join(folder, entry.name);
    if (isHidden(w.hidden, absolute)) continue;
    const size = type === "dir" ? 0 : (await lstat(absolute)).size;
    const entryPath = shown === "." ? entry.name : `${shown}/${entry.name}`;
    w.out.push({ path: entryPath, type, size });
    if (w.out.length > w.max) return;
    if (w.recursive && type === "dir") {
      await walk(absolute, entryPath, w);
      if (w.out.length > w.max) return;
    }
  }
}

/** The `file_list` tool. */
export function fileListTool(
  options: Required<FileToolsOptions>,
): ToolDefinition<FileListArgs, FileListResult> {
  return {
    name: "file_list",
    description:
      "Lists a folder inside the workspace (default: the root), optionally recursively. Symlinks are listed, not followed.",
    inputSchema: {
      type: "object",
      properties: {
        path: {
          type: "string",
          default: ".",
          description: "Folder relative to the workspace root",
        },
        recursive: { type: "boolean", default: false },
        maxEntries: {
          type: "integer",
          minimum: 1,
          maximum: MAX_ENTRIES,
          default: DEFAULT_MAX_ENTRIES,
        },
      },
      additionalProperties: false,
    },
    outputSchema: {
      type: "object",
      properties: {
        entries: {
          type: "array",
          items: {
            type: "object",
            properties: {
              path: { type: "string" },
              type: { enum: ["file", "dir", "symlink"] },
              size: { type: "integer" },
            },
            required: ["path", "type", "size"],
          },
        },
        truncated: { type: "boolean" },
      },
      required: ["entries", "truncated"],
    },
    run: async (args, context) => {
      context.signal.throwIfAborted();
      const input = args.path ?? ".";
      const folder = await resolveExisting(options.root, input, options.hidden);
      if (!(await lstat(folder.absolute)).isDirectory()) {
        throw new ToolError("INVALID_ARGUMENTS", `Path "${input}" is not a folder`);
      }
      const max = args.maxEntries ?? DEFAULT_MAX_ENTRIES;
      const out: FileEntry[] = [];
      await walk(folder.absolute, folder.relative, {
        recursive: args.recursive === true,
        max,
        signal: context.signal,
        out,
        hidden: await hiddenPaths(options.hidden),
      });
      const truncated = out.length > max;
      return { entries: truncated ? out.slice(0, max) : out, truncated };
    },
  };
}
