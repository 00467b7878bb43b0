// The run view's waterfall as data: each step's bar in percent of the run's span, the lanes that
// show which steps overlapped, the axis ticks, and the steps that never started (listed as skipped).
import type { StepStatus } from "./run-detail";

/** What the layout needs of a step. */
export interface WaterfallStep {
  id: string;
  status: StepStatus;
  started_at?: string;
  duration_ms?: number;
  iterations?: number;
  retries?: { attempts: number };
}

/** One step's bar. */
export interface WaterfallBar {
  id: string;
  status: StepStatus;
  /** Start, in percent of the span from its left edge (0..100). */
  left: number;
  /** Width in percent of the span (at least `minWidth`, so an instant step stays visible). */
  width: number;
  /** Milliseconds from the span's start to the step's start. */
  offsetMs: number;
  /** The step's duration; for a running step, the time so far. */
  durationMs: number;
  /** The lowest lane free at its start: steps that ran at the same time get different lanes. */
  lane: number;
  /** Still running (no duration yet): the bar reaches `now`. */
  open: boolean;
  /** Attempts beyond the first (0 without retries). */
  retries: number;
  /** `each` iterations (0 for a plain step). */
  iterations: number;
}

/** The whole layout. */
export interface Waterfall {
  /** ISO start of the span (the run's start, or its first step's when earlier). */
  start: string;
  spanMs: number;
  /** Bars in start order (ties keep the record order). */
  bars: WaterfallBar[];
  /** Steps without a start: skipped, or not reached. */
  unstarted: { id: string; status: StepStatus }[];
  /** How many lanes the bars use (the most steps at once). */
  lanes: number;
  /** Axis ticks: position in percent and the offset in ms. */
  ticks: { at: number; offsetMs: number }[];
}

/** Inputs of the layout besides the steps. */
export interface WaterfallOptions {
  /** The run's start (ISO). */
  runStart: string;
  /** The run's end (ISO); absent while it runs. */
  runEnd?: string;
  /** Epoch ms for open bars and an unfinished run. */
  now: number;
  /** Smallest bar width in percent (default 0.5). */
  minWidth?: number;
  /** Most axis intervals (default 4: at most five ticks, at round durations). */
  intervals?: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Round tick steps: each is at least as coarse as what `formatDuration` shows at its size. */
const STEPS = [
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500],
  ...[1, 2, 5, 10, 15, 30].map((n) => n * SECOND),
  ...[1, 2, 5, 10, 15, 30].map((n) => n * MINUTE),
  ...[1, 2, 3, 6, 12, 24].map((n) => n * HOUR),
];

/**
 * Ticks at multiples of the smallest round step that needs at most `intervals` intervals over
 * `spanMs`, so that no two show the same label (`0 ms, 0 ms, 1 ms` on a 2 ms run).
 */
export function axisTicks(spanMs: number, intervals: number): { at: number; offsetMs: number }[] {
  if (!(spanMs > 0)) return [{ at: 0, offsetMs: 0 }];
  const wanted = spanMs / intervals;
  const step = STEPS.find((s) => s >= wanted) ?? Math.ceil(wanted / (24 * HOUR)) * 24 * HOUR;
  const ticks: { at: number; offsetMs: number }[] = [];
  for (let offsetMs = 0; offsetMs <= spanMs; offsetMs += step)
    ticks.push({ at: round((offsetMs * 100) / spanMs), offsetMs });
  return ticks;
}

function timeOf(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

interface Timed {
  step: WaterfallStep;
  start: number;
  end: number;
  open: boolean;
}

function timed(
  steps: readonly WaterfallStep[],
  now: number,
): { on: Timed[]; off: WaterfallStep[] } {
  const on: Timed[] = [];
  const off: WaterfallStep[] = [];
  for (const step of steps) {
    const start = timeOf(step.started_at);
    if (start === undefined) off.push(step);
    else {
      const open = step.duration_ms === undefined;
      const end = open ? Math.max(start, now) : start + Math.max(0, step.duration_ms ?? 0);
      on.push({ step, start, end, open });
    }
  }
  // A stable sort keeps the record order for steps that started at the same moment.
  return { on: on.sort((a, b) => a.start - b.start), off };
}

/**
 * Gives each timed step the lowest lane whose last step ended by its start. A lane whose last step
 * was instant stays taken at that instant: its minimum-width bar would overlap the next one.
 */
function lanesOf(on: readonly Timed[]): number[] {
  const lanes: { end: number; instant: boolean }[] = [];
  return on.map(({ start, end }) => {
    let lane = lanes.findIndex((l) => l.end < start || (l.end === start && !l.instant));
    if (lane === -1) lane = lanes.length;
    lanes[lane] = { end, instant: end === start };
    return lane;
  });
}

/** Lays out a run's steps on its time axis. */
export function layoutWaterfall(
  steps: readonly WaterfallStep[],
  options: WaterfallOptions,
): Waterfall {
  const minWidth = options.minWidth ?? 0.5;
  const { on, off } = timed(steps, options.now);
  const runStart = timeOf(options.runStart) ?? on[0]?.start ?? options.now;
  const spanStart = Math.min(runStart, ...on.map((t) => t.start));
  const runEnd = timeOf(options.runEnd) ?? options.now;
  const spanEnd = Math.max(runEnd, spanStart, ...on.map((t) => t.end));
  const spanMs = spanEnd - spanStart;
  const scale = spanMs > 0 ? 100 / spanMs : 0;
  const lanes = lanesOf(on);
  const bars = on.map((t, i): WaterfallBar => {
    const left = Math.min(100 - minWidth, round((t.start - spanStart) * scale));
    const width = Math.min(100 - left, Math.max(minWidth, round((t.end - t.start) * scale)));
    return {
      id: t.step.id,
      status: t.step.status,
      left: Math.max(0, left),
      width: spanMs > 0 ? width : 100,
      offsetMs: t.start - spanStart,
      durationMs: t.end - t.start,
      lane: lanes[i] ?? 0,
      open: t.open,
      retries: Math.max(0, (t.step.retries?.attempts ?? 1) - 1),
      iterations: t.step.iterations ?? 0,
    };
  });
  const intervals = Math.max(1, options.intervals ?? 4);
  const ticks = axisTicks(spanMs, intervals);
  return {
    start: new Date(spanStart).toISOString(),
    spanMs,
    bars,
    unstarted: off.map((s) => ({ id: s.id, status: s.status })),
    lanes: lanes.length === 0 ? 0 : Math.max(...lanes) + 1,
    ticks,
  };
}
