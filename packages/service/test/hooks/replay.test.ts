// The in-memory replay guard: remembers within the window, forgets after it, stays bounded.
import { expect, it } from "vitest";
import { createMemoryReplayGuard } from "../../src/hooks/index.js";

it("answers false for an id seen before it expires and true after", () => {
  const guard = createMemoryReplayGuard();
  expect(guard.remember("a", 100, 0)).toBe(true);
  expect(guard.remember("a", 150, 50)).toBe(false);
  expect(guard.remember("a", 200, 100)).toBe(true);
});

it("forgets the oldest ids beyond maxEntries", () => {
  const guard = createMemoryReplayGuard({ maxEntries: 2 });
  expect(guard.remember("a", 1000, 0)).toBe(true);
  expect(guard.remember("b", 1000, 0)).toBe(true);
  expect(guard.remember("c", 1000, 0)).toBe(true);
  expect(guard.remember("c", 1000, 1)).toBe(false);
  expect(guard.remember("b", 1000, 1)).toBe(false);
  expect(guard.remember("a", 1000, 1)).toBe(true);
});

it("refuses a maxEntries that is not a positive integer", () => {
  expect(() => createMemoryReplayGuard({ maxEntries: 0 })).toThrow(RangeError);
});
