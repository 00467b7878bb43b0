// acceptHook: a declared hook verified and mapped to inputs, or a coded ServiceError for every refusal.
import { describe, expect, it } from "vitest";
import {
  acceptHook,
  createMemoryReplayGuard,
  GITHUB_DELIVERY_HEADER,
  GITHUB_SIGNATURE_HEADER,
  hmacHex,
  ServiceError,
  signWebhook,
} from "../../src/index.js";
import type { HookDeclaration } from "../../src/service/types.js";

const secret = "hook-secret-1234";
const now = 1_780_000_000_000;
const body = JSON.stringify({ release: { tag_name: "v1.2.0" }, repository: { name: "app" } });
const release: HookDeclaration = {
  name: "release",
  workflow: "announce",
  secret,
  inputs: { tag: "$.release.tag_name", repo: "$.repository.name" },
  defaults: { channel: "#releases", tag: "none" },
};

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ServiceError))
    throw new Error(`expected a ServiceError, got ${String(error)}`);
  return error;
}

const deps = () => ({ now, replay: createMemoryReplayGuard() });
const signed = (text = body, at = now) => ({
  headers: signWebhook(secret, text, at),
  rawBody: text,
});

describe("acceptHook", () => {
  it("accepts a signed delivery and maps its body over the defaults", async () => {
    const accepted = await acceptHook([release], "release", signed(), deps());
    expect(accepted.workflow).toBe("announce");
    expect(accepted.hook).toBe(release);
    expect(accepted.inputs).toEqual({ channel: "#releases", tag: "v1.2.0", repo: "app" });
    expect(accepted.deliveryId).toMatch(/^s:[0-9a-f]{64}$/);
  });

  it("refuses an invalid signature with WEBHOOK_REFUSED, its reason and status", async () => {
    const request = { headers: signWebhook("wrong-secret-000", body, now), rawBody: body };
    const error = await refusal(acceptHook([release], "release", request, deps()));
    expect(error.code).toBe("WEBHOOK_REFUSED");
    expect(error.details).toEqual({ reason: "INVALID_SIGNATURE", httpStatus: 401 });
    expect(error.message).not.toContain(secret);
  });

  it("refuses a replayed delivery", async () => {
    const shared = deps();
    await acceptHook([release], "release", signed(), shared);
    const error = await refusal(acceptHook([release], "release", signed(), shared));
    expect(error.details).toEqual({ reason: "REPLAYED", httpStatus: 409 });
  });

  it("refuses a stale timestamp, within the hook's own tolerance", async () => {
    const old = signed(body, now - 10 * 60_000);
    const error = await refusal(acceptHook([release], "release", old, deps()));
    expect(error.details).toEqual({ reason: "STALE_TIMESTAMP", httpStatus: 401 });
    const lenient = { ...release, toleranceMs: 20 * 60_000 };
    await expect(acceptHook([lenient], "release", old, deps())).resolves.toMatchObject({
      workflow: "announce",
    });
  });

  it.each(["nope", "__proto__", "constructor", "toString", "hasOwnProperty"])(
    "refuses an undeclared hook name %s with UNKNOWN_HOOK",
    async (name) => {
      const error = await refusal(acceptHook([release], name, signed(), deps()));
      expect(error.code).toBe("UNKNOWN_HOOK");
    },
  );

  it("refuses a body without a mapped value with INVALID_INPUTS and the mapping problems", async () => {
    const text = JSON.stringify({ release: {} });
    const error = await refusal(acceptHook([release], "release", signed(text), deps()));
    expect(error.code).toBe("INVALID_INPUTS");
    expect(error.details?.["problems"]).toEqual([
      expect.objectContaining({ code: "MISSING_VALUE", input: "tag" }),
      expect.objectContaining({ code: "MISSING_VALUE", input: "repo" }),
    ]);
  });

  it("keeps an input named __proto__ as data", async () => {
    const hook = { ...release, inputs: { ["__proto__"]: "$.repository.name" } };
    const accepted = await acceptHook([hook], "release", signed(), deps());
    expect(Object.hasOwn(accepted.inputs, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(accepted.inputs)).toBe(Object.prototype);
  });

  it("accepts GitHub's signature only when the hook enables it", async () => {
    const headers = {
      [GITHUB_SIGNATURE_HEADER]: `sha256=${hmacHex(secret, body)}`,
      [GITHUB_DELIVERY_HEADER]: "abc-123",
    };
    const error = await refusal(
      acceptHook([release], "release", { headers, rawBody: body }, deps()),
    );
    expect(error.details).toEqual({ reason: "MISSING_SIGNATURE", httpStatus: 401 });
    const github = { ...release, github: true };
    const accepted = await acceptHook([github], "release", { headers, rawBody: body }, deps());
    expect(accepted).toMatchObject({ deliveryId: "g:abc-123", inputs: { tag: "v1.2.0" } });
  });
});
