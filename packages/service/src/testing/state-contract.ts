// The shared ServiceStateStore contract suite: every state store (memory, SQLite, a future PostgreSQL) runs it.
import { afterEach, describe, expect, it } from "vitest";
import type { Decision } from "@skillflow/workflow";
import { ServiceError } from "../errors.js";
import type { ServiceStateStore } from "../service/state.js";
import type { DecisionRecord, NotificationRecord } from "../service/types.js";

/** Creates a fresh, empty state store (a new file, a new instance). */
export type ServiceStateFactory = () => ServiceStateStore | Promise<ServiceStateStore>;

/** Names a file can give that a plain object would mistake for its own machinery. */
const TRICKY = ["__proto__", "constructor", "hasOwnProperty", "toString"];

function record(event: NotificationRecord["event"], at: string, ok = true): NotificationRecord {
  return { event, at, result: ok ? { ok, host: "hooks.example.test", status: 200 } : { ok } };
}

async function codeOf(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return error instanceof ServiceError ? error.code : "not a ServiceError";
  }
  return undefined;
}

/**
 * Registers the ServiceStateStore contract: paused schedules, last fire times, decisions (latest
 * wins, stored as JSON copies, cleared per run), notifications ordered by time, names that a plain
 * object would misread (`__proto__`), webhook delivery ids remembered until they expire, and
 * `STATE_STORAGE` after `close`.
 */
