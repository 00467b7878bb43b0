// Test helper: waiting for a process to be gone, as the process-tree tests need.
import { readFile } from "node:fs/promises";

/** Whether `pid` is gone (or a zombie awaiting its reaper) within `ms`. */
export async function diesWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      process.kill(pid, 0);
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
      if (/^\d+ \(.*\) Z/.test(stat)) return true;
    } catch {
      return true;
    }
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
