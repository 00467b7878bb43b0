// Where the service's API token lives: `service-token` in the user's config folder.
import path from "node:path";
import type { CommandContext } from "../command.js";
import { userConfigDir } from "../config-files.js";
import { CliError } from "../errors.js";

/** The token file in the user's config folder. */
export function tokenFile(context: CommandContext): string {
  const folder = userConfigDir(context.io);
  if (folder === undefined)
    throw new CliError(
      "INVALID_CONFIG",
      "no user config folder is known for the API token (set HOME or SKILLFLOW_CONFIG_HOME)",
    );
  return path.join(folder, "service-token");
}
