// A small file beside the service's state telling other commands that `skillflow serve` runs here
// (so `schedules trigger` can say whether the run starts now or at the next start).
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { isLoopbackHost } from "@skillflow/service";

/** What `serve` records while it runs. */
export interface ServeMarker {
  pid: number;
  url: string;
}

const markerFile = (stateFile: string) => `${stateFile}.serve.json`;

/** Records that this process serves `url` for `stateFile`. */
export async function writeServeMarker(stateFile: string, marker: ServeMarker): Promise<void> {
  await writeFile(markerFile(stateFile), `${JSON.stringify(marker)}\n`, { mode: 0o600 });
}

/**
 * Forgets the record (at shutdown) when it is this process's (`pid`): a second `serve` of the same
 * project wrote its own since, and still runs.
 */
export async function removeServeMarker(stateFile: string, pid = process.pid): Promise<void> {
  const text = await readFile(markerFile(stateFile), "utf8").catch(() => undefined);
  if (text === undefined) return;
  let owner: unknown;
  try {
    owner = (JSON.parse(text) as Partial<ServeMarker> | null)?.pid;
  } catch {
    owner = undefined;
  }
  if (owner === pid || owner === undefined) await rm(markerFile(stateFile), { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether `url` is where a serve of this machine answers: plain http on a loopback or unspecified
 * address. The marker sits in the project folder, so a repository could carry one; the user's token
 * is only ever sent to such an address, never to a host a file names.
 */
export function isLocalServeUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const local = isLoopbackHost(host) || host === "0.0.0.0" || host === "::";
  return parsed.protocol === "http:" && local && parsed.username === "" && parsed.password === "";
}

/**
 * The running `serve` of `stateFile`, if one is: a record whose process died, or whose address is
 * not on this machine (`isLocalServeUrl`), is ignored.
 */
export async function runningServe(stateFile: string): Promise<ServeMarker | undefined> {
  let text: string;
  try {
    // `serve` writes it readable by the user alone: one others may read came from elsewhere.
    const info = await stat(markerFile(stateFile));
    if (process.platform !== "win32" && (Number(info.mode) & 0o077) !== 0) return undefined;
    text = await readFile(markerFile(stateFile), "utf8");
  } catch {
    return undefined;
  }
  try {
    const marker = JSON.parse(text) as Partial<ServeMarker>;
    if (typeof marker.pid !== "number" || typeof marker.url !== "string") return undefined;
    if (!isLocalServeUrl(marker.url)) return undefined;
    return alive(marker.pid) ? { pid: marker.pid, url: marker.url } : undefined;
  } catch {
    return undefined;
  }
}
