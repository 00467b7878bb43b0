// The runtime's only window on time, randomness and waiting: injected so run logs are reproducible.

/** Clock, ids, randomness and sleep used by a run. The core never reads ambient time or randomness. */
export interface RuntimeServices {
  /** Milliseconds since the epoch. */
  now: () => number;
  /** A new run id (a UUID v4 by default). */
  newId: () => string;
  /**
   * Resolves after `ms` milliseconds, or as soon as `signal` aborts (it then resolves, never rejects).
   * Must honour durations beyond the platform timer limit.
   */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Resolves once the host's event loop has had a turn (a macrotask), so timers, I/O and an abort
   * such as Ctrl-C get through while a run makes many instantly settling calls. Not a wait: a
   * virtual clock does not advance.
   */
  yieldTurn: () => Promise<void>;
  /** [EXT §13.2] A uniformly random number in [0, 1): the source of `retry.jitter`. */
  random: () => number;
}
