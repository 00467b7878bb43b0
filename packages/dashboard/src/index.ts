// @skillflow/dashboard: where the built web app is, for a server to serve it (`skillflow serve`).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The folder of the built dashboard (index.html and assets/), or undefined when it was not built. */
export function dashboardDir(): string | undefined {
  const dir = fileURLToPath(new URL("./app/", import.meta.url));
  return existsSync(`${dir}index.html`) ? dir : undefined;
}
