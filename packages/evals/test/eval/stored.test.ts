// Saved evaluation reports: ids, the stored shape (capped, redacted), the atomic write and the readers.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  EvalReportError,
  MAX_STORED_OUTPUT_CHARS,
  appendHistory,
  evaluateSkill,
  evalsDir,
  isEvalReportId,
  listEvalReports,
  newEvalReportId,
  readEvalHistory,
  readEvalReport,
  saveEvalReport,
  storedEvalReport,
  type EvalReport,
} from "../../src/index.js";
import { loadSuite } from "../../src/suite/index.js";
import { COMMIT_SCRIPTS, scriptedModel } from "../../src/testing/index.js";

const SKILL = path.resolve(import.meta.dirname, "../../../../examples/commit-message");

let report: EvalReport;
beforeAll(async () => {
  const loaded = await loadSuite(SKILL);
  report = await evaluateSkill({
    skillDir: SKILL,
    suite: loaded.suite!,
    models: [{ name: "fake:helps", model: scriptedModel(COMMIT_SCRIPTS.helps, "helps") }],
    repeat: 1,
  });
});

const scratch = () => mkdtempSync(path.join(tmpdir(), "eval-reports-"));
const fixed = (letters: string) => () => letters;

/** A stored report with `id` made at `at`. */
function stored(id: string, at: string) {
  return storedEvalReport(report, {
    id,
    skillPath: "examples/commit-message",
    createdAt: new Date(at),
  });
}

describe("report ids", () => {
  it("are a UTC stamp, the skill as kebab case and six random characters", () => {
    const id = newEvalReportId("Commit_Message v2", {
      now: new Date("2025-03-04T05:06:07.890Z"),
      random: fixed("a1b2c3"),
    });
    expect(id).toBe("20250304T050607Z-commit-message-v2-a1b2c3");
    expect(isEvalReportId(id)).toBe(true);
    expect(isEvalReportId(newEvalReportId("../../etc"))).toBe(true);
    expect(newEvalReportId("../../etc", { random: fixed("zzzzzz") })).toMatch(/-etc-zzzzzz$/);
    expect(newEvalReportId("€€", { random: fixed("zzzzzz") })).toMatch(/-skill-zzzzzz$/);
  });

  it("refuse anything that is not a plain report file name", () => {
    for (const bad of [
      "",
      "../x",
      "..",
      "20250304T050607Z-x-a1b2c3/../y",
      "20250304T050607Z-x-a1b2c3.json",
      "20250304T050607Z-X-a1b2c3",
      "20250304T050607Z--a1b2c3",
      "20250304T050607Z-x-a1b2c",
      `20250304T050607Z-${"a".repeat(100)}-a1b2c3`,
      "20250304T050607Z-x\\y-a1b2c3",
    ])
      expect(isEvalReportId(bad), bad).toBe(false);
  });
});

describe("storedEvalReport", () => {
  it("adds the id, schema version, time and skill path, and keeps every trial", () => {
    const s = stored("20250304T050607Z-commit-message-a1b2c3", "2025-03-04T05:06:07Z");
    expect(s).toMatchObject({
      schemaVersion: 1,
      id: "20250304T050607Z-commit-message-a1b2c3",
      createdAt: "2025-03-04T05:06:07.000Z",
      skillPath: "examples/commit-message",
      skill: "commit-message",
      skillHash: report.skillHash,
      mode: "catalog",
      replay: false,
    });
    expect(s.trials).toHaveLength(report.trials.length);
    expect(s.trials[0]).toMatchObject({ condition: "with", caseId: "1", trial: 1 });
    expect(s.trials[0]!.assertions.length).toBeGreaterThan(0);
    expect(s.models[0]!.conditions[0]!.summary.interval).toEqual(
      report.models[0]!.conditions[0]!.summary.interval,
    );
  });

  it("caps long outputs, marked, and redacts before cutting", () => {
    const secret = "sk-live-SECRET-0123456789";
    const long = `${"x".repeat(MAX_STORED_OUTPUT_CHARS - 5)}${secret}${"y".repeat(100)}`;
    const big: EvalReport = {
      ...report,
      trials: report.trials.map((t, i) => (i === 0 ? { ...t, output: long } : t)),
    };
    const s = storedEvalReport(big, { skillPath: ".", secrets: [secret] });
    expect(s.id).toBeUndefined();
    expect(s.trials[0]!.output).toHaveLength(MAX_STORED_OUTPUT_CHARS);
    expect(s.trials[0]!.outputTruncated).toEqual({ chars: long.length - secret.length + 10 });
    expect(s.trials[0]!.output).not.toContain("sk-live");
    expect(s.trials[0]!.output.endsWith("[REDA")).toBe(true);
    expect(s.trials[1]!.outputTruncated).toBeUndefined();
  });
});