export function describeServiceStateContract(name: string, factory: ServiceStateFactory): void {
  describe(`ServiceStateStore contract: ${name}`, () => {
    const open: ServiceStateStore[] = [];
    async function make(): Promise<ServiceStateStore> {
      const state = await factory();
      open.push(state);
      return state;
    }
    afterEach(async () => {
      for (const state of open.splice(0)) await state.close();
    });

    it("starts empty", async () => {
      const state = await make();
      expect([...(await state.pausedSchedules())]).toEqual([]);
      expect(await state.lastFire("daily")).toBeUndefined();
      expect([...(await state.decisions("r1"))]).toEqual([]);
      expect(await state.notifications("r1")).toEqual([]);
    });

    it("pauses and resumes schedules, idempotently, and answers a snapshot", async () => {
      const state = await make();
      await state.setPaused("daily", true);
      await state.setPaused("daily", true);
      await state.setPaused("hourly", true);
      const before = await state.pausedSchedules();
      expect([...before].sort()).toEqual(["daily", "hourly"]);
      await state.setPaused("daily", false);
      await state.setPaused("never-paused", false);
      expect([...(await state.pausedSchedules())]).toEqual(["hourly"]);
      expect([...before].sort()).toEqual(["daily", "hourly"]);
    });

    it("keeps the last fire time per schedule, the latest write winning", async () => {
      const state = await make();
      await state.setLastFire("daily", 1_700_000_000_000);
      await state.setLastFire("hourly", 5);
      await state.setLastFire("daily", 1_700_000_060_000);
      expect(await state.lastFire("daily")).toBe(1_700_000_060_000);
      expect(await state.lastFire("hourly")).toBe(5);
      expect(await state.lastFire("other")).toBeUndefined();
    });

    it("stores decisions per run, the latest one for a key winning, in first-decided order", async () => {
      const state = await make();
      const full: Decision = {
        approved: true,
        by: "ada",
        response: { note: "ok", n: [1, { x: null }] },
      };
      await state.addDecision("r1", "deploy", { approved: false });
      await state.addDecision("r1", "notify", full);
      await state.addDecision("r2", "deploy", { approved: true });
      await state.addDecision("r1", "deploy", { approved: true, by: "bob" });
      expect([...(await state.decisions("r1"))]).toEqual([
        ["deploy", { approved: true, by: "bob" }],
        ["notify", full],
      ]);
      expect([...(await state.decisions("r2"))]).toEqual([["deploy", { approved: true }]]);
    });

    it("stores decisions as copies: later changes to the given or answered objects do not reach it", async () => {
      const state = await make();
      const given: Decision = { approved: true, response: { note: "first" } };
      await state.addDecision("r1", "k", given);
      given.approved = false;
      (given.response as Record<string, unknown>).note = "changed";
      const answered = (await state.decisions("r1")).get("k");
      expect(answered).toEqual({ approved: true, response: { note: "first" } });
      if (answered) answered.approved = false;
      expect((await state.decisions("r1")).get("k")?.approved).toBe(true);
    });

    it("clears the decisions of one run only", async () => {
      const state = await make();
      await state.addDecision("r1", "k", { approved: true });
      await state.addDecision("r2", "k", { approved: false });
      await state.clearDecisions("r1");
      await state.clearDecisions("never-decided");
      expect((await state.decisions("r1")).size).toBe(0);
      expect([...(await state.decisions("r2"))]).toEqual([["k", { approved: false }]]);
      await state.addDecision("r1", "k", { approved: false });
      expect([...(await state.decisions("r1"))]).toEqual([["k", { approved: false }]]);
    });

    it("keeps decision records per run in the order added, as copies, through clearDecisions", async () => {
      const state = await make();
      const first: DecisionRecord = {
        key: "deploy",
        approved: false,
        by: "ada",
        note: "not on a Friday",
        at: "2030-01-01T09:00:00.000Z",
      };
      const second: DecisionRecord = {
        key: "deploy",
        approved: true,
        by: null,
        note: null,
        at: "2030-01-01T08:00:00.000Z",
      };
      await state.addDecisionRecord("r1", first);
      await state.addDecisionRecord("r2", { ...second, key: "other" });
      await state.addDecisionRecord("r1", second);
      first.note = "changed";
      await state.clearDecisions("r1");
      expect(await state.decisionRecords("r1")).toEqual([
        { ...first, note: "not on a Friday" },
        second,
      ]);
      expect((await state.decisionRecords("r2")).map((r) => r.key)).toEqual(["other"]);
      expect(await state.decisionRecords("never-decided")).toEqual([]);
      const answered = await state.decisionRecords("r1");
      answered[0]!.approved = true;
      expect((await state.decisionRecords("r1"))[0]?.approved).toBe(false);
    });

    it("answers notifications of a run ordered by time, equal times in the order added", async () => {
      const state = await make();
      const late = record("failure", "2030-01-01T10:00:00.000Z", false);
      const early = record("waiting", "2030-01-01T09:00:00.000Z");
      const sameA = record("change", "2030-01-01T09:30:00.000Z");
      const sameB = record("success", "2030-01-01T09:30:00.000Z");
      await state.addNotification("r1", late);
      await state.addNotification("r2", early);
      await state.addNotification("r1", sameA);
      await state.addNotification("r1", sameB);
      await state.addNotification("r1", early);
      expect(await state.notifications("r1")).toEqual([early, sameA, sameB, late]);
      expect(await state.notifications("r2")).toEqual([early]);
    });

    it("orders by the instant, not the text, of `at` (offsets), and keeps every result field", async () => {
      const state = await make();
      const offset = record("success", "2030-01-01T10:30:00.000+02:00");
      const utc = record("failure", "2030-01-01T09:00:00.000Z");
      const failed: NotificationRecord = {
        event: "failure",
        at: "2030-01-01T11:00:00.000Z",
        result: {
          ok: false,
          host: "h.test",
          error: { code: "HTTP_STATUS", message: "500" },
          status: 500,
        },
      };
      await state.addNotification("r1", failed);
      await state.addNotification("r1", utc);
      await state.addNotification("r1", offset);
      expect(await state.notifications("r1")).toEqual([offset, utc, failed]);
    });

    it("remembers a delivery until it expires: a replay within the window is refused", async () => {
      const state = await make();
      expect(await state.rememberDelivery("d:1", 1_000, 0)).toBe(true);
      expect(await state.rememberDelivery("d:1", 2_000, 500)).toBe(false);
      expect(await state.rememberDelivery("d:2", 1_000, 500)).toBe(true);
      // Once expired, the id is new again (and remembered with its new expiry).
      expect(await state.rememberDelivery("d:1", 3_000, 1_000)).toBe(true);
      expect(await state.rememberDelivery("d:1", 3_000, 2_999)).toBe(false);
      for (const tricky of TRICKY) expect(await state.rememberDelivery(tricky, 10, 0)).toBe(true);
      for (const tricky of TRICKY) expect(await state.rememberDelivery(tricky, 10, 5)).toBe(false);
    });

    it("takes names a plain object would misread as data (`__proto__`, `constructor`)", async () => {
      const state = await make();
      for (const [i, tricky] of TRICKY.entries()) {
        await state.setPaused(tricky, true);
        await state.setLastFire(tricky, i + 1);
        await state.addDecision(tricky, tricky, { approved: true, by: tricky });
        await state.addNotification(tricky, record("success", `2030-01-0${i + 1}T00:00:00.000Z`));
      }
      expect([...(await state.pausedSchedules())].sort()).toEqual([...TRICKY].sort());
      for (const [i, tricky] of TRICKY.entries()) {
        expect(await state.lastFire(tricky)).toBe(i + 1);
        expect([...(await state.decisions(tricky))]).toEqual([
          [tricky, { approved: true, by: tricky }],
        ]);
        expect(await state.notifications(tricky)).toHaveLength(1);
      }
      expect(await state.lastFire("valueOf")).toBeUndefined();
      expect((await state.decisions("valueOf")).size).toBe(0);
      expect(({} as Record<string, unknown>).approved).toBeUndefined();
    });

    it("remembers a delivery id until it expires: fresh, then a replay, then fresh again", async () => {
      const state = await make();
      expect(await state.rememberDelivery("d:1", 1_000, 0)).toBe(true);
      expect(await state.rememberDelivery("d:1", 5_000, 10)).toBe(false);
      expect(await state.rememberDelivery("d:1", 5_000, 999)).toBe(false);
      // Expired at its expiry time: remembered anew, until the new expiry.
      expect(await state.rememberDelivery("d:1", 2_000, 1_000)).toBe(true);
      expect(await state.rememberDelivery("d:1", 9_000, 1_999)).toBe(false);
      expect(await state.rememberDelivery("d:1", 9_000, 2_000)).toBe(true);
    });

    it("remembers delivery ids independently, a refused replay keeping the first expiry", async () => {
      const state = await make();
      expect(await state.rememberDelivery("g:a", 100, 0)).toBe(true);
      expect(await state.rememberDelivery("g:b", 1_000, 0)).toBe(true);
      expect(await state.rememberDelivery("g:a", 10_000, 50)).toBe(false);
      expect(await state.rememberDelivery("g:a", 10_000, 100)).toBe(true);
      expect(await state.rememberDelivery("g:b", 10_000, 500)).toBe(false);
      expect(await state.rememberDelivery("g:c", 10_000, 500)).toBe(true);
      // Expired ids of others do not disturb a remembered one.
      expect(await state.rememberDelivery("g:b", 10_000, 999)).toBe(false);
      for (const tricky of TRICKY) {
        expect(await state.rememberDelivery(tricky, 10, 0)).toBe(true);
        expect(await state.rememberDelivery(tricky, 10, 1)).toBe(false);
      }
    });

    it("answers one true among concurrent remembers of one id", async () => {
      const state = await make();
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => state.rememberDelivery("d:race", 1_000, 0)),
      );
      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it("refuses every call after close with STATE_STORAGE; closing twice is fine", async () => {
      const state = await make();
      await state.setPaused("daily", true);
      await state.close();
      await state.close();
      expect(await codeOf(() => state.pausedSchedules())).toBe("STATE_STORAGE");
      expect(await codeOf(() => state.setPaused("daily", false))).toBe("STATE_STORAGE");
      expect(await codeOf(() => state.lastFire("daily"))).toBe("STATE_STORAGE");
      expect(await codeOf(() => state.setLastFire("daily", 1))).toBe("STATE_STORAGE");
      expect(await codeOf(() => state.addDecision("r", "k", { approved: true }))).toBe(
        "STATE_STORAGE",
      );
      expect(await codeOf(() => state.decisions("r"))).toBe("STATE_STORAGE");
      expect(await codeOf(() => state.clearDecisions("r"))).toBe("STATE_STORAGE");
      expect(
        await codeOf(() => state.addNotification("r", record("success", "2030-01-01T00:00:00Z"))),
      ).toBe("STATE_STORAGE");
      expect(await codeOf(() => state.notifications("r"))).toBe("STATE_STORAGE");
      expect(await codeOf(() => state.rememberDelivery("d:1", 10, 0))).toBe("STATE_STORAGE");
    });
  });
}
