// §10.1 durations: the grammar, the unit factors and the V28 message texts.
import { describe, expect, it } from "vitest";
import {
  invalidDurationMessage,
  parseDuration,
  ZERO_TIMEOUT_MESSAGE,
} from "../../src/model/duration.js";

describe("parseDuration", () => {
  it.each([
    ["500ms", 500],
    ["2s", 2_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["0ms", 0],
    ["0s", 0],
    ["007s", 7_000],
    ["3000000h", 10_800_000_000_000],
    ["2147483648ms", 2_147_483_648],
    ["25h", 90_000_000],
  ])("%s → %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it("accepts durations beyond the platform timer limit", () => {
    expect(parseDuration("600h")).toBe(2_160_000_000);
    expect(parseDuration("600h")).toBeGreaterThan(2 ** 31 - 1);
  });

  it.each([
    "1.5s",
    "2 s",
    " 2s",
    "2s ",
    "2S",
    "2MS",
    "100",
    "s",
    "",
    "-1s",
    "+1s",
    "1d",
    "1sec",
    "1e3ms",
    "1_000ms",
    "１s",
    "2s\n",
    "99999999999999999999h",
  ])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe("V28 messages", () => {
  it("are the exact §5.2 texts", () => {
    expect(invalidDurationMessage("1.5s")).toBe(
      'Invalid duration "1.5s": expected a whole number followed by ms, s, m or h',
    );
    expect(ZERO_TIMEOUT_MESSAGE).toBe('"timeout" must be greater than zero');
  });
});