describe("saveEvalReport", () => {
  it("writes reports/<id>.json that readEvalReport gives back", async () => {
    const dir = scratch();
    const id = "20250304T050607Z-commit-message-a1b2c3";
    const file = await saveEvalReport(dir, stored(id, "2025-03-04T05:06:07Z"));
    expect(file).toBe(path.join(dir, "reports", `${id}.json`));
    expect(await readEvalReport(dir, id)).toEqual(
      JSON.parse(JSON.stringify(stored(id, "2025-03-04T05:06:07Z"))),
    );
    expect(readdirSync(path.join(dir, "reports"))).toEqual([`${id}.json`]);
  });

  it("leaves no file behind when the write fails", async () => {
    const dir = scratch();
    const id = "20250304T050607Z-commit-message-a1b2c3";
    mkdirSync(path.join(dir, "reports", `${id}.json`), { recursive: true });
    await expect(saveEvalReport(dir, stored(id, "2025-03-04T05:06:07Z"))).rejects.toMatchObject({
      code: expect.stringMatching(/^E[A-Z]+$/) as unknown,
    });
    expect(readdirSync(path.join(dir, "reports"))).toEqual([`${id}.json`]);
    expect(readdirSync(path.join(dir, "reports", `${id}.json`))).toEqual([]);
  });

  it("refuses a report without a valid id", async () => {
    const dir = scratch();
    const bad = { ...stored("20250304T050607Z-x-a1b2c3", "2025-03-04T05:06:07Z"), id: "../x" };
    await expect(saveEvalReport(dir, bad)).rejects.toBeInstanceOf(TypeError);
    expect(existsSync(path.join(dir, "x.json"))).toBe(false);
  });
});

describe("readEvalReport", () => {
  it("refuses ids that would leave reports/, and answers undefined for an unknown id", async () => {
    const dir = scratch();
    const inside = "20250304T050607Z-commit-message-a1b2c3";
    await saveEvalReport(dir, stored(inside, "2025-03-04T05:06:07Z"));
    // A report-looking file outside reports/ is never reached.
    writeFileSync(
      path.join(dir, "x.json"),
      JSON.stringify({ ...stored(inside, "2025"), id: "../x" }),
    );
    expect(await readEvalReport(dir, "../x")).toBeUndefined();
    expect(await readEvalReport(dir, `../reports/${inside}`)).toBeUndefined();
    expect(await readEvalReport(dir, "20250304T050607Z-commit-message-zzzzzz")).toBeUndefined();
    expect(await readEvalReport(scratch(), inside)).toBeUndefined();
  });

  it("throws a coded EvalReportError for a damaged or linked report", async () => {
    const dir = scratch();
    const reports = path.join(dir, "reports");
    mkdirSync(reports);
    writeFileSync(path.join(reports, "20250304T050607Z-a-aaaaaa.json"), '{"schemaVer');
    const target = path.join(dir, "elsewhere.json");
    writeFileSync(target, "{}");
    symlinkSync(target, path.join(reports, "20250304T050607Z-b-bbbbbb.json"));
    for (const [id, code] of [
      ["20250304T050607Z-a-aaaaaa", "REPORT_INVALID"],
      ["20250304T050607Z-b-bbbbbb", "REPORT_UNREADABLE"],
    ] as const) {
      const error = await readEvalReport(dir, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EvalReportError);
      expect(error).toMatchObject({ code });
    }
  });
});

