// workflowTool: exposes a WorkflowSkill document as a tool, with schemas derived from its declared inputs and outputs.
import {
  formatDiagnostic,
  parseWorkflowFromMd,
  runWorkflowSkill,
  validateWorkflowSkill,
  type FieldSchema,
  type JsonSchema,
  type RunLog,
  type RuntimeEvent,
  type RuntimeServices,
  type ToolAdapter,
  type TypeCheckMode,
  type WorkflowInput,
} from "@skillflow/workflow";
import { ToolError, type ToolDefinition, type ToolRunContext } from "./tool.js";

/** Options of `workflowTool`. */
export interface WorkflowToolOptions {
  /** The tool's name in the host that registers it. */
  name: string;
  /** Default: `Runs the "<name>" workflow.` */
  description?: string;
  /** SKILL.md text or bare workflow YAML. */
  content: string;
  /** The tools the workflow's steps call. */
  toolAdapter: ToolAdapter;
  /** Type enforcement of the nested runs; default `"on"`. The derived schemas do not change. */
  typeCheck?: TypeCheckMode;
  /** Clock, ids and sleep of the nested runs. */
  services?: Partial<RuntimeServices>;
  /** Receives the nested runs' events. */
  onEvent?: (event: RuntimeEvent) => void;
}

const JSON_TYPES: Record<string, string> = {
  string: "string",
  int: "integer",
  float: "number",
  boolean: "boolean",
  array: "array",
  object: "object",
};

/** The part of a declared field (or a descriptive `items` / `properties` entry) a schema is built from. */
export interface DeclaredField {
  type: string;
  items?: unknown;
  properties?: unknown;
  nullable?: unknown;
  description?: unknown;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A descriptive `items` or `properties` entry: a type name, a description, or a nested field mapping. */
function entrySchema(entry: unknown): JsonSchema {
  if (typeof entry === "string") {
    const type = Object.hasOwn(JSON_TYPES, entry) ? JSON_TYPES[entry] : undefined;
    return type === undefined ? { description: entry } : { type };
  }
  if (!isMapping(entry)) return {};
  const schema =
    typeof entry.type === "string" ? workflowFieldSchema({ ...entry, type: entry.type }) : {};
  if (typeof entry.description === "string") schema.description = entry.description;
  return schema;
}

/**
 * The JSON Schema of one declared field (§2.2): its type (with `null` when nullable), items,
 * properties and description. A type the language does not have gives `{}` (any value).
 */
export function workflowFieldSchema(field: DeclaredField): JsonSchema {
  const type = Object.hasOwn(JSON_TYPES, field.type) ? JSON_TYPES[field.type] : undefined;
  if (type === undefined) return {};
  const schema: JsonSchema = { type: field.nullable === true ? [type, "null"] : type };
  if (typeof field.description === "string") schema.description = field.description;
  if (field.items !== undefined) schema.items = entrySchema(field.items);
  if (isMapping(field.properties)) {
    schema.properties = Object.fromEntries(
      Object.entries(field.properties).map(([key, entry]) => [key, entrySchema(entry)]),
    );
  }
  return schema;
}

/** The input schema of a workflow: one property per declared input, required unless defaulted or nullable. */
export function workflowInputSchema(inputs: Record<string, WorkflowInput>): JsonSchema {
  const entries: [string, JsonSchema][] = [];
  const required: string[] = [];
  for (const [name, input] of Object.entries(inputs)) {
    const schema = workflowFieldSchema(input);
    if (input.default !== undefined) schema.default = input.default;
    entries.push([name, schema]);
    if (input.default === undefined && input.nullable !== true) required.push(name);
  }
  // fromEntries defines own properties: an input named `__proto__` stays a property.
  const properties = Object.fromEntries(entries);
  return { type: "object", properties, required, additionalProperties: false };
}

/** The output schema of a workflow: one property per declared output. */
export function workflowOutputSchema(outputs: Record<string, FieldSchema>): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries(outputs).map(([name, field]) => [name, workflowFieldSchema(field)]),
  );
  return { type: "object", properties };
}

/** Throws one error listing every located problem of the document. */
function assertValid(options: WorkflowToolOptions): void {
  const { content, toolAdapter, name } = options;
  const result = validateWorkflowSkill({
    content,
    toolAdapter,
    ...(options.typeCheck === undefined ? {} : { typeCheck: options.typeCheck }),
  });
  if (result.valid) return;
  const problems = result.errors.map((e) => formatDiagnostic(e, content, name)).join("\n");
  throw new Error(`Workflow tool "${name}" is invalid:\n${problems}`);
}

/**
 * The ToolError of a failed nested run: bad inputs or an abort (permanent), or a failed step
 * (retryable, as a `workflow` step's child failure is in §13.5).
 */
function runFailure(log: RunLog, signal: AbortSignal): ToolError {
  const message = log.error?.message ?? `Workflow ended with status "${log.status}"`;
  const code = signal.aborted
    ? "ABORTED"
    : log.error?.phase === "validate"
      ? "INVALID_ARGUMENTS"
      : "EXECUTION";
  return new ToolError(code, message, { cause: log.error, retryable: code === "EXECUTION" });
}

/**
 * A tool that runs a WorkflowSkill document with its arguments as inputs and resolves with the
 * workflow's outputs. The document is validated here (tools checked against `toolAdapter`); a
 * document with problems throws one error listing each as `name:line:column CODE message`.
 */
export function workflowTool(options: WorkflowToolOptions): ToolDefinition {
  assertValid(options);
  const workflow = parseWorkflowFromMd(options.content);
  return {
    name: options.name,
    description: options.description ?? `Runs the "${options.name}" workflow.`,
    inputSchema: workflowInputSchema(workflow.inputs),
    outputSchema: workflowOutputSchema(workflow.outputs),
    run: async (args: Record<string, unknown>, context: ToolRunContext) => {
      const log = await runWorkflowSkill({
        content: options.content,
        inputs: args,
        toolAdapter: options.toolAdapter,
        workflowName: options.name,
        signal: context.signal,
        ...(options.typeCheck === undefined ? {} : { typeCheck: options.typeCheck }),
        ...(options.services === undefined ? {} : { services: options.services }),
        ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
      });
      if (log.status !== "success") throw runFailure(log, context.signal);
      return log.outputs;
    },
  };
}
