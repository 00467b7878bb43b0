// Seeded splits of case ids and sentences: the same seed gives the same halves on every machine.
import { mulberry32 } from "../stats/prng.js";

/** Two disjoint parts of a list, in the list's order. */
export interface Split<T> {
  /** What the proposer sees (shown cases, training sentences). */
  shown: T[];
  /** What decides whether a candidate is kept; never shown to the proposer. */
  heldOut: T[];
}

/** The items in a seeded Fisher–Yates order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Splits `items` with `seed`: `heldOutShare` of them (rounded, at least one when there are two or
 * more) are held out; both parts keep the input order so reports read naturally.
 */
export function seededSplit<T>(items: readonly T[], seed: number, heldOutShare: number): Split<T> {
  const size =
    items.length < 2
      ? 0
      : Math.min(items.length - 1, Math.max(1, Math.round(items.length * heldOutShare)));
  const held = new Set(
    shuffled(
      items.map((_, i) => i),
      seed,
    ).slice(0, size),
  );
  return {
    shown: items.filter((_, i) => !held.has(i)),
    heldOut: items.filter((_, i) => held.has(i)),
  };
}
