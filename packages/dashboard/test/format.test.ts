// The dashboard's pure helpers: durations, triggers, the theme toggle's order, query strings and the
// runs view's filters and search.
import { describe, expect, it } from "vitest";
import { query, type RunSummary } from "../app/api";
import { formatDuration, formatTrigger } from "../app/format";
import { filtersOf, matchesSearch } from "../app/runs-filter";
import { nextTheme } from "../app/theme";

const run = (over: Partial<RunSummary> = {}): RunSummary => ({
  id: "3f2a-run",
  workflow: "page-digest",
  status: "failed",
  startedAt: "2026-12-06T10:00:00.000Z",
  stepsExecuted: 2,
  trigger: { kind: "schedule", schedule: "nightly", fireTime: "2026-12-06T10:00:00.000Z" },
  ...over,
});

describe("dashboard helpers", () => {
  it("formats durations from milliseconds to hours", () => {
    expect(formatDuration(undefined)).toBe("—");
    expect(formatDuration(340)).toBe("340 ms");
    expect(formatDuration(1234)).toBe("1.2 s");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(200_000)).toBe("3 m 20 s");
    expect(formatDuration(7_500_000)).toBe("2 h 5 m");
  });

  it("names every trigger kind", () => {
    expect(formatTrigger({ kind: "webhook", hook: "gh", deliveryId: "x" })).toBe("webhook gh");
    expect(formatTrigger({ kind: "manual", by: "ada" })).toBe("manual (ada)");
    expect(formatTrigger({ kind: "mcp" })).toBe("MCP");
    expect(formatTrigger({ kind: "cli" })).toBe("CLI");
  });

  it("cycles the theme system → light → dark → system", () => {
    expect([nextTheme("system"), nextTheme("light"), nextTheme("dark")]).toEqual([
      "light",
      "dark",
      "system",
    ]);
  });

  it("builds query strings from the values that are set", () => {
    expect(query({ status: "failed", workflow: "", limit: 50, cursor: undefined })).toBe(
      "?status=failed&limit=50",
    );
    expect(query({})).toBe("");
  });

  it("reads the runs filters from the address and searches workflow, id, trigger and status", () => {
    expect(filtersOf({ status: "failed", page: "2", workflow: "" })).toEqual({ status: "failed" });
    expect(matchesSearch(run(), "digest")).toBe(true);
    expect(matchesSearch(run(), "NIGHTLY")).toBe(true);
    expect(matchesSearch(run(), "3f2a")).toBe(true);
    expect(matchesSearch(run(), "success")).toBe(false);
    expect(matchesSearch(run(), "  ")).toBe(true);
  });
});
