// The evaluation charts (uPlot, bundled with its CSS): pass rates per model with Wilson whiskers, and
// a skill's history over time. Each chart is decorative for assistive technology: the caller shows
// the same numbers in a table, which the chart names through aria-describedby.
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { percent, type HistoryChart, type RateChart } from "./eval-charts";

const PALETTE = ["--accent", "--warn", "--ok", "--bad", "--info", "--muted"] as const;

function cssColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === "" ? fallback : value;
}

function colorAt(i: number): string {
  return cssColor(PALETTE[i % PALETTE.length] ?? "--accent", "#0a58ca");
}

/** Builds a uPlot chart in a div that follows its width; rebuilt when `data` changes. */
function useChart(
  data: unknown,
  build: (width: number) => { opts: uPlot.Options; data: uPlot.AlignedData },
) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = () => Math.max(280, el.clientWidth);
    const { opts, data } = build(width());
    const plot = new uPlot(opts, data, el);
    const observer = new ResizeObserver(() =>
      plot.setSize({ width: width(), height: opts.height }),
    );
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [data]);
  return box;
}

function axes(): { stroke: string; grid: { stroke: string }; ticks: { stroke: string } } {
  const line = cssColor("--line", "#d0d7de");
  return { stroke: cssColor("--fg", "#1b1f24"), grid: { stroke: line }, ticks: { stroke: line } };
}

/** Pass rate per model and condition: a point per rate and a whisker for its interval. */
export function RateChartView({
  chart,
  label,
  describedBy,
}: {
  chart: RateChart;
  label: string;
  describedBy: string;
}) {
  const box = useChart(chart, (width) => {
    const whiskers = (u: uPlot) => {
      const ctx = u.ctx;
      chart.series.forEach((s, k) => {
        ctx.save();
        ctx.strokeStyle = colorAt(k);
        ctx.lineWidth = 2 * uPlot.pxRatio;
        chart.x.forEach((x, i) => {
          const low = s.low[i];
          const high = s.high[i];
          if (low === null || low === undefined || high === null || high === undefined) return;
          const px = u.valToPos(x, "x", true);
          const cap = 5 * uPlot.pxRatio;
          const y1 = u.valToPos(low, "y", true);
          const y2 = u.valToPos(high, "y", true);
          ctx.beginPath();
          ctx.moveTo(px, y1);
          ctx.lineTo(px, y2);
          ctx.moveTo(px - cap, y1);
          ctx.lineTo(px + cap, y1);
          ctx.moveTo(px - cap, y2);
          ctx.lineTo(px + cap, y2);
          ctx.stroke();
        });
        ctx.restore();
      });
    };
    const opts: uPlot.Options = {
      width,
      height: 280,
      scales: {
        x: { time: false, range: [-0.5, chart.models.length - 0.5] },
        y: { range: [0, 1] },
      },
      axes: [
        {
          ...axes(),
          splits: () => chart.models.map((_, i) => i),
          values: (_u, splits) => splits.map((v) => chart.models[Math.round(v)] ?? ""),
        },
        { ...axes(), values: (_u, splits) => splits.map((v) => percent(v)) },
      ],
      series: [
        { label: "model" },
        ...chart.series.map((s, k) => ({
          label: s.condition,
          stroke: colorAt(k),
          paths: () => null,
          points: { show: true, size: 10, fill: colorAt(k) },
          value: (_u: uPlot, v: number | null) => percent(v),
        })),
      ],
      hooks: { draw: [whiskers] },
      legend: { live: false },
      cursor: { show: false },
    };
    return { opts, data: [chart.x, ...chart.series.map((s) => s.rate)] as uPlot.AlignedData };
  });
  return (
    <div class="chart" ref={box} role="img" aria-label={label} aria-describedby={describedBy} />
  );
}

/** A skill's pass rates over time: one line per model and condition. */
export function HistoryChartView({
  chart,
  label,
  describedBy,
}: {
  chart: HistoryChart;
  label: string;
  describedBy: string;
}) {
  const models = [...new Set(chart.series.map((s) => s.model))];
  const box = useChart(chart, (width) => {
    const opts: uPlot.Options = {
      width,
      height: 280,
      scales: { x: { time: true }, y: { range: [0, 1] } },
      axes: [axes(), { ...axes(), values: (_u, splits) => splits.map((v) => percent(v)) }],
      series: [
        { label: "time" },
        ...chart.series.map((s) => ({
          label: `${s.model} ${s.condition}`,
          stroke: colorAt(models.indexOf(s.model)),
          width: 2,
          dash: s.condition === "without" ? [6, 4] : [],
          spanGaps: true,
          points: { show: true, size: 7 },
          value: (_u: uPlot, v: number | null) => percent(v),
        })),
      ],
    };
    return { opts, data: [chart.x, ...chart.series.map((s) => s.values)] as uPlot.AlignedData };
  });
  return (
    <div class="chart" ref={box} role="img" aria-label={label} aria-describedby={describedBy} />
  );
}
