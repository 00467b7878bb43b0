// Times relative to now ("in 5 min", "3 h ago") for deadlines and fire times, beside the absolute time.

const UNITS: readonly [limit: number, size: number, unit: string][] = [
  [60_000, 1000, "s"],
  [3_600_000, 60_000, "min"],
  [86_400_000, 3_600_000, "h"],
  [Infinity, 86_400_000, "d"],
];

/** `in 5 min`, `3 h ago`, `now` (within a second); the ISO text itself when it is not a time. */
export function formatRelative(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const delta = at - now;
  const size = Math.abs(delta);
  if (size < 1000) return "now";
  const [, unitSize, unit] = UNITS.find(([limit]) => size < limit) ?? UNITS[UNITS.length - 1]!;
  const count = Math.floor(size / unitSize);
  return delta > 0 ? `in ${count} ${unit}` : `${count} ${unit} ago`;
}
