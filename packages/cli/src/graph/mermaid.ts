// Renders a parsed workflow as a Mermaid flowchart: main steps in order, branches, loops and exits.
import type { Step, WorkflowDefinition } from "@skillflow/workflow";

/** Mermaid node ids must be plain; step ids may hold dashes or dots. */
const nodeId = (id: string): string => `s_${id.replace(/[^A-Za-z0-9_]/g, "_")}`;

/** Text inside a node label, with quotes escaped the Mermaid way. */
const label = (text: string): string => `"${text.replace(/"/g, "#quot;")}"`;

function describe(step: Step): string {
  const kind =
    step.type === "tool"
      ? `tool: ${step.tool}`
      : step.type === "transform"
        ? `transform: ${step.operation}`
        : step.type === "exit"
          ? `exit: ${step.status}`
          : "conditional";
  const loop = step.each === undefined ? "" : `<br/>↻ each ${step.each}`;
  return `${step.id}<br/><small>${kind}</small>${loop}`;
}

function node(step: Step): string {
  const text = label(describe(step));
  if (step.type === "conditional") return `  ${nodeId(step.id)}{${text}}`;
  if (step.type === "exit") return `  ${nodeId(step.id)}([${text}])`;
  return `  ${nodeId(step.id)}[${text}]`;
}

/** Edges through a branch's steps to `next`, the first one labelled; an exit ends the branch. */
function chain(
  from: string,
  ids: readonly string[],
  next: string,
  edge: string,
  byId: ReadonlyMap<string, Step>,
): string[] {
  const lines: string[] = [];
  let previous = from;
  let arrow = edge;
  for (const id of ids) {
    lines.push(`  ${previous} ${arrow} ${nodeId(id)}`);
    previous = nodeId(id);
    arrow = "-->";
    if (byId.get(id)?.type === "exit") return lines;
  }
  lines.push(`  ${previous} ${arrow} ${next}`);
  return lines;
}

/**
 * The flowchart text. Steps named in a `then`/`else` run only inside their branch, so they are
 * drawn there; a guarded step gets a dashed "skipped" edge, and an exit ends the flow unless its
 * guard is false.
 */
export function toMermaid(workflow: WorkflowDefinition): string {
  const byId = new Map(workflow.steps.map((s) => [s.id, s] as const));
  const branchIds = new Set(
    workflow.steps.flatMap((s) => (s.type === "conditional" ? [...s.then, ...(s.else ?? [])] : [])),
  );
  const main = workflow.steps.filter((s) => !branchIds.has(s.id));
  const lines = ["flowchart TD", "  start((start))", "  done((end))", ...workflow.steps.map(node)];
  let previous: string | undefined = "start";
  main.forEach((step, i) => {
    const id = nodeId(step.id);
    const following = main[i + 1];
    const next = following === undefined ? "done" : nodeId(following.id);
    if (previous !== undefined) lines.push(`  ${previous} --> ${id}`);
    previous = id;
    if (step.type === "conditional") {
      lines.push(...chain(id, step.then, next, "-->|then|", byId));
      lines.push(...chain(id, step.else ?? [], next, "-->|else|", byId));
      previous = undefined;
    } else if (step.type === "exit") {
      if (step.condition !== undefined) lines.push(`  ${id} -.->|guard false| ${next}`);
      previous = undefined;
    } else if (step.condition !== undefined) {
      lines.push(`  ${id} -.->|skipped| ${next}`);
    }
  });
  if (previous !== undefined) lines.push(`  ${previous} --> done`);
  return `${lines.join("\n")}\n`;
}
