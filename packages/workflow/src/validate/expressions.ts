// §12 D2: every expression and template is parsed at validation; syntax and reference scope are checked.
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { TemplateSegment } from "../expression/ast.js";
import { collectReferences, type ExpressionCache, type ReferenceUse } from "../expression/index.js";
import { report, type ValidateContext } from "./context.js";
import { mentionsResultInWorkflowOutput } from "./references.js";
import { expressionSites, type ExpressionSite } from "./sites.js";

/** The `$` roots of §4.5; any other name is an unknown reference. */
const KNOWN_ROOTS: ReadonlySet<string> = new Set(["inputs", "steps", "item", "index", "result"]);

/** The members of `$steps.<id>` (§13.3); any other is UNKNOWN_STEP_MEMBER under type checking. */
const STEP_MEMBERS: ReadonlySet<string> = new Set(["output", "status", "error"]);

/** A step id for messages: the static id, or `<id>` when it is computed. */
function stepName(id: string | number | null | undefined): string {
  return typeof id === "string" || typeof id === "number" ? String(id) : "<id>";
}

/** One problem of a site, deduplicated by code and message so a repeated misuse is reported once. */
interface Finding {
  code: DiagnosticCode;
  message: string;
  /** 0-based index into the site's string. */
  index: number;
}

/** The syntax diagnostic of a parser error: code, message and position inside the string. */
function syntaxFinding(error: unknown): Finding {
  const fields = (error ?? {}) as { code?: unknown; position?: unknown; message?: unknown };
  return {
    code: fields.code === "EXPRESSION_TOO_DEEP" ? "EXPRESSION_TOO_DEEP" : "EXPRESSION_SYNTAX",
    message: typeof fields.message === "string" ? fields.message : String(error),
    index: typeof fields.position === "number" ? fields.position : 0,
  };
}

function itemMessage(site: ExpressionSite, name: string): string {
  if (site.item === "each-header") {
    const field = String(site.path[site.path.length - 1]);
    return `"$${name}" cannot be used in "${field}" of an "each" step: it is evaluated before any iteration`;
  }
  return `"$${name}" is only valid in the inputs and outputs of an "each" step, a filter "where" or a map "expression"`;
}

/** The scope problem of one reference, if any. */
function referenceFinding(
  ctx: ValidateContext,
  site: ExpressionSite,
  ref: ReferenceUse,
): Omit<Finding, "index"> | undefined {
  if (!KNOWN_ROOTS.has(ref.root)) {
    return { code: "UNKNOWN_REFERENCE", message: `Unknown reference: $${ref.root}` };
  }
  if ((ref.root === "item" || ref.root === "index") && site.item !== "iteration") {
    return { code: "ITEM_OUTSIDE_EACH", message: itemMessage(site, ref.root) };
  }
  if (ref.root === "result" && site.result !== "output") {
    // V25 already reports the workflow outputs its text test catches; do not say it twice.
    if (site.result === "workflow-output" && mentionsResultInWorkflowOutput(site.text)) {
      return undefined;
    }
    return {
      code: "RESULT_OUTSIDE_OUTPUT",
      message: '"$result" is only valid in step output "value"',
    };
  }
  const first = ref.path[0];
  const member = ref.path[1];
  // §13.3: `typeCheck: "off"` keeps the §4.6 reading of an unknown member (absent).
  if (
    ctx.typed &&
    ref.root === "steps" &&
    (typeof member === "string" || typeof member === "number") &&
    !STEP_MEMBERS.has(String(member))
  ) {
    return {
      code: "UNKNOWN_STEP_MEMBER",
      message: `"$steps.${stepName(first)}.${String(member)}" is not a step member: use output, status or error`,
    };
  }
  // Input declarations are part of the typed contract: `typeCheck: "off"` lets undeclared inputs be read (§2.3).
  if (
    ctx.typed &&
    ref.root === "inputs" &&
    (typeof first === "string" || typeof first === "number")
  ) {
    const name = String(first);
    if (!Object.hasOwn(ctx.workflow.inputs ?? {}, name)) {
      return {
        code: "UNDECLARED_INPUT",
        message: `Input "${name}" is not declared in the workflow inputs`,
      };
    }
  }
  return undefined;
}

/** Index in the whole string of position `pos` of a block's expression (its source is `$` + block text). */
function blockIndex(segment: Extract<TemplateSegment, { kind: "block" }>, pos: number): number {
  return pos === 0 ? segment.offset : segment.offset + pos + 1;
}

/** Syntax and reference findings of one site. */
function siteFindings(
  ctx: ValidateContext,
  cache: ExpressionCache,
  site: ExpressionSite,
): Finding[] {
  const located: { ref: ReferenceUse; index: number }[] = [];
  if (site.form === "expression") {
    const parsed = cache.expression(site.text);
    if (!parsed.ok) return [syntaxFinding(parsed.error)];
    for (const ref of collectReferences(parsed.expr)) located.push({ ref, index: ref.pos });
  } else {
    const parsed = cache.template(site.text);
    if (!parsed.ok) return [syntaxFinding(parsed.error)];
    for (const segment of parsed.segments) {
      if (segment.kind !== "block") continue;
      for (const ref of collectReferences(segment.expr))
        located.push({ ref, index: blockIndex(segment, ref.pos) });
    }
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { ref, index } of located) {
    const finding = referenceFinding(ctx, site, ref);
    if (finding === undefined || seen.has(`${finding.code}\n${finding.message}`)) continue;
    seen.add(`${finding.code}\n${finding.message}`);
    findings.push({ ...finding, index });
  }
  return findings;
}

/**
 * D2: parses every expression site through `cache` (so the compile stage reuses the trees) and
 * reports syntax errors, unknown `$` roots, `$item`/`$index` and `$result` out of scope and reads of
 * undeclared inputs — each located at the offending character inside the string.
 */
export function checkExpressions(ctx: ValidateContext, cache: ExpressionCache): void {
  for (const site of expressionSites(ctx.workflow)) {
    for (const finding of siteFindings(ctx, cache, site)) {
      report(ctx, finding.code, finding.message, site.path, { index: finding.index });
    }
  }
}
