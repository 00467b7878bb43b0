// Renders a parsed workflow as a Mermaid flowchart: main steps in order, branches, loops, exits,
// approvals, and each `workflow` step's child drawn as a subgraph (§13.5).
import type { Step, WorkflowDefinition } from "@skillflow/workflow";

/** A `workflow` step's child to draw inside the parent's chart (see `subWorkflows`). */
export interface ChildChart {
  /** The id of the `workflow` step. */
  step: string;
  ref: string;
  workflow: WorkflowDefinition;
  children: readonly ChildChart[];
}

/** Longest approval message shown in its node. */
const MESSAGE_WIDTH = 60;

/** Mermaid node ids must be plain; step ids may hold dashes or dots. `prefix` keeps children's apart. */
const plainId = (prefix: string, id: string): string =>
  `${prefix}s_${id.replace(/[^A-Za-z0-9_]/g, "_")}`;

/** Text inside a node label, with quotes escaped the Mermaid way. */
const label = (text: string): string => `"${text.replace(/"/g, "#quot;")}"`;

function kindOf(step: Step): string {
  switch (step.type) {
    case "tool":
      return `tool: ${step.tool}`;
    case "transform":
      return `transform: ${step.operation}`;
    case "exit":
      return `exit: ${step.status}`;
    case "workflow":
      return `workflow: ${step.workflow}`;
    default:
      return step.type;
  }
}

function describe(step: Step): string {
  const loop = step.each === undefined ? "" : `<br/>↻ each ${step.each}`;
  let text = `${step.id}<br/><small>${kindOf(step)}</small>${loop}`;
  if (step.type === "approval") {
    const message =
      step.message.length > MESSAGE_WIDTH
        ? `${step.message.slice(0, MESSAGE_WIDTH)}…`
        : step.message;
    text += `<br/>${message.replace(/\s+/g, " ")}`;
  }
  return text;
}

function node(step: Step, id: string): string {
  const text = label(describe(step));
  if (step.type === "conditional") return `${id}{${text}}`;
  if (step.type === "exit") return `${id}([${text}])`;
  if (step.type === "approval") return `${id}{{${text}}}`;
  return `${id}[${text}]`;
}

/** How one chart (the top one or a subgraph) names its nodes. */
interface Chart {
  prefix: string;
  /** Numbers the subgraphs of the whole drawing, so their node ids never collide. */
  counter: { next: number };
}

/** Edges through a branch's steps to `next`, the first one labelled; an exit ends the branch. */
function chain(
  from: string,
  ids: readonly string[],
  next: string,
  edge: string,
  byId: ReadonlyMap<string, Step>,
  prefix: string,
): string[] {
  const lines: string[] = [];
  let previous = from;
  let arrow = edge;
  for (const id of ids) {
    lines.push(`${previous} ${arrow} ${plainId(prefix, id)}`);
    previous = plainId(prefix, id);
    arrow = "-->";
    if (byId.get(id)?.type === "exit") return lines;
  }
  lines.push(`${previous} ${arrow} ${next}`);
  return lines;
}

/** The edges of one workflow's main flow, from its start node to its end node. */
function edges(workflow: WorkflowDefinition, prefix: string): string[] {
  const byId = new Map(workflow.steps.map((s) => [s.id, s] as const));
  const branchIds = new Set(
    workflow.steps.flatMap((s) => (s.type === "conditional" ? [...s.then, ...(s.else ?? [])] : [])),
  );
  const main = workflow.steps.filter((s) => !branchIds.has(s.id));
  const lines: string[] = [];
  let previous: string | undefined = `${prefix}start`;
  main.forEach((step, i) => {
    const id = plainId(prefix, step.id);
    const following = main[i + 1];
    const next = following === undefined ? `${prefix}done` : plainId(prefix, following.id);
    if (previous !== undefined) lines.push(`${previous} --> ${id}`);
    previous = id;
    if (step.type === "conditional") {
      lines.push(...chain(id, step.then, next, "-->|then|", byId, prefix));
      lines.push(...chain(id, step.else ?? [], next, "-->|else|", byId, prefix));
      previous = undefined;
    } else if (step.type === "exit") {
      if (step.condition !== undefined) lines.push(`${id} -.->|guard false| ${next}`);
      previous = undefined;
    } else if (step.condition !== undefined) {
      lines.push(`${id} -.->|skipped| ${next}`);
    }
  });
  if (previous !== undefined) lines.push(`${previous} --> ${prefix}done`);
  return lines;
}

/** One workflow's nodes, edges and subgraphs, each line indented by `indent`. */
function draw(
  workflow: WorkflowDefinition,
  children: readonly ChildChart[],
  chart: Chart,
  indent: string,
): string[] {
  const { prefix } = chart;
  const lines = [`${prefix}start((start))`, `${prefix}done((end))`];
  lines.push(...workflow.steps.map((s) => node(s, plainId(prefix, s.id))));
  lines.push(...edges(workflow, prefix));
  const out = lines.map((l) => indent + l);
  for (const child of children) {
    const graph = `w${chart.counter.next++}`;
    out.push(`${indent}subgraph ${graph} [${label(`${child.step} → ${child.ref}`)}]`);
    const inner = { prefix: `${graph}_`, counter: chart.counter };
    out.push(...draw(child.workflow, child.children, inner, `${indent}  `));
    out.push(`${indent}end`);
    out.push(`${indent}${plainId(prefix, child.step)} -.->|calls| ${graph}`);
  }
  return out;
}

/**
 * The flowchart text. Steps named in a `then`/`else` run only inside their branch, so they are
 * drawn there; a guarded step gets a dashed "skipped" edge, and an exit ends the flow unless its
 * guard is false. Each of `children` (the resolved child of a `workflow` step) is a subgraph with
 * its own start and end, reached by a dashed "calls" edge from its step.
 */
export function toMermaid(
  workflow: WorkflowDefinition,
  children: readonly ChildChart[] = [],
): string {
  const lines = draw(workflow, children, { prefix: "", counter: { next: 1 } }, "  ");
  return `${["flowchart TD", ...lines].join("\n")}\n`;
}
