// Ends a command's whole process tree, including children that left its process group (setsid, double fork).
// Kept identical in packages/tools/src/shell/ and packages/skills/src/activate/ (a test compares them).
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

/** The variable every process of one tree inherits; its value is unique to the tree. */
export const TREE_VARIABLE = "SKILLFLOW_PROCESS_TREE";

/** A process tree: the pid of the process started detached (it leads a group) and its marker. */
export interface ProcessTree {
  pid: number | undefined;
  marker: string;
}

/** A fresh marker, to put into the environment as `TREE_VARIABLE` when spawning the tree's root. */
export function newTreeMarker(): string {
  return randomUUID();
}

function kill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone, or not ours.
  }
}

interface Entry {
  pid: number;
  ppid: number;
}

/** Every process visible in /proc with its parent; zombies are left out (they hold nothing). */
function processTable(): Entry[] {
  const entries: Entry[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "latin1");
      // `pid (comm) state ppid …`; comm may hold spaces and parentheses, so read after the last `)`.
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state !== "Z") entries.push({ pid: Number(name), ppid: Number(ppid) });
    } catch {
      // The process ended while listing.
    }
  }
  return entries;
}

function carriesMarker(pid: number, needle: Buffer): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`).includes(needle);
  } catch {
    return false; // another user's process, or gone
  }
}

/** The root (while it runs), processes carrying the marker, and all their descendants. */
function members(tree: ProcessTree, rootAlive: boolean): Set<number> {
  const needle = Buffer.from(`${TREE_VARIABLE}=${tree.marker}\0`);
  const table = processTable();
  const found = new Set<number>();
  for (const { pid } of table) {
    if (rootAlive && pid === tree.pid) found.add(pid);
    else if (pid !== process.pid && carriesMarker(pid, needle)) found.add(pid);
  }
  // Descendants that cleared their environment are still children of a member while it lives.
  for (let grew = true; grew;) {
    grew = false;
    for (const { pid, ppid } of table) {
      if (found.has(ppid) && !found.has(pid) && pid !== process.pid) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return found;
}

const ROUNDS = 10;

/**
 * SIGKILLs the tree: the root's process group, then (on Linux) every process whose environment
 * carries the tree's marker and every descendant of those, with their own groups, in rounds until
 * none is left (a process forking meanwhile is caught by the next round). `rootAlive` says whether
 * the root still runs (timeout, abort): once it was reaped its pid may belong to someone else.
 * Elsewhere than Linux only the group is killed: a child that started its own session survives.
 * A process that both clears its environment and leaves the session is out of reach either way.
 */
export function killTree(tree: ProcessTree, rootAlive: boolean): void {
  if (tree.pid !== undefined) kill(-tree.pid);
  if (process.platform !== "linux") return;
  let alive = rootAlive;
  for (let round = 0; round < ROUNDS; round++) {
    let found: Set<number>;
    try {
      found = members(tree, alive);
    } catch {
      return; // no /proc
    }
    if (found.size === 0) return;
    alive = false; // killed now; its pid is not looked for again
    for (const pid of found) {
      kill(-pid);
      kill(pid);
    }
  }
}
