// The run view's waterfall layout: positions in percent of the run's span, overlap lanes, instant
// steps, steps without a start, open (running) steps, retry and iteration counts, axis ticks.
import { describe, expect, it } from "vitest";
import { formatDuration } from "../app/format";
import { axisTicks, layoutWaterfall, type WaterfallStep } from "../app/waterfall";

const T0 = Date.parse("2026-12-06T10:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();
const step = (
  id: string,
  start: number | undefined,
  duration?: number,
  over: Partial<WaterfallStep> = {},
): WaterfallStep => ({
  id,
  status: "success",
  ...(start !== undefined ? { started_at: at(start) } : {}),
  ...(duration !== undefined ? { duration_ms: duration } : {}),
  ...over,
});
const run = { runStart: at(0), runEnd: at(1000), now: T0 + 5000 };

describe("layoutWaterfall", () => {
  it("places bars in percent of the run's span", () => {
    const w = layoutWaterfall([step("a", 0, 250), step("b", 250, 500), step("c", 750, 250)], run);
    expect(w.spanMs).toBe(1000);
    expect(w.start).toBe(at(0));
    expect(w.bars.map((b) => [b.id, b.left, b.width, b.offsetMs, b.durationMs])).toEqual([
      ["a", 0, 25, 0, 250],
      ["b", 25, 50, 250, 500],
      ["c", 75, 25, 750, 250],
    ]);
    expect(w.bars.map((b) => b.lane)).toEqual([0, 0, 0]);
    expect(w.lanes).toBe(1);
  });

  it("puts steps that ran at the same time in different lanes and reuses freed lanes", () => {
    const w = layoutWaterfall(
      [
        step("a", 0, 600),
        step("b", 100, 200),
        step("c", 200, 300),
        step("d", 300, 100),
        step("e", 600, 100),
      ],
      run,
    );
    expect(Object.fromEntries(w.bars.map((b) => [b.id, b.lane]))).toEqual({
      a: 0,
      b: 1,
      c: 2,
      d: 1,
      e: 0,
    });
    expect(w.lanes).toBe(3);
  });

  it("sorts bars by start and keeps record order for equal starts", () => {
    const w = layoutWaterfall([step("late", 500, 100), step("x", 0, 100), step("y", 0, 100)], run);
    expect(w.bars.map((b) => b.id)).toEqual(["x", "y", "late"]);
    expect(w.bars.map((b) => b.lane)).toEqual([0, 1, 0]);
  });

  it("gives an instant step the minimum width and keeps it inside the axis", () => {
    const w = layoutWaterfall([step("zero", 400, 0), step("end", 1000, 0)], {
      ...run,
      minWidth: 1,
    });
    expect(w.bars[0]).toMatchObject({ id: "zero", left: 40, width: 1, durationMs: 0 });
    expect(w.bars[1]).toMatchObject({ id: "end", left: 99, width: 1 });
    // Two instants at the same moment still overlap.
    const same = layoutWaterfall([step("p", 400, 0), step("q", 400, 0)], run);
    expect(same.bars.map((b) => b.lane)).toEqual([0, 1]);
  });

  it("lists steps without a start as unstarted, with their status", () => {
    const w = layoutWaterfall(
      [
        step("a", 0, 1000),
        step("skip", undefined, 0, { status: "skipped" }),
        step("bad", undefined, undefined, { started_at: "not a date" }),
      ],
      run,
    );
    expect(w.bars.map((b) => b.id)).toEqual(["a"]);
    expect(w.unstarted).toEqual([
      { id: "skip", status: "skipped" },
      { id: "bad", status: "success" },
    ]);
  });

  it("draws a running step up to now and stretches an unfinished run's span to now", () => {
    const w = layoutWaterfall(
      [step("a", 0, 1000), step("live", 1000, undefined, { status: "running" })],
      {
        runStart: at(0),
        now: T0 + 4000,
      },
    );
    expect(w.spanMs).toBe(4000);
    expect(w.bars[1]).toMatchObject({
      id: "live",
      open: true,
      left: 25,
      width: 75,
      durationMs: 3000,
    });
    expect(w.bars[0]).toMatchObject({ open: false, width: 25 });
  });

  it("starts the span at a step that started before the run (clock skew) and ends at the last step", () => {
    const w = layoutWaterfall([step("early", -1000, 500), step("long", 0, 2000)], run);
    expect(w.spanMs).toBe(3000);
    expect(w.start).toBe(at(-1000));
    expect(w.bars.map((b) => [b.left, b.width])).toEqual([
      [0, 16.667],
      [33.333, 66.667],
    ]);
  });

  it("handles a run with a zero-length span and one with no steps", () => {
    const w = layoutWaterfall([step("a", 0, 0)], { runStart: at(0), runEnd: at(0), now: T0 });
    expect(w.spanMs).toBe(0);
    expect(w.bars[0]).toMatchObject({ left: 0, width: 100 });
    const empty = layoutWaterfall([], run);
    expect(empty).toMatchObject({ bars: [], unstarted: [], lanes: 0, spanMs: 1000 });
  });

  it("counts retries beyond the first attempt and each iterations", () => {
    const w = layoutWaterfall(
      [
        step("r", 0, 100, { retries: { attempts: 3 } }),
        step("e", 100, 100, { iterations: 12 }),
        step("p", 200, 100),
      ],
      run,
    );
    expect(w.bars.map((b) => [b.retries, b.iterations])).toEqual([
      [2, 0],
      [0, 12],
      [0, 0],
    ]);
  });

  it("puts axis ticks at round durations over the span", () => {
    const w = layoutWaterfall([step("a", 0, 1000)], { ...run, intervals: 2 });
    expect(w.ticks).toEqual([
      { at: 0, offsetMs: 0 },
      { at: 50, offsetMs: 500 },
      { at: 100, offsetMs: 1000 },
    ]);
    expect(axisTicks(1300, 4)).toEqual([
      { at: 0, offsetMs: 0 },
      { at: 38.462, offsetMs: 500 },
      { at: 76.923, offsetMs: 1000 },
    ]);
    expect(axisTicks(0, 4)).toEqual([{ at: 0, offsetMs: 0 }]);
  });

  it.each([1, 2, 3, 7, 999, 1001, 9_999, 59_999, 61_000, 3_599_999, 3_700_000, 90_000_000, 5e8])(
    "never shows two ticks with the same label on a %i ms span",
    (span) => {
      const labels = axisTicks(span, 4).map((t) => formatDuration(t.offsetMs));
      expect(new Set(labels).size).toBe(labels.length);
      expect(labels.length).toBeGreaterThanOrEqual(1);
      expect(labels.length).toBeLessThanOrEqual(5);
    },
  );
});
