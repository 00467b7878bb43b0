// Who holds a history file's write lock: read from the kernel's lock table (Linux), for messages only.
import { readFileSync, statSync } from "node:fs";

/** `major:minor:inode` as /proc/locks prints a file (device numbers in hex, glibc's dev_t split). */
function lockKey(file: string): string | undefined {
  try {
    const { dev, ino } = statSync(file, { bigint: true });
    const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
    const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
    return `${major.toString(16).padStart(2, "0")}:${minor.toString(16).padStart(2, "0")}:${ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Pids of other processes holding a write lock on the database or its WAL files. Best effort: empty
 * off Linux, when /proc/locks cannot be read, or when nobody is seen (the lock may be gone already).
 */
export function lockHolders(file: string): number[] {
  if (process.platform !== "linux") return [];
  const keys = new Set(
    [file, `${file}-shm`, `${file}-wal`].map(lockKey).filter((k) => k !== undefined),
  );
  if (keys.size === 0) return [];
  let table: string;
  try {
    table = readFileSync("/proc/locks", "utf8");
  } catch {
    return [];
  }
  const pids = new Set<number>();
  // e.g. "1: POSIX  ADVISORY  WRITE 4242 fe:00:2146379 120 120"
  for (const line of table.split("\n")) {
    const fields = line.trim().split(/\s+/);
    const [kind, pid, key] = [fields[3], Number(fields[4]), fields[5]];
    if (kind === "WRITE" && key !== undefined && keys.has(key) && pid > 0 && pid !== process.pid)
      pids.add(pid);
  }
  return [...pids].sort((a, b) => a - b);
}
