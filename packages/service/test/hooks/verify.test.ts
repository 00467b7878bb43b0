// verifyWebhook: valid, missing, malformed, invalid, wrong-length, stale, replayed, large and non-JSON requests.
import { describe, expect, it } from "vitest";
import {
  createMemoryReplayGuard,
  hmacHex,
  signWebhook,
  verifyWebhook,
  type VerifyWebhookInput,
} from "../../src/hooks/index.js";

const secret = "hook-secret-1234";
const now = 1_780_000_000_000;
const body = JSON.stringify({ pull_request: { title: "Fix" } });

function input(overrides: Partial<VerifyWebhookInput> = {}): VerifyWebhookInput {
  return {
    secret,
    headers: signWebhook(secret, body, now),
    rawBody: body,
    now,
    seen: createMemoryReplayGuard(),
    ...overrides,
  };
}

describe("verifyWebhook (skillflow scheme)", () => {
  it("accepts a signed body and parses it", async () => {
    const verdict = await verifyWebhook(input());
    expect(verdict).toMatchObject({
      ok: true,
      scheme: "skillflow",
      body: { pull_request: { title: "Fix" } },
    });
  });

  it("accepts a Uint8Array body and a fetch Headers object", async () => {
    const headers = new Headers(signWebhook(secret, body, now));
    const verdict = await verifyWebhook(
      input({ headers, rawBody: new TextEncoder().encode(body) }),
    );
    expect(verdict.ok).toBe(true);
  });

  it("finds the header whatever its case", async () => {
    const [value] = Object.values(signWebhook(secret, body, now));
    const verdict = await verifyWebhook(input({ headers: { "X-Skillflow-Signature": value } }));
    expect(verdict.ok).toBe(true);
  });

  it("accepts any of several v1 signatures (secret rotation)", async () => {
    const t = Math.floor(now / 1000);
    const good = hmacHex(secret, `${t}.`, body);
    const old = hmacHex("old-secret-9999", `${t}.`, body);
    const headers = { "x-skillflow-signature": `t=${t},v1=${old},v1=${good}` };
    expect((await verifyWebhook(input({ headers }))).ok).toBe(true);
  });

  it.each([
    ["no header", {}, "MISSING_SIGNATURE", 401],
    [
      "no timestamp",
      { "x-skillflow-signature": `v1=${"a".repeat(64)}` },
      "MALFORMED_SIGNATURE",
      401,
    ],
    ["no v1", { "x-skillflow-signature": "t=1780000000" }, "MALFORMED_SIGNATURE", 401],
    ["garbage", { "x-skillflow-signature": "hello" }, "MALFORMED_SIGNATURE", 401],
    ["short hex", { "x-skillflow-signature": "t=1780000000,v1=abcd" }, "INVALID_SIGNATURE", 401],
    [
      "long hex",
      { "x-skillflow-signature": `t=1780000000,v1=${"a".repeat(66)}` },
      "INVALID_SIGNATURE",
      401,
    ],
    [
      "not hex",
      { "x-skillflow-signature": `t=1780000000,v1=${"z".repeat(64)}` },
      "INVALID_SIGNATURE",
      401,
    ],
    ["other secret", signWebhook("other-secret-000", body, now), "INVALID_SIGNATURE", 401],
  ])("refuses %s", async (_name, headers, code, status) => {
    const verdict = await verifyWebhook(input({ headers }));
    expect(verdict).toMatchObject({ ok: false, code, httpStatus: status });
  });

  it("refuses a body changed after signing", async () => {
    const verdict = await verifyWebhook(input({ rawBody: body.replace("Fix", "Fiz") }));
    expect(verdict).toMatchObject({ ok: false, code: "INVALID_SIGNATURE" });
  });

  it("refuses a signature with a changed timestamp", async () => {
    const [value = ""] = Object.values(signWebhook(secret, body, now));
    const headers = { "x-skillflow-signature": value.replace(/^t=\d+/, `t=${now / 1000 + 1}`) };
    expect(await verifyWebhook(input({ headers }))).toMatchObject({ code: "INVALID_SIGNATURE" });
  });

  it.each([
    ["too old", now - 301_000, "STALE_TIMESTAMP"],
    ["too far ahead", now + 301_000, "STALE_TIMESTAMP"],
  ])("refuses a timestamp %s", async (_name, signedAt, code) => {
    const verdict = await verifyWebhook(input({ headers: signWebhook(secret, body, signedAt) }));
    expect(verdict).toMatchObject({ ok: false, code, httpStatus: 401 });
  });

  it("accepts a timestamp at the edge of the window and honours toleranceMs", async () => {
    const headers = signWebhook(secret, body, now - 300_000);
    expect((await verifyWebhook(input({ headers }))).ok).toBe(true);
    const narrow = await verifyWebhook(input({ headers, toleranceMs: 60_000 }));
    expect(narrow).toMatchObject({ code: "STALE_TIMESTAMP" });
  });

  it("refuses the same signed request twice", async () => {
    const seen = createMemoryReplayGuard();
    expect((await verifyWebhook(input({ seen }))).ok).toBe(true);
    expect(await verifyWebhook(input({ seen }))).toMatchObject({
      ok: false,
      code: "REPLAYED",
      httpStatus: 409,
    });
  });

  it("refuses the same signature resent in upper case", async () => {
    const seen = createMemoryReplayGuard();
    const [value = ""] = Object.values(signWebhook(secret, body, now));
    expect((await verifyWebhook(input({ seen }))).ok).toBe(true);
    const upper = {
      "x-skillflow-signature": value.replace(
        /v1=(\w+)/,
        (_m, h: string) => `v1=${h.toUpperCase()}`,
      ),
    };
    expect(await verifyWebhook(input({ seen, headers: upper }))).toMatchObject({
      code: "REPLAYED",
    });
  });

  it("refuses a repeated delivery id even with a new signature", async () => {
    const seen = createMemoryReplayGuard();
    const first = { ...signWebhook(secret, body, now), "x-skillflow-delivery": "d-1" };
    const again = { ...signWebhook(secret, body, now + 1000), "x-skillflow-delivery": "d-1" };
    expect((await verifyWebhook(input({ seen, headers: first }))).ok).toBe(true);
    const verdict = await verifyWebhook(input({ seen, headers: again, now: now + 1000 }));
    expect(verdict).toMatchObject({ code: "REPLAYED" });
  });

  it("refuses a captured request resent with a new (unsigned) delivery id", async () => {
    const seen = createMemoryReplayGuard();
    const signature = signWebhook(secret, body, now);
    const first = { ...signature, "x-skillflow-delivery": "d-1" };
    expect((await verifyWebhook(input({ seen, headers: first }))).ok).toBe(true);
    for (const headers of [{ ...signature, "x-skillflow-delivery": "d-other" }, signature]) {
      expect(await verifyWebhook(input({ seen, headers }))).toMatchObject({ code: "REPLAYED" });
    }
  });

  it("does not remember refused requests (an attacker cannot burn an id)", async () => {
    const seen = createMemoryReplayGuard();
    const forged = { ...signWebhook("wrong-secret-000", body, now), "x-skillflow-delivery": "d-2" };
    expect((await verifyWebhook(input({ seen, headers: forged }))).ok).toBe(false);
    const real = { ...signWebhook(secret, body, now), "x-skillflow-delivery": "d-2" };
    expect((await verifyWebhook(input({ seen, headers: real }))).ok).toBe(true);
  });

  it("refuses a body over maxBytes before checking anything else", async () => {
    const verdict = await verifyWebhook(input({ headers: {}, maxBytes: 10 }));
    expect(verdict).toMatchObject({ ok: false, code: "BODY_TOO_LARGE", httpStatus: 413 });
  });

  it("refuses a signed body that is not JSON", async () => {
    const raw = "name=value";
    const verdict = await verifyWebhook(
      input({ rawBody: raw, headers: signWebhook(secret, raw, now) }),
    );
    expect(verdict).toMatchObject({ ok: false, code: "BODY_NOT_JSON", httpStatus: 400 });
  });
});

