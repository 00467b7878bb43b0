// Gives the host's event loop a turn during long runs of instantly settling work (Ctrl-C must land).
import type { RunState } from "./state.js";

/**
 * Units of work (steps and iterations started) between two turns. Awaiting a tool that settles at
 * once only queues microtasks, which never let timers, I/O or signal handlers run; a turn every few
 * hundred units costs a few microseconds and keeps the process responsive.
 */
export const WORK_PER_TURN = 256;

/**
 * Counts one unit of work and, every `WORK_PER_TURN` units, returns the promise of a turn of the
 * event loop to await (undefined otherwise, so the hot path allocates nothing).
 */
export function pace(state: RunState): Promise<void> | undefined {
  state.work++;
  return state.work % WORK_PER_TURN === 0 ? state.services.yieldTurn() : undefined;
}