describe("listEvalReports", () => {
  it("lists summaries newest first and skips damaged files as problems", async () => {
    const dir = scratch();
    const ids = {
      old: "20250101T000000Z-commit-message-aaaaaa",
      mid: "20250201T000000Z-commit-message-bbbbbb",
      new: "20250301T000000Z-commit-message-cccccc",
    };
    await saveEvalReport(dir, stored(ids.mid, "2025-02-01T00:00:00Z"));
    await saveEvalReport(dir, stored(ids.new, "2025-03-01T00:00:00Z"));
    await saveEvalReport(dir, stored(ids.old, "2025-01-01T00:00:00Z"));
    const reports = path.join(dir, "reports");
    writeFileSync(path.join(reports, "20250401T000000Z-broken-dddddd.json"), "{ not json");
    writeFileSync(
      path.join(reports, "20250401T000000Z-shape-eeeeee.json"),
      JSON.stringify({ schemaVersion: 1, id: "20250401T000000Z-shape-eeeeee" }),
    );
    writeFileSync(
      path.join(reports, "20250401T000000Z-future-ffffff.json"),
      JSON.stringify({ schemaVersion: 99 }),
    );
    writeFileSync(
      path.join(reports, "20250401T000000Z-models-gggggg.json"),
      JSON.stringify({
        ...stored("20250401T000000Z-models-gggggg", "2025-04-01"),
        models: [{ model: "m" }],
      }),
    );
    writeFileSync(path.join(reports, "notes.json"), "{}");
    writeFileSync(path.join(reports, `.${ids.new}.123.tmp`), "{");
    const list = await listEvalReports(dir);
    expect(list.map((r) => r.id)).toEqual([ids.new, ids.mid, ids.old]);
    expect(list.problems.map((p) => [p.file, p.code]).sort()).toEqual([
      ["20250401T000000Z-broken-dddddd.json", "REPORT_INVALID"],
      ["20250401T000000Z-future-ffffff.json", "REPORT_TOO_NEW"],
      ["20250401T000000Z-models-gggggg.json", "REPORT_INVALID"],
      ["20250401T000000Z-shape-eeeeee.json", "REPORT_INVALID"],
      ["notes.json", "REPORT_INVALID"],
    ]);
    const withRate = report.models[0]!.conditions[0]!.summary;
    expect(list[0]).toEqual({
      id: ids.new,
      skill: "commit-message",
      skillHash: report.skillHash,
      skillPath: "examples/commit-message",
      createdAt: "2025-03-01T00:00:00.000Z",
      startedAt: report.startedAt,
      mode: "catalog",
      replay: false,
      repeat: 1,
      cases: 8,
      models: [
        {
          model: "fake:helps",
          verdict: "helps",
          meanDifference: 1,
          rates: {
            with: {
              rate: 1,
              low: withRate.interval.low,
              high: 1,
              passes: 8,
              judged: 8,
              errors: 0,
            },
            without: expect.objectContaining({ rate: 0, passes: 0, judged: 8 }) as unknown,
          },
        },
      ],
    });
  });

  it("is empty, without problems, when nothing was saved", async () => {
    const list = await listEvalReports(scratch());
    expect([...list]).toEqual([]);
    expect(list.problems).toEqual([]);
  });
});

describe("readEvalHistory and evalsDir", () => {
  it("reads a skill's history lines, with the report they came from", async () => {
    const dir = scratch();
    await appendHistory(path.join(dir, "history.jsonl"), report, { reportId: "r1" });
    await appendHistory(path.join(dir, "history.jsonl"), { ...report, skill: "other" });
    const lines = await readEvalHistory(dir, "commit-message");
    expect(lines.map((l) => [l.skill, l.model, l.verdict, l.reportId])).toEqual([
      ["commit-message", "fake:helps", "helps", "r1"],
    ]);
    expect(await readEvalHistory(scratch(), "commit-message")).toEqual([]);
  });

  it("puts the evals folder next to the run history", () => {
    const home = scratch();
    expect(evalsDir({ cwd: "/", env: { SKILLFLOW_HOME: home } })).toBe(path.join(home, "evals"));
    const project = scratch();
    writeFileSync(path.join(project, "package.json"), "{}");
    mkdirSync(path.join(project, "sub"));
    expect(evalsDir({ cwd: path.join(project, "sub"), env: {} })).toBe(
      path.join(project, ".skillflow", "evals"),
    );
  });
});
