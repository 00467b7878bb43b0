// Webhook replays across a restart: the service remembers delivery ids in its state, not in memory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  DELIVERY_HEADER,
  GITHUB_DELIVERY_HEADER,
  GITHUB_SIGNATURE_HEADER,
  hmacHex,
  openSqliteServiceState,
  ServiceError,
  signWebhook,
  type HookDeclaration,
  type HookRequest,
  type Service,
} from "@skillflow/service";
import { THREE, world, type World } from "./_harness.js";

const dir = mkdtempSync(join(tmpdir(), "skillflow-hook-replay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const worlds: World[] = [];
function fresh(): World {
  const w = world({ three: THREE });
  worlds.push(w);
  return w;
}
afterEach(async () => {
  for (const w of worlds.splice(0)) for (const s of w.services) await s.stop({ now: true });
});

const SECRET = "hook-secret-1234";
const BODY = JSON.stringify({ tag: "v1" });
const TEN_MINUTES = 10 * 60_000;
const SEVEN_DAYS = 7 * 24 * 60 * 60_000;
const own: HookDeclaration[] = [
  { name: "release", workflow: "three", secret: SECRET, inputs: { who: "$.tag" } },
];
const github: HookDeclaration[] = [{ ...own[0]!, github: true }];

function signed(now: number, delivery?: string): HookRequest {
  const headers = signWebhook(SECRET, BODY, now);
  return {
    headers: delivery ? { ...headers, [DELIVERY_HEADER]: delivery } : headers,
    rawBody: BODY,
  };
}

function githubSigned(delivery?: string): HookRequest {
  const headers: Record<string, string> = {
    [GITHUB_SIGNATURE_HEADER]: `sha256=${hmacHex(SECRET, BODY)}`,
  };
  if (delivery) headers[GITHUB_DELIVERY_HEADER] = delivery;
  return { headers, rawBody: BODY };
}

/** "accepted", or the refusal reason of a webhook (`details.reason`), or the error code. */
async function outcome(service: Service, request: HookRequest): Promise<string> {
  try {
    await service.receiveHook("release", request);
    return "accepted";
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    const reason = error.details?.["reason"];
    return typeof reason === "string" ? reason : error.code;
  }
}

/** Two services over the same world (store, queue, state, clock): the second is the restart. */
function restarted(w: World, hooks: HookDeclaration[]): [Service, Service] {
  return [w.service({ hooks }), w.service({ hooks })];
}

describe("webhook replays across a restart", () => {
  it("refuses a skillflow-signed delivery replayed to a restarted service, within its window", async () => {
    const w = fresh();
    const [first, second] = restarted(w, own);
    const request = signed(w.clock.now());
    expect(await outcome(first, request)).toBe("accepted");
    await first.stop({ now: true });
    await w.clock.advance(60_000);
    expect(await outcome(second, request)).toBe("REPLAYED");
  });

  it("refuses a delivery id signed anew after a restart", async () => {
    const w = fresh();
    const [first, second] = restarted(w, own);
    expect(await outcome(first, signed(w.clock.now(), "d-1"))).toBe("accepted");
    await first.stop({ now: true });
    await w.clock.advance(60_000);
    expect(await outcome(second, signed(w.clock.now(), "d-1"))).toBe("REPLAYED");
    // A new delivery is signed anew: the same signature under another id is the same delivery.
    expect(await outcome(second, signed(w.clock.now(), "d-2"))).toBe("REPLAYED");
    await w.clock.advance(1_000);
    expect(await outcome(second, signed(w.clock.now(), "d-2"))).toBe("accepted");
  });

  it.each([
    ["with X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"],
    ["without a delivery id (the signature is the id)", undefined],
  ])("refuses a GitHub-signed delivery %s replayed to a restarted service", async (_, id) => {
    const w = fresh();
    const [first, second] = restarted(w, github);
    expect(await outcome(first, githubSigned(id))).toBe("accepted");
    await first.stop({ now: true });
    expect(await outcome(second, githubSigned(id))).toBe("REPLAYED");
  });

  it("remembers a GitHub delivery past twice the replay window, for seven days", async () => {
    const w = fresh();
    const service = w.service({ hooks: github });
    const request = githubSigned("gh-1");
    expect(await outcome(service, request)).toBe("accepted");
    await w.clock.advance(2 * TEN_MINUTES);
    expect(await outcome(service, request)).toBe("REPLAYED");
    await w.clock.advance(SEVEN_DAYS - 2 * TEN_MINUTES - 1);
    expect(await outcome(service, request)).toBe("REPLAYED");
    await w.clock.advance(1);
    expect(await outcome(service, request)).toBe("accepted");
  });

  it("refuses a replay after a real restart over a reopened SQLite state file", async () => {
    const w = fresh();
    const path = join(dir, "restart.db");
    const before = openSqliteServiceState({ path });
    const first = w.service({ hooks: github, state: before });
    expect(await outcome(first, githubSigned("gh-2"))).toBe("accepted");
    expect(await outcome(first, signed(w.clock.now(), "d-3"))).toBe("accepted");
    await first.stop({ now: true });
    await before.close();
    const after = openSqliteServiceState({ path });
    try {
      const second = w.service({ hooks: github, state: after });
      expect(await outcome(second, githubSigned("gh-2"))).toBe("REPLAYED");
      expect(await outcome(second, signed(w.clock.now(), "d-3"))).toBe("REPLAYED");
      await second.stop({ now: true });
    } finally {
      await after.close();
    }
  });
});
