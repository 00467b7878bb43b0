// Loads a skill's eval suite (evals/evals.json, .yaml or .yml) into checked, located data.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseYamlDocument } from "@skillflow/workflow";
import { LineCounter } from "yaml";
import type { Assertion } from "./assertions.js";
import type { SuiteDiagnostic } from "./diagnostics.js";
import type { EvalCase, EvalSuite } from "./types.js";
import { readAssertion } from "./_parse-assertion.js";
import { Reader, type At, type Fields } from "./_nodes.js";
import { readTrigger } from "./_parse-trigger.js";

/** Where a skill's suite may live, relative to the skill folder, in the order they are tried. */
export const SUITE_FILES = ["evals/evals.json", "evals/evals.yaml", "evals/evals.yml"] as const;

/** A parsed suite (absent when any diagnostic is an error) and every problem found. */
export interface ParsedSuite {
  suite?: EvalSuite;
  diagnostics: SuiteDiagnostic[];
}

/** A loaded suite plus the file it came from (absent when the skill has no suite). */
export interface LoadedSuite extends ParsedSuite {
  file?: string;
}

/** An input file a case names, with its place, so the loader can report it missing. */
interface FileRef {
  path: string;
  place: Omit<SuiteDiagnostic, "code" | "severity" | "message">;
}

/** Parses suite `text` (JSON or YAML); `file` names it in diagnostics. Collects every problem. */
export function parseSuite(text: string, file: string): ParsedSuite {
  const { suite, diagnostics } = parse(text, file);
  return suite ? { suite, diagnostics } : { diagnostics };
}

/** Finds and parses `skillDir`'s suite, and checks that the files its cases name exist. */
export async function loadSuite(skillDir: string): Promise<LoadedSuite> {
  const present: string[] = [];
  for (const name of SUITE_FILES)
    if (await isFile(join(skillDir, name))) present.push(join(skillDir, name));
  const file = present[0];
  const at = (f: string) => ({ file: f, line: 1, column: 1, path: "" });
  if (file === undefined) {
    const message = `no eval suite: add one of ${SUITE_FILES.join(", ")}`;
    const where = at(join(skillDir, SUITE_FILES[0]));
    return { diagnostics: [{ code: "NO_SUITE", severity: "warning", message, ...where }] };
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const message = `cannot read the suite: ${(error as Error).message}`;
    return { file, diagnostics: [{ code: "UNREADABLE", severity: "error", message, ...at(file) }] };
  }
  const { suite, diagnostics, files } = parse(text, file);
  for (const other of present.slice(1)) {
    const message = `ignored: ${file} is the suite that is used`;
    diagnostics.push({ code: "AMBIGUOUS_SUITE", severity: "warning", message, ...at(other) });
  }
  for (const ref of files)
    if (!(await exists(join(skillDir, ref.path)))) {
      const message = `file "${ref.path}" does not exist in the skill folder`;
      diagnostics.push({ code: "MISSING_FILE", severity: "error", message, ...ref.place });
    }
  const ok = suite !== undefined && !diagnostics.some((d) => d.severity === "error");
  return ok ? { suite, file, diagnostics } : { file, diagnostics };
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function parse(text: string, file: string): ParsedSuite & { files: FileRef[] } {
  const counter = new LineCounter();
  const doc = parseYamlDocument(text, { lineCounter: counter });
  const r = new Reader(file, counter);
  const files: FileRef[] = [];
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const { line, col } = counter.linePos(e.pos[0]);
      const message = `not valid JSON or YAML: ${e.message.split("\n")[0] ?? e.code}`;
      r.diagnostics.push({
        code: "INVALID_SYNTAX",
        severity: "error",
        message,
        file,
        line,
        column: col,
        path: "",
      });
    }
    return { diagnostics: r.diagnostics, files };
  }
  const root = r.map({ node: doc.contents, path: "" }, "the suite");
  if (!root) return { diagnostics: r.diagnostics, files };
  r.unknownKeys(root, ["$schema", "skill_name", "evals", "trigger"], "suite");
  const nameAt = r.need(root, "skill_name", "skill_name");
  const skillName = nameAt && r.string(nameAt, "skill_name");
  const triggerAt = root.get("trigger");
  const trigger = triggerAt && readTrigger(r, triggerAt);
  // A suite may hold only a trigger set; otherwise it needs cases.
  const evalsAt = triggerAt ? root.get("evals") : r.need(root, "evals", "evals");
  const items = (evalsAt && r.list(evalsAt, "evals")) ?? [];
  const seen = new Map<string, At>();
  const cases = items.flatMap((item) => readCase(r, item, skillName, seen, files) ?? []);
  const failed = r.diagnostics.some((d) => d.severity === "error");
  if (failed || skillName === undefined) return { diagnostics: r.diagnostics, files };
  const suite: EvalSuite = { skillName, cases };
  if (trigger) suite.trigger = trigger;
  return { suite, diagnostics: r.diagnostics, files };
}

