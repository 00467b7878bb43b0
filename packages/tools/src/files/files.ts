// createFileTools: file_read, file_read_json, file_write and file_list, confined to one root folder.
import { ToolError, type ToolDefinition, type ToolErrorCode } from "../tool.js";
import { fileListTool } from "./list.js";
import { DEFAULT_MAX_FILE_BYTES, type FileToolsOptions } from "./options.js";
import { fileReadJsonTool, fileReadTool } from "./read.js";
import { fileWriteTool } from "./write.js";

/**
 * The four file tools, every path confined to `root`: relative paths are taken from it, absolute
 * paths must point inside it, and `..` or symlinks that lead outside are FORBIDDEN (checked with
 * realpath at each access, including the folder a new file goes into).
 */
export function createFileTools(options: FileToolsOptions): ToolDefinition[] {
  if (typeof options.root !== "string" || options.root === "") {
    throw new TypeError("createFileTools: root must be a non-empty path");
  }
  const resolved = {
    root: options.root,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_FILE_BYTES,
    hidden: [...(options.hidden ?? [])],
  };
  return [
    fileReadTool(resolved),
    fileReadJsonTool(resolved),
    fileWriteTool(resolved),
    fileListTool(resolved),
  ].map(withFsErrors);
}

const FS_ERRORS: Readonly<Record<string, [ToolErrorCode, string]>> = {
  ENOTDIR: ["INVALID_ARGUMENTS", "goes through something that is not a folder"],
  EISDIR: ["INVALID_ARGUMENTS", "is a folder"],
  EACCES: ["FORBIDDEN", "is not accessible (permission denied)"],
  EPERM: ["FORBIDDEN", "is not accessible (operation not permitted)"],
  ENAMETOOLONG: ["INVALID_ARGUMENTS", "is too long"],
  ELOOP: ["FORBIDDEN", "goes through too many symlinks"],
  ENOSPC: ["EXECUTION", "could not be written: no space left"],
  EROFS: ["FORBIDDEN", "is on a read-only file system"],
};

/**
 * Filesystem errors become ToolErrors about the caller's path: Node's own messages would show the
 * host's absolute paths, and none of these failures gets better by retrying.
 */
function withFsErrors(tool: ToolDefinition<never, unknown>): ToolDefinition<never, unknown> {
  return {
    ...tool,
    async run(args, context) {
      try {
        return await tool.run(args, context);
      } catch (error) {
        if (error instanceof ToolError || !(error instanceof Error)) throw error;
        const shown = (args as { path?: unknown }).path;
        const path = typeof shown === "string" ? shown : ".";
        const code = (error as NodeJS.ErrnoException).code ?? "";
        const [kind, why] = FS_ERRORS[code] ?? [
          "EXECUTION",
          `could not be accessed (${code || "error"})`,
        ];
        throw new ToolError(kind, `Path "${path}" ${why}`);
      }
    },
  };
}
