// formatDiagnostic: location header, the offending line and a caret, also for huge and CR LF sources.
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/format.js";

const problem = (line: number, column: number) => ({ code: "X", message: "bad", line, column });

describe("formatDiagnostic", () => {
  it("shows the line and a caret under the column", () => {
    expect(formatDiagnostic(problem(2, 3), "a\nbcdef\ng", "f.md")).toBe(
      "f.md:2:3 X bad\n2 | bcdef\n      ^",
    );
  });

  it("drops the CR of CR LF lines and turns tabs into spaces", () => {
    expect(formatDiagnostic(problem(2, 2), "a\r\n\tb\r\nc").split("\n").slice(1)).toEqual([
      "2 |  b",
      "     ^",
    ]);
  });

  it("gives only the header for lines that do not exist", () => {
    for (const line of [0, -1, 4, 1.5]) {
      expect(formatDiagnostic(problem(line, 1), "a\nb\nc", "f")).toBe(`f:${line}:1 X bad`);
    }
  });

  it("cuts a very long line to a window around the column, caret still under it", () => {
    const line = "x".repeat(2_000_000) + "HERE" + "y".repeat(3_000_000);
    const column = 2_000_001;
    const [, text, caret] = formatDiagnostic(problem(1, column), line).split("\n");
    expect(text!.length).toBeLessThan(200);
    expect(text!.startsWith("1 | …")).toBe(true);
    expect(text!.endsWith("…")).toBe(true);
    expect(text!.slice(caret!.length - 1, caret!.length + 3)).toBe("HERE");
  });

  it("keeps the start of a long line uncut when the column is near it", () => {
    const [, text, caret] = formatDiagnostic(problem(1, 2), "ab" + "c".repeat(1000)).split("\n");
    expect(text!.startsWith("1 | abc")).toBe(true);
    expect(text!.endsWith("…")).toBe(true);
    expect(caret).toBe("     ^");
  });

  it("formats many problems of a large many-line source without splitting it each time", () => {
    // 5 MB of short lines, 500 problems near the end: one split per problem was 500 × 1 M lines.
    const source = "line\n".repeat(1_000_000);
    for (let i = 0; i < 500; i++) {
      expect(formatDiagnostic(problem(999_000 + i, 1), source)).toContain("| line");
    }
  });
});
