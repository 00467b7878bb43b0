// How deeply a JSON value nests, measured without recursion (so a hostile value cannot overflow it).

/** The deepest nesting inputs and approval responses may have (far beyond any real document). */
export const MAX_VALUE_DEPTH = 64;

/** True when `value` nests arrays or objects more than `limit` levels deep. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== "object" || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}
