// Maps a webhook's JSON body to workflow inputs through simple JSON paths (`$.pull_request.title`).

/** One step of a parsed path: an object key or an array index. */
export type PathSegment = { key: string } | { index: number };

/** Why a mapping failed for one input. */
export type MappingProblemCode = "INVALID_PATH" | "MISSING_VALUE";

/** A coded problem of `mapBodyToInputs`, naming the input and its path. */
export interface MappingProblem {
  code: MappingProblemCode;
  input: string;
  path: string;
  message: string;
}

/** The inputs read from the body, or every problem found. */
export type MappingResult =
  { ok: true; inputs: Record<string, unknown> } | { ok: false; problems: MappingProblem[] };

const SEGMENT = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d{1,9})\]|\["((?:[^"\\]|\\.)*)"\])/;

/**
 * Parses `$`, `$.a.b`, `$.items[0].name` or `$["odd key"]`; answers undefined for anything else
 * (no wildcards, filters or recursion: one path names one value).
 */
export function parseBodyPath(path: string): PathSegment[] | undefined {
  if (!path.startsWith("$")) return undefined;
  const segments: PathSegment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest);
    if (m === null) return undefined;
    if (m[1] !== undefined) segments.push({ key: m[1] });
    else if (m[2] !== undefined) segments.push({ index: Number(m[2]) });
    else segments.push({ key: JSON.parse(`"${m[3] ?? ""}"`) as string });
    rest = rest.slice(m[0].length);
  }
  return segments;
}

/** Reads one path from a JSON value through own properties only (never the prototype chain). */
export function readBodyPath(
  body: unknown,
  segments: readonly PathSegment[],
): { value: unknown } | undefined {
  let current = body;
  for (const segment of segments) {
    if ("index" in segment) {
      if (!Array.isArray(current) || segment.index >= current.length) return undefined;
      current = current[segment.index] as unknown;
    } else {
      if (current === null || typeof current !== "object" || Array.isArray(current))
        return undefined;
      if (!Object.hasOwn(current, segment.key)) return undefined;
      current = (current as Record<string, unknown>)[segment.key];
    }
  }
  return { value: current };
}

/**
 * The workflow inputs a hook declaration maps from `body` (`mapping`: input name → path). Every
 * path must be valid and name a value present in the body; `null` counts as present. The result
 * is built with `Object.fromEntries`, so an input named `__proto__` is an ordinary own key.
 */
export function mapBodyToInputs(
  body: unknown,
  mapping: Readonly<Record<string, string>>,
): MappingResult {
  const entries: [string, unknown][] = [];
  const problems: MappingProblem[] = [];
  for (const [input, path] of Object.entries(mapping)) {
    const segments = typeof path === "string" ? parseBodyPath(path) : undefined;
    if (segments === undefined) {
      problems.push({
        code: "INVALID_PATH",
        input,
        path: String(path),
        message: `Input "${input}": "${String(path)}" is not a body path; write $.field.sub, $.list[0] or $["odd key"]`,
      });
      continue;
    }
    const found = readBodyPath(body, segments);
    if (found === undefined) {
      problems.push({
        code: "MISSING_VALUE",
        input,
        path,
        message: `Input "${input}": the body has no value at ${path}; check the sender's payload or the hook's mapping`,
      });
      continue;
    }
    entries.push([input, found.value]);
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, inputs: Object.fromEntries(entries) };
}
