// Showing and editing a run's values (pretty JSON, clipping, the truncation marker, the rerun form's
// inputs) and comparing two runs (inputs, outputs, per-step status, duration and output).
import { describe, expect, it } from "vitest";
import { compareRuns, diffSteps, diffValues } from "../app/compare";
import type { RunDetail, StoredStep } from "../app/run-detail";
import { canonicalJson, clipText, isTruncated, parseInputs, prettyValue } from "../app/values";

describe("run values", () => {
  it("pretty-prints JSON, keeps strings (and [REDACTED]) as they are, names the truncation marker", () => {
    expect(prettyValue({ a: [1, 2] })).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(prettyValue("[REDACTED]")).toBe("[REDACTED]");
    expect(prettyValue("<b>x</b>")).toBe("<b>x</b>");
    expect(prettyValue({ token: "[REDACTED]" })).toContain('"[REDACTED]"');
    expect(prettyValue(undefined)).toBe("—");
    expect(prettyValue(null)).toBe("null");
    expect(isTruncated({ $truncated: true, bytes: 90000 })).toBe(true);
    expect(isTruncated({ $truncated: "yes", bytes: 1 })).toBe(false);
    expect(prettyValue({ $truncated: true, bytes: 90000 })).toContain("90000 bytes");
  });

  it("clips long text by lines and by characters and says what was left out", () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i}`).join("\n");
    const byLines = clipText(text, 10, 10_000);
    expect(byLines.clipped).toBe(true);
    expect(byLines.text.split("\n")).toHaveLength(10);
    expect(byLines.hiddenLines).toBe(40);
    expect(byLines.hiddenChars).toBe(text.length - byLines.text.length);
    const byChars = clipText("x".repeat(5000), 20, 100);
    expect(byChars).toMatchObject({ clipped: true, hiddenLines: 0, hiddenChars: 4900 });
    expect(byChars.text).toHaveLength(100);
    expect(clipText("short")).toEqual({
      text: "short",
      clipped: false,
      hiddenLines: 0,
      hiddenChars: 0,
    });
  });

  it("accepts only a JSON object as edited inputs", () => {
    expect(parseInputs('{"url": "https://x"}')).toEqual({ ok: true, inputs: { url: "https://x" } });
    expect(parseInputs("{url: 1}")).toMatchObject({ ok: false, code: "INVALID_JSON" });
    expect(parseInputs("")).toMatchObject({ ok: false, code: "INVALID_JSON" });
    for (const text of ["[1]", "null", "3", '"s"'])
      expect(parseInputs(text)).toMatchObject({ ok: false, code: "NOT_AN_OBJECT" });
  });

  it("compares values regardless of key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(
      canonicalJson({ a: { c: 3, d: 2 }, b: 1 }),
    );
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson(undefined)).not.toBe(canonicalJson(null));
  });
});

const step = (id: string, over: Partial<StoredStep> = {}): StoredStep => ({
  id,
  status: "success",
  duration_ms: 100,
  output: { n: 1 },
  ...over,
});
const detail = (over: Partial<RunDetail> = {}): RunDetail => ({
  id: "a",
  workflow: "digest",
  status: "success",
  startedAt: "2026-12-06T10:00:00.000Z",
  stepsExecuted: 2,
  stepsSkipped: 0,
  trigger: { kind: "manual" },
  inputs: { url: "https://a", depth: 1 },
  outputs: { summary: "x" },
  steps: [step("fetch"), step("sum")],
  ...over,
});

describe("compare runs", () => {
  it("diffs inputs: changed, same, only in one run (an undefined value is not a missing one)", () => {
    const diffs = diffValues(
      { url: "a", depth: 1, gone: true },
      { depth: 1, url: "b", extra: undefined },
    );
    expect(diffs.map((d) => [d.key, d.changed, d.inA, d.inB])).toEqual([
      ["url", true, true, true],
      ["depth", false, true, true],
      ["gone", true, true, false],
      ["extra", true, false, true],
    ]);
    expect(diffValues(undefined, undefined)).toEqual([]);
  });

  it("marks values with [REDACTED] in them on either side: equal stored text says nothing of secrets", () => {
    const diffs = diffValues(
      { token: "[REDACTED]", headers: { auth: "Bearer [REDACTED]" }, plain: "no secret" },
      { token: "[REDACTED]", headers: { auth: "Bearer x" }, plain: "no secret" },
    );
    expect(diffs.map((d) => [d.key, d.changed, d.redacted])).toEqual([
      ["token", false, true],
      ["headers", true, true],
      ["plain", false, false],
    ]);
  });

  it("diffs steps by id: status, output and duration; steps only one run has", () => {
    const diffs = diffSteps(
      [
        step("fetch"),
        step("sum", { status: "failed", error: "boom", output: undefined }),
        step("old"),
      ],
      [
        step("fetch", { duration_ms: 250, output: { n: 1 } }),
        step("sum", { output: { n: 2 } }),
        step("new"),
      ],
    );
    expect(diffs.map((d) => [d.id, d.statusChanged, d.outputChanged, d.durationDeltaMs])).toEqual([
      ["fetch", false, false, 150],
      ["sum", true, true, 0],
      ["old", true, true, undefined],
      ["new", true, true, undefined],
    ]);
    const secret = diffSteps(
      [step("s", { output: "key [REDACTED]" })],
      [step("s", { output: "key [REDACTED]" })],
    );
    expect(secret.map((d) => [d.outputChanged, d.redacted])).toEqual([[false, true]]);
    expect(diffs.map((d) => d.redacted)).toEqual([false, false, false, false]);
    expect(diffs[1]!.a).toEqual({
      status: "failed",
      durationMs: 100,
      output: undefined,
      error: "boom",
    });
    expect(diffs[2]!.b).toBeUndefined();
    expect(diffs[3]!.a).toBeUndefined();
  });

  it("has no duration delta when a step has no duration (running or skipped)", () => {
    const [d] = diffSteps([{ id: "s", status: "running" }], [step("s")]);
    expect(d!.durationDeltaMs).toBeUndefined();
    expect(d!.statusChanged).toBe(true);
  });

  it("sums the changes and tells whether the workflow is the same", () => {
    const same = compareRuns(detail(), detail({ id: "b" }));
    expect(same).toMatchObject({
      sameWorkflow: true,
      changes: { inputs: 0, outputs: 0, steps: 0 },
    });
    const other = compareRuns(
      detail(),
      detail({
        id: "b",
        workflow: "other",
        inputs: { url: "https://b", depth: 1 },
        outputs: {},
        steps: [step("fetch", { output: 2 })],
      }),
    );
    expect(other).toMatchObject({
      sameWorkflow: false,
      changes: { inputs: 1, outputs: 1, steps: 2 },
    });
  });
});
