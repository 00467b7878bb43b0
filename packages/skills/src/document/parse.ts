// Reads a SKILL.md into its frontmatter and body, checking each field against the format.
import { splitDocument, type Place } from "./_frontmatter.js";
import type { SkillDiagnostic, SkillDiagnosticCode } from "./diagnostics.js";
import {
  AGENT_FIELDS,
  LIMITS,
  NAME_PATTERN,
  SPEC_FIELDS,
  type SkillFrontmatter,
} from "./fields.js";

/** How strictly fields are checked: `strict` allows only the six specification fields. */
export type SkillValidationLevel = "default" | "strict";

/** Options of `parseSkill`. */
export interface ParseSkillOptions {
  /** Names the document in diagnostics; default `SKILL.md`. */
  file?: string;
  /** The skill folder's name; `name` must equal it. */
  folderName?: string;
  level?: SkillValidationLevel;
}

/** A parsed skill document. `frontmatter` is undefined when the skill cannot be loaded. */
export interface ParsedSkill {
  frontmatter: SkillFrontmatter | undefined;
  /** The body without frontmatter. */
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  /** Whether the body holds a ```workflow block (the skill can be run). */
  runnable: boolean;
  diagnostics: SkillDiagnostic[];
}

const SPEC = new Set<string>(SPEC_FIELDS);
const AGENT = new Set<string>(AGENT_FIELDS);
const WORKFLOW_FENCE = /^(`{3,}|~{3,})workflow[ \t]*$/m;

interface Field {
  value: unknown;
  keyAt: Place;
  valueAt: Place;
}

class Checker {
  readonly diagnostics: SkillDiagnostic[] = [];
  constructor(
    private readonly file: string,
    private readonly strict: boolean,
  ) {}

  report(code: SkillDiagnosticCode, field: string, at: Place, message: string, warn = false) {
    this.diagnostics.push({
      code,
      severity: warn ? "warning" : "error",
      message,
      file: this.file,
      line: at.line,
      column: at.column,
      field,
    });
  }

  /** A string field; other types are INVALID_FIELD. */
  string(fields: Map<string, Field>, name: string, max?: number): string | undefined {
    const field = fields.get(name);
    if (field === undefined || field.value === null) return undefined;
    if (typeof field.value !== "string") {
      this.report("INVALID_FIELD", name, field.valueAt, `${name} must be a string`);
      return undefined;
    }
    if (max !== undefined && field.value.length > max)
      this.report(
        "INVALID_FIELD",
        name,
        field.valueAt,
        `${name} has ${field.value.length} characters, more than ${max}`,
      );
    return field.value;
  }

  boolean(fields: Map<string, Field>, name: string): boolean | undefined {
    const field = fields.get(name);
    if (field === undefined || field.value === null) return undefined;
    if (typeof field.value === "boolean") return field.value;
    this.report("INVALID_FIELD", name, field.valueAt, `${name} must be true or false`);
    return undefined;
  }

  /** A list of strings, also accepted as one space- or comma-separated string. */
  list(fields: Map<string, Field>, name: string): string[] | undefined {
    const field = fields.get(name);
    if (field === undefined || field.value === null) return undefined;
    if (typeof field.value === "string") return field.value.split(/[\s,]+/).filter(Boolean);
    if (Array.isArray(field.value) && field.value.every((v) => typeof v === "string"))
      return field.value;
    this.report("INVALID_FIELD", name, field.valueAt, `${name} must be a list of strings`);
    return undefined;
  }

  metadata(fields: Map<string, Field>): Record<string, string> | undefined {
    const field = fields.get("metadata");
    if (field === undefined || field.value === null) return undefined;
    const value = field.value;
    if (typeof value !== "object" || Array.isArray(value)) {
      this.report("INVALID_FIELD", "metadata", field.valueAt, "metadata must be a mapping");
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v !== "string") {
        const coerced = typeof v === "number" || typeof v === "boolean";
        this.report(
          "INVALID_FIELD",
          "metadata",
          field.valueAt,
          `metadata.${key} must be a string${coerced && !this.strict ? ` (read as "${String(v)}")` : ""}`,
          coerced && !this.strict,
        );
        if (!coerced) continue;
      }
      out[key] = String(v);
    }
    return out;
  }
}

function checkName(c: Checker, fields: Map<string, Field>, folderName: string | undefined) {
  const field = fields.get("name");
  const name = c.string(fields, "name");
  if (field === undefined || name === undefined || name === "") {
    if (field === undefined || field.value === null || name === "")
      c.report(
        "MISSING_NAME",
        "name",
        field?.valueAt ?? { line: 1, column: 1 },
        "name is required",
      );
    return undefined;
  }
  if (name.length > LIMITS.name)
    c.report(
      "INVALID_NAME",
      "name",
      field.valueAt,
      `name has ${name.length} characters, more than ${LIMITS.name}`,
    );
  else if (!NAME_PATTERN.test(name))
    c.report(
      "INVALID_NAME",
      "name",
      field.valueAt,
      `name "${name}" must be lowercase letters, digits and single hyphens, not at either end`,
    );
  if (folderName !== undefined && name !== folderName)
    c.report(
      "NAME_MISMATCH",
      "name",
      field.valueAt,
      `name "${name}" differs from its folder "${folderName}"`,
    );
  return name;
}

function checkDescription(c: Checker, fields: Map<string, Field>) {
  const field = fields.get("description");
  const description = c.string(fields, "description", LIMITS.description);
  if (description === undefined || description.trim() === "") {
    if (field === undefined || field.value === null || description !== undefined)
      c.report(
        "MISSING_DESCRIPTION",
        "description",
        field?.valueAt ?? { line: 1, column: 1 },
        "description is required: agents choose skills by it",
      );
    return undefined;
  }
  return description;
}

function checkAngles(c: Checker, fields: Map<string, Field>, strict: boolean) {
  for (const name of ["name", "description"]) {
    const field = fields.get(name);
    if (field && typeof field.value === "string" && /[<>]/.test(field.value))
      c.report(
        "ANGLE_BRACKETS",
        name,
        field.valueAt,
        `${name} contains < or >, which skill upload APIs and packagers refuse`,
        !strict,
      );
  }
}

function checkKeys(c: Checker, fields: Map<string, Field>, strict: boolean) {
  for (const [name, field] of fields) {
    if (SPEC.has(name)) continue;
    if (AGENT.has(name)) {
      if (strict)
        c.report(
          "NOT_A_SPEC_FIELD",
          name,
          field.keyAt,
          `${name} is not one of the specification's fields`,
        );
    } else c.report("UNKNOWN_FIELD", name, field.keyAt, `unknown field ${name}`, !strict);
  }
}

