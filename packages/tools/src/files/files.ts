// createFileTools: file_read, file_write and file_list, confined to one root folder.
import type { ToolDefinition } from "../tool.js";
import { fileListTool } from "./list.js";
import { DEFAULT_MAX_FILE_BYTES, type FileToolsOptions } from "./options.js";
import { fileReadTool } from "./read.js";
import { fileWriteTool } from "./write.js";

/**
 * The three file tools, every path confined to `root`: relative paths are taken from it, absolute
 * paths must point inside it, and `..` or symlinks that lead outside are FORBIDDEN (checked with
 * realpath at each access, including the folder a new file goes into).
 */
export function createFileTools(options: FileToolsOptions): ToolDefinition[] {
  if (typeof options.root !== "string" || options.root === "") {
    throw new TypeError("createFileTools: root must be a non-empty path");
  }
  const resolved = { root: options.root, maxBytes: options.maxBytes ?? DEFAULT_MAX_FILE_BYTES };
  return [fileReadTool(resolved), fileWriteTool(resolved), fileListTool(resolved)];
}