describe("verifyWebhook (GitHub scheme)", () => {
  const github = (payload: string, key = secret): Record<string, string> => ({
    "x-hub-signature-256": `sha256=${hmacHex(key, payload)}`,
    "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
  });

  it("is refused unless acceptGithub is set", async () => {
    const verdict = await verifyWebhook(input({ headers: github(body) }));
    expect(verdict).toMatchObject({ code: "MISSING_SIGNATURE" });
  });

  it("accepts a GitHub signature when enabled, once per delivery id", async () => {
    const seen = createMemoryReplayGuard();
    const ok = await verifyWebhook(input({ headers: github(body), acceptGithub: true, seen }));
    expect(ok).toMatchObject({ ok: true, scheme: "github" });
    const again = await verifyWebhook(input({ headers: github(body), acceptGithub: true, seen }));
    expect(again).toMatchObject({ code: "REPLAYED" });
  });

  it("refuses a captured GitHub delivery resent with a new (unsigned) delivery id", async () => {
    const seen = createMemoryReplayGuard();
    const headers = github(body);
    expect((await verifyWebhook(input({ headers, acceptGithub: true, seen }))).ok).toBe(true);
    const resent = { ...headers, "x-github-delivery": "another-guid" };
    const again = await verifyWebhook(input({ headers: resent, acceptGithub: true, seen }));
    expect(again).toMatchObject({ code: "REPLAYED" });
  });

  it("remembers a GitHub delivery for githubRememberMs (default 7 days), a skillflow one for twice the window", async () => {
    const asked: Array<[string, number]> = [];
    const seen = {
      remember: (id: string, expiresAt: number) => (asked.push([id, expiresAt - now]), true),
    };
    await verifyWebhook(input({ headers: github(body), acceptGithub: true, seen }));
    await verifyWebhook(
      input({ headers: github(body), acceptGithub: true, seen, githubRememberMs: 60_000 }),
    );
    await verifyWebhook(input({ seen, toleranceMs: 1_000 }));
    // The delivery id and the signature (the id is not signed) are both remembered.
    const week = 7 * 24 * 60 * 60_000;
    expect(asked).toEqual([
      [expect.stringMatching(/^s:/), week],
      ["g:72d3162e-cc78-11e3-81ab-4c9367dc0958", week],
      [expect.stringMatching(/^s:/), 60_000],
      ["g:72d3162e-cc78-11e3-81ab-4c9367dc0958", 60_000],
      [expect.stringMatching(/^s:/), 2_000],
    ]);
  });

  it("accepts a GitHub delivery again once githubRememberMs has passed", async () => {
    const seen = createMemoryReplayGuard();
    const at = (t: number) =>
      verifyWebhook(
        input({ headers: github(body), acceptGithub: true, seen, now: t, githubRememberMs: 1_000 }),
      );
    expect(await at(now)).toMatchObject({ ok: true });
    expect(await at(now + 999)).toMatchObject({ code: "REPLAYED" });
    expect(await at(now + 1_000)).toMatchObject({ ok: true });
  });

  it.each([
    [
      "wrong secret",
      { "x-hub-signature-256": `sha256=${hmacHex("nope-nope", body)}` },
      "INVALID_SIGNATURE",
    ],
    ["no prefix", { "x-hub-signature-256": hmacHex(secret, body) }, "MALFORMED_SIGNATURE"],
    ["sha1 length", { "x-hub-signature-256": `sha256=${"a".repeat(40)}` }, "INVALID_SIGNATURE"],
  ])("refuses %s", async (_name, headers, code) => {
    const verdict = await verifyWebhook(input({ headers, acceptGithub: true }));
    expect(verdict).toMatchObject({ ok: false, code });
  });
});
