// Reference extraction: every `$root` of an expression with its static accessor path (for §12 D1/D2).
import type { Expr } from "./ast.js";

/**
 * One use of a reference: `root` without `$`, `pos` of the `$`, and the accessors that follow it —
 * member names and literal string/number indexes as values, `null` for any other index.
 */
export interface ReferenceUse {
  root: string;
  pos: number;
  path: (string | number | null)[];
}

/** All reference uses of an expression in source order. */
export function collectReferences(expr: Expr): ReferenceUse[] {
  const uses: ReferenceUse[] = [];
  visit(expr, uses);
  return uses;
}

function visit(expr: Expr, uses: ReferenceUse[]): void {
  switch (expr.kind) {
    case "literal":
      return;
    case "reference":
    case "member":
    case "index":
      visitChain(expr, uses);
      return;
    case "not":
      visit(expr.operand, uses);
      return;
    case "binary":
      visit(expr.left, uses);
      visit(expr.right, uses);
      return;
  }
}

/** Unwind an accessor chain to its base; the base's use comes before those inside index brackets. */
function visitChain(expr: Expr, uses: ReferenceUse[]): void {
  const path: (string | number | null)[] = [];
  const indexes: Expr[] = [];
  let node = expr;
  for (;;) {
    if (node.kind === "member") {
      path.push(node.name);
      node = node.object;
    } else if (node.kind === "index") {
      path.push(staticKey(node.index));
      indexes.push(node.index);
      node = node.object;
    } else {
      break;
    }
  }
  path.reverse();
  indexes.reverse();
  if (node.kind === "reference") uses.push({ root: node.name, pos: node.pos, path });
  else visit(node, uses);
  for (const index of indexes) visit(index, uses);
}

function staticKey(index: Expr): string | number | null {
  if (index.kind !== "literal") return null;
  return typeof index.value === "string" || typeof index.value === "number" ? index.value : null;
}
