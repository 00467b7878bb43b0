// Replay protection for webhook deliveries: a guard remembers delivery ids within the replay window.

/** Remembers delivery ids; an embedded (memory) and a distributed (Redis SET NX PX) guard fit it. */
export interface ReplayGuard {
  /**
   * Records `id` until `expiresAt` (epoch ms) and answers `true`, or answers `false` when the id
   * is already remembered and not expired (a replay). Atomic per id.
   */
  remember(id: string, expiresAt: number, now: number): boolean | Promise<boolean>;
}

/** Options of `createMemoryReplayGuard`. */
export interface MemoryReplayGuardOptions {
  /** How many ids are kept at most; the oldest are forgotten first (default 10,000). */
  maxEntries?: number;
}

/**
 * An in-process guard with bounded memory: expired ids are dropped as new ones arrive and, past
 * `maxEntries`, the oldest ids are forgotten (a replay older than that many deliveries is then
 * refused only by the timestamp check).
 */
export function createMemoryReplayGuard(options: MemoryReplayGuardOptions = {}): ReplayGuard {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${String(maxEntries)}`);
  }
  // A Map iterates in insertion order, so its first entries are the oldest.
  const seen = new Map<string, number>();
  const prune = (now: number): void => {
    for (const [id, expiresAt] of seen) {
      if (expiresAt > now && seen.size < maxEntries) break;
      seen.delete(id);
    }
  };
  return {
    remember(id, expiresAt, now) {
      const known = seen.get(id);
      if (known !== undefined && known > now) return false;
      seen.delete(id);
      prune(now);
      seen.set(id, expiresAt);
      return true;
    },
  };
}
