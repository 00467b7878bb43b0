// notificationFor: JSON and Slack payload fields, the run link, redaction and Slack escaping.
import { describe, expect, it } from "vitest";
import { notificationFor, runLink, type NotifiedRun } from "../../src/notify/index.js";

const run: NotifiedRun = {
  id: "run-1",
  workflow: "site-check",
  status: "failed",
  started_at: "2026-12-06T10:00:00.000Z",
  completed_at: "2026-12-06T10:00:02.000Z",
  duration_ms: 2000,
  summary: { steps_executed: 2, steps_skipped: 1, total_duration_ms: 2000 },
  outputs: { token_echo: "key sk-SECRET-123 used", count: 3 },
  error: { phase: "execute", message: "fetch failed with sk-SECRET-123 <!channel>" },
};
const base = { baseUrl: "https://flows.example.com", secrets: ["sk-SECRET-123"] };

describe("notificationFor (json)", () => {
  it("carries the event, summary and link", () => {
    const p = notificationFor("failure", run, { ...base, format: "json" });
    expect(p.event).toBe("failure");
    expect(p.link).toBe("https://flows.example.com/runs/run-1");
    expect(p.run).toMatchObject({
      id: "run-1",
      workflow: "site-check",
      status: "failed",
      startedAt: run.started_at,
      completedAt: run.completed_at,
      durationMs: 2000,
      stepsExecuted: 2,
      stepsSkipped: 1,
      error: { phase: "execute" },
    });
    expect(p.text).toContain("site-check");
  });

  it("never contains a secret value", () => {
    const p = notificationFor("failure", run, { ...base, format: "json" });
    expect(JSON.stringify(p)).not.toContain("sk-SECRET-123");
    expect(p.run.outputs?.token_echo).toBe("key [REDACTED] used");
  });

  it("lists waiting approvals and can leave outputs out", () => {
    const waiting: NotifiedRun = {
      ...run,
      status: "waiting",
      pending: [
        {
          key: "ok",
          stepId: "ok",
          path: ["ok"],
          message: "Publish?",
          expires_at: null,
          response: {},
        },
      ],
    };
    const p = notificationFor("waiting", waiting, {
      ...base,
      format: "json",
      includeOutputs: false,
    });
    expect(p.run.pending).toEqual([{ key: "ok", message: "Publish?", expiresAt: null }]);
    expect(p.run.outputs).toBeUndefined();
  });
});

describe("notificationFor (slack)", () => {
  it("has a fallback text and header, section and context blocks with the link", () => {
    const p = notificationFor("failure", run, { ...base, format: "slack" });
    expect(typeof p.text).toBe("string");
    expect(p.blocks.map((b) => b.type)).toEqual(["header", "section", "context"]);
    const section = p.blocks[1];
    expect(section?.type).toBe("section");
    if (section?.type !== "section") return;
    expect(section.text.type).toBe("mrkdwn");
    expect(section.text.text).toContain("<https://flows.example.com/runs/run-1|Open run run-1>");
    expect(section.fields?.map((f) => f.text)).toContain("*Status*\nfailed");
  });

  it("escapes Slack markup from run data and redacts secrets", () => {
    const p = notificationFor("failure", run, { ...base, format: "slack" });
    const text = JSON.stringify(p);
    expect(text).not.toContain("sk-SECRET-123");
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("&lt;!channel&gt;");
  });

  it("keeps block texts within Slack's limits", () => {
    const long: NotifiedRun = {
      ...run,
      workflow: "w".repeat(400),
      outputs: { big: "x".repeat(10_000) },
    };
    const p = notificationFor("change", long, { ...base, format: "slack" });
    const [header, section] = p.blocks;
    expect(header?.type === "header" && header.text.text.length).toBeLessThanOrEqual(150);
    expect(section?.type === "section" && section.text.text.length).toBeLessThanOrEqual(3000);
  });
});

it.each([
  ["https://x.example", "r1", "https://x.example/runs/r1"],
  ["https://x.example/", "r1", "https://x.example/runs/r1"],
  ["https://x.example/flows", "a/b c", "https://x.example/flows/runs/a%2Fb%20c"],
])("runLink(%s, %s)", (baseUrl, id, expected) => expect(runLink(baseUrl, id)).toBe(expected));
