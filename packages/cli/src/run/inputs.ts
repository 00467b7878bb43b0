// Workflow inputs from the command line: -i key=value (typed), --inputs JSON, --input-file and stdin.
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  isSecretInputName,
  parseWorkflowFromMd,
  parseYamlDocument,
  type WorkflowInput,
} from "@skillflow/workflow";
import { CliError } from "../errors.js";

/** Where inputs come from; later sources override earlier ones key by key. */
/**
 * Declared inputs of a document that parses; undefined when it does not (the run then reports why).
 * Not a full validation: sub-workflows are resolved only by the run itself.
 */
export function declaredInputs(content: string): Record<string, WorkflowInput> | undefined {
  try {
    return parseWorkflowFromMd(content).inputs;
  } catch {
    return undefined;
  }
}

export interface InputSources {
  stdinText?: string;
  inputFile?: string;
  inputsJson?: string;
  pairs: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses JSON or YAML text that must be a mapping; `what` names the source in errors. */
function parseMapping(text: string, what: string): Record<string, unknown> {
  const doc = parseYamlDocument(text);
  const problem = doc.errors[0];
  if (problem !== undefined)
    throw new CliError("INVALID_INPUT", `${what}: ${problem.message.split("\n")[0]}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    throw new CliError("INVALID_INPUT", `${what}: ${(error as Error).message}`);
  }
  if (value === null || value === undefined) return {};
  if (!isRecord(value))
    throw new CliError("INVALID_INPUT", `${what} must be a mapping of input names to values`);
  return value;
}

/**
 * `raw` converted to the declared type of input `key`: numbers, booleans, JSON for lists and
 * mappings. `label` names the flag and the kind of field in errors (`--set`, "response field").
 */
export function coerceInput(
  key: string,
  raw: string,
  declared: Pick<WorkflowInput, "type"> | undefined,
  label: { flag: string; noun: string } = { flag: "-i", noun: "input" },
): unknown {
  const type = declared?.type ?? "string";
  // A secret input's value is never echoed, not even a mistyped one.
  const shown = isSecretInputName(key) ? "…" : raw;
  const bad = (expected: string) =>
    new CliError(
      "INVALID_INPUT",
      `${label.flag} ${key}=${shown}: ${label.noun} "${key}" is ${type}, expected ${expected}`,
    );
  switch (type) {
    case "string":
      return raw;
    case "int": {
      if (!/^-?\d+$/.test(raw.trim())) throw bad("a whole number");
      return Number(raw);
    }
    case "float": {
      const n = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(n)) throw bad("a number");
      return n;
    }
    case "boolean":
      if (raw === "true") return true;
      if (raw === "false") return false;
      throw bad("true or false");
    default: {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw bad(`JSON ${type === "array" ? "[...]" : "{...}"}`);
      }
      if (type === "array" ? !Array.isArray(value) : !isRecord(value)) throw bad(`a JSON ${type}`);
      return value;
    }
  }
}

/** Merges every source: stdin, then --input-file, then --inputs, then each -i (coerced by type). */
export async function collectInputs(
  cwd: string,
  sources: InputSources,
  declared: Record<string, WorkflowInput>,
): Promise<Record<string, unknown>> {
  // Own properties only: a key such as `__proto__` in a file is an input name, nothing more.
  const inputs = Object.create(null) as Record<string, unknown>;
  const assign = (value: Record<string, unknown>) => {
    for (const [key, entry] of Object.entries(value)) inputs[key] = entry;
  };
  if (sources.stdinText !== undefined) assign(parseMapping(sources.stdinText, "stdin"));
  if (sources.inputFile !== undefined) {
    let text: string;
    try {
      text = await readFile(path.resolve(cwd, sources.inputFile), "utf8");
    } catch {
      throw new CliError(
        "FILE_NOT_FOUND",
        `--input-file ${sources.inputFile}: cannot read the file`,
      );
    }
    assign(parseMapping(text, sources.inputFile));
  }
  if (sources.inputsJson !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(sources.inputsJson);
    } catch (error) {
      throw new CliError("INVALID_INPUT", `--inputs: ${(error as Error).message}`);
    }
    if (!isRecord(value)) throw new CliError("INVALID_INPUT", "--inputs must be a JSON object");
    assign(value);
  }
  for (const pair of sources.pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new CliError("INVALID_INPUT", `-i ${pair}: expected key=value`);
    const key = pair.slice(0, eq);
    if (!Object.hasOwn(declared, key)) {
      const names = Object.keys(declared).join(", ") || "none";
      throw new CliError(
        "UNKNOWN_INPUT",
        `-i ${key}: the workflow declares no input "${key}" (inputs: ${names})`,
      );
    }
    inputs[key] = coerceInput(key, pair.slice(eq + 1), declared[key]);
  }
  return inputs;
}

/** Reads all of a piped stdin as text. */
export async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stream)
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
