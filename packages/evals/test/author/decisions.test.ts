// runtimeDecisions: approval decisions from JSON as the runtime takes them.
import { describe, expect, it } from "vitest";
import { runtimeDecisions } from "../../src/author/decisions.js";

describe("runtimeDecisions", () => {
  it("leaves out optional fields that are undefined and keeps the given ones", () => {
    expect(
      runtimeDecisions({
        a: { approved: true, by: undefined, response: undefined },
        b: { approved: false, by: "ann", response: { reason: "no" } },
      }),
    ).toEqual({
      a: { approved: true },
      b: { approved: false, by: "ann", response: { reason: "no" } },
    });
  });

  it("keeps a __proto__ key from JSON as an own key", () => {
    const given = JSON.parse('{"__proto__": {"approved": true}}') as Record<
      string,
      { approved: boolean }
    >;
    const out = runtimeDecisions(given);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
