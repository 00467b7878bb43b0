// Reads YAML nodes with their places, turning every shape problem into a located diagnostic.
import { isMap, isScalar, isSeq, type LineCounter, type Node, type YAMLMap } from "yaml";
import type { SuiteDiagnostic, SuiteDiagnosticCode } from "./diagnostics.js";

/** A value node with its data path; `node` is null for an empty value, placed at `near` instead. */
export interface At {
  node: Node | null;
  path: string;
  near?: Node;
}

/** A mapping's fields by key, with the mapping itself for "missing field" places. */
export interface Fields extends At {
  node: YAMLMap;
  get(key: string): At | undefined;
  keys(): { key: string; at: At; keyNode: Node }[];
}

/** The path of `key` inside `path`; keys that are not identifiers are quoted. */
export function child(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === "" ? key : `${path}.${key}`;
}

/** Collects diagnostics for one file while walking its YAML tree. */
export class Reader {
  readonly diagnostics: SuiteDiagnostic[] = [];

  constructor(
    readonly file: string,
    private readonly counter: LineCounter,
  ) {}

  /** Records a problem about the value at `at` (the document start when it has no place). */
  report(
    code: SuiteDiagnosticCode,
    message: string,
    at: At,
    severity: "error" | "warning" = "error",
  ): void {
    this.diagnostics.push({ code, severity, message, ...this.place(at) });
  }

  /** Where the value at `at` is: file, 1-based line and column, and data path. */
  place(at: At): { file: string; line: number; column: number; path: string } {
    const node = at.node ?? at.near;
    const { line, col } = this.counter.linePos(node?.range?.[0] ?? 0);
    return { file: this.file, line, column: col, path: at.path };
  }

  /** The mapping at `at`, or a reported INVALID_FIELD. */
  map(at: At, what: string): Fields | undefined {
    if (!isMap(at.node)) {
      this.report("INVALID_FIELD", `${what} must be a mapping (object)`, at);
      return undefined;
    }
    const entries = new Map<string, { at: At; keyNode: Node }>();
    for (const pair of at.node.items) {
      const keyNode = pair.key as Node;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const value = (pair.value ?? null) as Node | null;
      const empty = value === null || (isScalar(value) && value.value === null);
      // An empty value is placed at its key, so its diagnostic points somewhere useful.
      const field = { node: empty ? null : value, path: child(at.path, key), near: keyNode };
      entries.set(key, { at: field, keyNode });
    }
    return {
      node: at.node,
      path: at.path,
      get: (key) => entries.get(key)?.at,
      keys: () => [...entries].map(([key, e]) => ({ key, ...e })),
    };
  }

  /** The items of the sequence at `at`, or a reported INVALID_FIELD. */
  list(at: At, what: string): At[] | undefined {
    if (!isSeq(at.node)) {
      this.report("INVALID_FIELD", `${what} must be a list`, at);
      return undefined;
    }
    return at.node.items.map((item, i) => ({
      node: (item ?? null) as Node | null,
      path: child(at.path, i),
    }));
  }

  /** The scalar value at `at`, or undefined for collections and empty values. */
  scalar(at: At): unknown {
    return isScalar(at.node) ? at.node.value : undefined;
  }

  /** A required field, or a reported MISSING_FIELD placed at the mapping. */
  need(fields: Fields, key: string, what: string): At | undefined {
    const at = fields.get(key);
    if (at && at.node !== null) return at;
    // Placed at the empty value's key, or at the mapping when the key is absent altogether.
    const place = at ?? { node: fields.node, path: child(fields.path, key) };
    this.report("MISSING_FIELD", `${what} is required`, place);
    return undefined;
  }

  /** A non-empty string, or a reported INVALID_FIELD. */
  string(at: At, what: string, allowEmpty = false): string | undefined {
    const value = this.scalar(at);
    if (typeof value === "string" && (allowEmpty || value.trim() !== "")) return value;
    this.report("INVALID_FIELD", `${what} must be a${allowEmpty ? "" : " non-empty"} string`, at);
    return undefined;
  }

  /** A finite number within [min, max], or a reported INVALID_FIELD. */
  number(at: At, what: string, min = 0, max = Infinity): number | undefined {
    const value = this.scalar(at);
    if (typeof value === "number" && Number.isFinite(value) && value >= min && value <= max)
      return value;
    const range = max === Infinity ? `at least ${min}` : `from ${min} to ${max}`;
    this.report("INVALID_FIELD", `${what} must be a number ${range}`, at);
    return undefined;
  }

  /** A boolean, or a reported INVALID_FIELD. */
  boolean(at: At, what: string): boolean | undefined {
    const value = this.scalar(at);
    if (typeof value === "boolean") return value;
    this.report("INVALID_FIELD", `${what} must be true or false`, at);
    return undefined;
  }

  /** Warns about keys outside `known`, which are most often typos of known ones. */
  unknownKeys(fields: Fields, known: readonly string[], what: string): void {
    for (const { key, keyNode } of fields.keys())
      if (!known.includes(key))
        this.report(
          "UNKNOWN_FIELD",
          `unknown ${what} field "${key}"`,
          { node: keyNode, path: child(fields.path, key) },
          "warning",
        );
  }
}
