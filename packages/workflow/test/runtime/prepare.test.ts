// Unit tests of the content cache (parse once per text, bounded LRU) and per-mode memoised analyses.
import { beforeEach, describe, expect, it } from "vitest";
import { MockToolAdapter } from "../../src/adapters/mock.js";
import { clearWorkflowCache, prepareContent } from "../../src/runtime/prepare.js";

const MiB = 1024 * 1024;
const MAX_ENTRIES = 128;

/** A small valid bare-YAML document, distinct per `n`. */
const doc = (n: number): string => `steps:\n  - id: s${n}\n    type: exit\n    status: success\n`;

/** A valid SKILL.md document of exactly `length` characters (prose padding after the block). */
function sized(length: number): string {
  const head = "---\nname: big\ndescription: d\n---\n\n```workflow\n" + doc(0) + "```\n\n";
  return head + "x".repeat(length - head.length);
}

beforeEach(() => {
  clearWorkflowCache();
});

describe("prepareContent cache", () => {
  it("returns the same prepared object for the same text", () => {
    const first = prepareContent(doc(1));
    expect(first.ok).toBe(true);
    expect(prepareContent(doc(1))).toBe(first);
    expect(prepareContent(doc(1)).prepared).toBe(first.prepared);
    expect(prepareContent(doc(2))).not.toBe(first);
  });

  it("caches failed parses too", () => {
    const failed = prepareContent("   ");
    expect(failed.ok).toBe(false);
    expect(prepareContent("   ")).toBe(failed);
  });

  it("clearWorkflowCache drops every entry", () => {
    const first = prepareContent(doc(1));
    clearWorkflowCache();
    const again = prepareContent(doc(1));
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it("does not cache documents over 1 MiB (a document of exactly 1 MiB is cached)", () => {
    const limit = sized(MiB);
    expect(limit).toHaveLength(MiB);
    const atLimit = prepareContent(limit);
    expect(atLimit.ok).toBe(true);
    expect(prepareContent(limit)).toBe(atLimit);
    const over = sized(MiB + 1);
    const first = prepareContent(over);
    expect(first.ok).toBe(true);
    expect(prepareContent(over)).not.toBe(first);
  });

  it("keeps at most 128 entries, evicting the least recently used", () => {
    const entries = Array.from({ length: MAX_ENTRIES }, (_, n) => prepareContent(doc(n)));
    expect(prepareContent(doc(0))).toBe(entries[0]);
    prepareContent(doc(MAX_ENTRIES));
    expect(prepareContent(doc(0))).toBe(entries[0]);
    expect(prepareContent(doc(2))).toBe(entries[2]);
    expect(prepareContent(doc(1))).not.toBe(entries[1]);
  });
});

describe("PreparedWorkflow.validate", () => {
  it("memoises the diagnostics and plan per type-check mode", () => {
    const { prepared } = prepareContent(doc(1));
    const on = prepared!.validate("on", undefined);
    expect(on.plan).toBeDefined();
    expect(on.diagnostics).toEqual([]);
    expect(prepared!.validate("on", undefined)).toBe(on);
    const off = prepared!.validate("off", undefined);
    expect(off).not.toBe(on);
    expect(off.plan).not.toBe(on.plan);
    expect(prepared!.validate("off", undefined)).toBe(off);
  });

  it("reuses the plan with an adapter that has every tool, and drops it when one is missing", () => {
    const { prepared } = prepareContent("steps:\n  - { id: a, type: tool, tool: t }\n");
    const plain = prepared!.validate("on", undefined);
    const adapter = new MockToolAdapter().register("t", () => ({ output: null }));
    expect(prepared!.validate("on", adapter).plan).toBe(plain.plan);
    const missing = prepared!.validate("on", new MockToolAdapter());
    expect(missing.plan).toBeUndefined();
    expect(missing.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["UNKNOWN_TOOL", ["steps", 0, "tool"]],
    ]);
  });

  it("has no plan when validation fails", () => {
    const { prepared } = prepareContent(
      "steps:\n  - { id: a, type: exit, status: success, delay: 1s }\n",
    );
    const analysis = prepared!.validate("on", undefined);
    expect(analysis.plan).toBeUndefined();
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(["DELAY_WITHOUT_EACH"]);
  });
});