function readCase(
  r: Reader,
  at: At,
  skill: string | undefined,
  seen: Map<string, At>,
  files: FileRef[],
): EvalCase | undefined {
  const fields = r.map(at, "an eval case");
  if (!fields) return undefined;
  const known = ["id", "prompt", "expected_output", "files", "assertions", "expectations"];
  r.unknownKeys(fields, known, "eval case");
  const idAt = r.need(fields, "id", "id");
  const id = idAt && readId(r, idAt, seen);
  const promptAt = r.need(fields, "prompt", "prompt");
  const prompt = promptAt && r.string(promptAt, "prompt");
  const expectedAt = fields.get("expected_output");
  const expectedOutput = expectedAt && r.string(expectedAt, "expected_output", true);
  const filesAt = fields.get("files");
  const paths = ((filesAt && r.list(filesAt, "files")) ?? []).flatMap((item) => {
    const path = r.string(item, "a file path");
    if (path === undefined || !insideSkill(r, item, path)) return [];
    files.push({ path, place: r.place(item) });
    return [path];
  });
  const assertions = readAssertions(r, fields, skill);
  if (id === undefined || prompt === undefined) return undefined;
  const testCase: EvalCase = { id, prompt, files: paths, assertions };
  if (expectedOutput !== undefined) testCase.expectedOutput = expectedOutput;
  return testCase;
}

/** The id as text; numbers and strings that read the same are the same id. */
function readId(r: Reader, at: At, seen: Map<string, At>): string | undefined {
  const value = r.scalar(at);
  const id = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof id !== "string" || id.trim() === "") {
    r.report("INVALID_FIELD", "id must be a number or a non-empty string", at);
    return undefined;
  }
  const first = seen.get(id);
  if (first) {
    const { line } = r.place(first);
    r.report(
      "DUPLICATE_ID",
      `id ${id} is already used by ${first.path.replace(/\.id$/, "")} (line ${line})`,
      at,
    );
  } else seen.set(id, at);
  return id;
}

/** Refuses paths that could reach outside the skill folder: absolute ones and any `..` step. */
function insideSkill(r: Reader, at: At, path: string): boolean {
  const absolute = /^(?:[\\/]|[A-Za-z]:)/.test(path);
  if (!absolute && !path.split(/[\\/]/).includes("..")) return true;
  r.report(
    "PATH_OUTSIDE_SKILL",
    `file "${path}" must be a relative path inside the skill folder`,
    at,
  );
  return false;
}

/** Both lists, in file order: typed `assertions`, then `expectations` (strings or typed). */
function readAssertions(r: Reader, fields: Fields, skill: string | undefined): Assertion[] {
  return ["assertions", "expectations"].flatMap((key) => {
    const at = fields.get(key);
    const items = (at && r.list(at, key)) ?? [];
    return items.flatMap((item) => readAssertion(r, item, skill) ?? []);
  });
}
