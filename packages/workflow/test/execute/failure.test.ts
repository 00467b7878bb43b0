// Unit tests of failures as data: the recorded message (§6.6) and the message of anything thrown (§3.5).
import { describe, expect, it } from "vitest";
import { CANCELLED, errorMessage, failureText, plainFailure } from "../../src/execute/failure.js";
import { fromThrown, fromToolResult } from "../../src/execute/invoke.js";
import type { ToolResult } from "../../src/model/adapter.js";

describe("failureText (§6.6)", () => {
  it("prefixes retriable tool failures with the tool name", () => {
    expect(failureText({ message: "down", retriable: true, tool: "web" })).toBe('Tool "web": down');
  });

  it("prefixes a tool failure the tool marked non-retryable too (§13.9.7)", () => {
    expect(failureText({ message: "bad url", retriable: false, tool: "web" })).toBe(
      'Tool "web": bad url',
    );
  });

  it("keeps every other failure bare", () => {
    expect(failureText({ message: "plain", retriable: true })).toBe("plain");
    expect(failureText(plainFailure("expr"))).toBe("expr");
    expect(failureText(CANCELLED)).toBe("Step cancelled");
  });

  it("plainFailure and CANCELLED are never retriable", () => {
    expect(plainFailure("m")).toEqual({ message: "m", retriable: false });
    expect(CANCELLED).toEqual({ message: "Step cancelled", retriable: false, cancelled: true });
  });
});

describe("errorMessage", () => {
  it("reads the message of errors, subclasses included", () => {
    class Custom extends Error {}
    expect(errorMessage(new Error("e"))).toBe("e");
    expect(errorMessage(new TypeError("t"))).toBe("t");
    expect(errorMessage(new Custom("c"))).toBe("c");
    expect(errorMessage(new Error(""))).toBe("");
  });

  it("uses the string form of strings and other primitives", () => {
    expect(errorMessage("plain string")).toBe("plain string");
    expect(errorMessage(42)).toBe("42");
    expect(errorMessage(null)).toBe("null");
    expect(errorMessage(undefined)).toBe("undefined");
    expect(errorMessage(false)).toBe("false");
    expect(errorMessage(10n)).toBe("10");
    expect(errorMessage(Symbol("s"))).toBe("Symbol(s)");
  });

  it("reads a string message of non-Error objects", () => {
    expect(errorMessage({ message: "from object" })).toBe("from object");
    expect(errorMessage({ message: "" })).toBe("");
    const inherited = Object.create({ message: "inherited" }) as object;
    expect(errorMessage(inherited)).toBe("inherited");
  });

  it("falls back to the string form when message is not a string", () => {
    expect(errorMessage({ message: 5 })).toBe("[object Object]");
    expect(errorMessage({ toString: () => "custom" })).toBe("custom");
    expect(errorMessage([1, 2])).toBe("1,2");
  });

  it("never throws when the string form throws", () => {
    const hostile = {
      toString(): string {
        throw new Error("no string for you");
      },
    };
    expect(errorMessage(hostile)).toBe("Unknown error");
    expect(errorMessage(Object.create(null))).toBe("Unknown error");
    const badPrimitive = { [Symbol.toPrimitive]: () => ({}) };
    expect(errorMessage(badPrimitive)).toBe("Unknown error");
  });

  // A thrown value whose `message` getter throws makes errorMessage itself throw. Consequences seen
  // end to end: on the unguarded path the step gets no failed record (it is accounted "Workflow
  // halted" and the run fails as a crash); on the guarded path (timeout or caller signal) the
  // exception escapes a `.then` handler in invokeGuarded as an unhandled rejection and the attempt
  // hangs until its timeout or cancellation. Spec: §3.5 (message = the thrown error's message "or
  // its string form"), §10.3 (no unhandled rejection), §8.1 (never rejects).
  it("never throws when reading message throws", () => {
    const hostile = {
      get message(): string {
        throw new Error("getter boom");
      },
    };
    expect(typeof errorMessage(hostile)).toBe("string");
  });
});

describe("fromToolResult / fromThrown (§3.5, §12 D3)", () => {
  it("an output is a success (absent output included)", () => {
    const output = { a: 1 };
    expect(fromToolResult("t", { output })).toEqual({ ok: true, output });
    expect(fromToolResult("t", {} as ToolResult)).toEqual({ ok: true, output: undefined });
  });

  it("a truthy error is a retriable tool failure; an empty error is not an error", () => {
    expect(fromToolResult("t", { output: 1, error: "bad" })).toEqual({
      ok: false,
      failure: { message: "bad", retriable: true, tool: "t" },
    });
    expect(fromToolResult("t", { output: 1, error: "" })).toEqual({ ok: true, output: 1 });
  });

  it("null, undefined or a non-object result is a non-retriable failure", () => {
    for (const result of [null, undefined, "x" as unknown as ToolResult]) {
      const outcome = fromToolResult("t", result);
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.failure.retriable).toBe(false);
    }
  });

  it("a throw is retriable with the thrown message and the tool name", () => {
    expect(fromThrown("t", new Error("boom"))).toEqual({
      ok: false,
      failure: { message: "boom", retriable: true, tool: "t" },
    });
    expect(fromThrown("t", "str")).toEqual({
      ok: false,
      failure: { message: "str", retriable: true, tool: "t" },
    });
  });
});
