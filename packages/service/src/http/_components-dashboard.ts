// JSON Schemas of the dashboard's data (sessions, login links, skills, evaluations) for the OpenAPI document.
import type { JsonSchema } from "./_schema.js";

const str: JsonSchema = { type: "string" };
const bool: JsonSchema = { type: "boolean" };
const int: JsonSchema = { type: "integer" };
const anyObject: JsonSchema = { type: "object", additionalProperties: true };

const skillInfo: Record<string, JsonSchema> = {
  name: str,
  id: { type: "string", description: "`scope:name`." },
  scope: str,
  description: str,
  enabled: bool,
  shadowed: { type: "boolean", description: "Hidden by a skill of the same name with precedence." },
  runnable: { type: "boolean", description: "Holds a workflow block." },
  trusted: { type: "boolean", description: "Its commands may run." },
  problems: {
    type: "array",
    items: {
      type: "object",
      required: ["code", "message"],
      properties: { code: str, message: str, line: int, column: int },
    },
  },
};
const skillInfoRequired = Object.keys(skillInfo);

/** The dashboard's part of `components.schemas`. */
export const DASHBOARD_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  Session: {
    type: "object",
    required: ["authenticated", "via"],
    properties: {
      authenticated: { type: "boolean", enum: [true] },
      via: { type: "string", enum: ["cookie", "token"] },
    },
  },
  LoggedOut: {
    type: "object",
    required: ["loggedOut"],
    properties: {
      loggedOut: {
        type: "boolean",
        description: "A cookie session was ended (false for a token).",
      },
    },
  },
  LoginLink: {
    type: "object",
    required: ["url", "expiresAt"],
    properties: {
      url: { type: "string", description: "Opens the dashboard once (`/login?code=...`)." },
      expiresAt: { type: "string", format: "date-time" },
    },
  },
  SkillInfo: { type: "object", required: skillInfoRequired, properties: skillInfo },
  SkillDetail: {
    type: "object",
    required: [...skillInfoRequired, "body", "inputs", "files"],
    properties: {
      ...skillInfo,
      body: {
        type: "string",
        description: "SKILL.md without its frontmatter: raw Markdown (render it safely).",
      },
      inputs: { ...anyObject, description: "The declared workflow inputs (a run form)." },
      files: { type: "array", items: str, description: "The skill folder's files, relative." },
    },
  },
  EvalReportSummary: {
    type: "object",
    required: ["id", "skill"],
    additionalProperties: true,
    properties: { id: str, skill: str },
  },
  EvalReport: { ...anyObject, description: "A report of `skillflow eval` (docs/evals.md)." },
  EvalHistoryRecord: {
    ...anyObject,
    description: "One (skill, model) result of the evaluation history (docs/evals.md).",
  },
};
