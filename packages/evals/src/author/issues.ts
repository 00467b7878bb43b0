// The one argument problem worth telling first: zod's first issue, looking inside unions.
import type { z } from "zod";

/** Where an argument is wrong and what is wrong with it. */
export interface ArgumentIssue {
  path: (string | number)[];
  message: string;
}

type Issue = z.core.$ZodIssue;

/**
 * The first issue of `error`; for a value that matches no member of a union, the issue of the
 * member it came closest to (the deepest path), so that `[{ "output": 1 }, "x"]` names element 1
 * rather than "Invalid input" on the list.
 */
export function firstIssue(error: z.ZodError): ArgumentIssue {
  return pick(error.issues[0]!, []);
}

/** `firstIssue` with its path dotted (`items.0.url`); `top` names the whole value (an empty path). */
export function firstIssueField(
  error: z.ZodError,
  top: string,
): { field: string; message: string } {
  const issue = firstIssue(error);
  return { field: issue.path.map(String).join(".") || top, message: issue.message };
}

function pick(issue: Issue, prefix: (string | number)[]): ArgumentIssue {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
  if (issue.code !== "invalid_union" || issue.errors.length === 0)
    return { path, message: issue.message };
  const branches = issue.errors
    .map((branch) => branch[0])
    .filter((first): first is Issue => first !== undefined)
    .map((first) => pick(first, path));
  const deepest = branches.reduce<ArgumentIssue | undefined>(
    (best, b) => (best === undefined || b.path.length > best.path.length ? b : best),
    undefined,
  );
  return deepest ?? { path, message: issue.message };
}