/**
 * Strict validation is what other tools can load: a plain value holding `: ` is invalid YAML that
 * skillflow reads leniently but `skills`, skills-ref and most agents reject, so it is an error.
 */
function strictly(d: SkillDiagnostic): SkillDiagnostic {
  if (d.code !== "UNQUOTED_COLON") return d;
  return {
    ...d,
    severity: "error",
    message:
      'value contains ": ", which is not valid YAML unquoted (other tools cannot load this file): quote it, e.g. description: "Use when: …"',
  };
}

/** Parses and checks a SKILL.md; never throws. */
export function parseSkill(text: string, options: ParseSkillOptions = {}): ParsedSkill {
  const file = options.file ?? "SKILL.md";
  const strict = options.level === "strict";
  const split = splitDocument(text, file);
  const runnable = WORKFLOW_FENCE.test(split.body);
  const result = (frontmatter: SkillFrontmatter | undefined, extra: SkillDiagnostic[]) => ({
    frontmatter,
    body: split.body,
    bodyLine: split.bodyLine,
    runnable,
    diagnostics: [...split.diagnostics.map((d) => (strict ? strictly(d) : d)), ...extra],
  });
  if (split.fields === undefined) return result(undefined, []);
  const fields = split.fields;
  const c = new Checker(file, strict);
  const name = checkName(c, fields, options.folderName);
  const description = checkDescription(c, fields);
  checkAngles(c, fields, strict);
  const fm: Partial<SkillFrontmatter> = {};
  const set = <K extends keyof SkillFrontmatter>(
    key: K,
    value: SkillFrontmatter[K] | undefined,
  ) => {
    if (value !== undefined) fm[key] = value;
  };
  set("license", c.string(fields, "license"));
  set("compatibility", c.string(fields, "compatibility", LIMITS.compatibility));
  set("metadata", c.metadata(fields));
  set("allowedTools", c.list(fields, "allowed-tools"));
  set("whenToUse", c.string(fields, "when_to_use"));
  set("arguments", c.list(fields, "arguments"));
  set("argumentHint", c.string(fields, "argument-hint"));
  set("disableModelInvocation", c.boolean(fields, "disable-model-invocation"));
  set("userInvocable", c.boolean(fields, "user-invocable"));
  set("model", c.string(fields, "model"));
  set("context", c.string(fields, "context"));
  checkKeys(c, fields, strict);
  // A missing name falls back to the folder's, as agents do; a missing description cannot.
  const effectiveName = name ?? options.folderName;
  if (effectiveName === undefined || description === undefined)
    return result(undefined, c.diagnostics);
  return result({ ...fm, name: effectiveName, description }, c.diagnostics);
}
