// The SourceMap of a parsed YAML document: document paths → positions in the original file.
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from "yaml";
import type { DocPath } from "../diagnostics/diagnostic.js";
import type { SourceMap, SourcePosition } from "../diagnostics/source-map.js";
import type { SourceText } from "./_text.js";
import { offsetInScalar } from "./_scalar.js";

/** The node found at a path, and the key node of its mapping entry when it has one. */
interface Found {
  node: Node | null;
  key: Node | undefined;
}

/** Locates nodes of one YAML document that starts at offset `start` of the normalised content. */
export class YamlSourceMap implements SourceMap {
  /** Entries of each mapping by key text, built on first lookup: one lookup per diagnostic stays O(1). */
  private readonly entries = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly source: SourceText,
    private readonly start: number,
  ) {}

  /** Position of the node at `path` (its key when `key` is set and it is a mapping entry). */
  locate(path: DocPath, key = false): SourcePosition | undefined {
    const found = this.find(path);
    if (!found) return undefined;
    const node = key ? found.key : (found.node ?? found.key);
    return node?.range ? this.at(node.range[0]) : undefined;
  }

  /** Position of character `index` of the string scalar at `path`; the scalar's start when not exact. */
  locateInString(path: DocPath, index: number): SourcePosition | undefined {
    const node = this.find(path)?.node;
    if (!node?.range) return undefined;
    const begin = node.range[0];
    if (!isScalar(node) || typeof node.value !== "string") return this.at(begin);
    const text = this.source.text.slice(this.start + begin, this.start + node.range[1]);
    return this.at(begin + (offsetInScalar(text, node.type, index) ?? 0));
  }

  /** Position of an offset in the original content. */
  position(offset: number): SourcePosition {
    return this.source.position(offset);
  }

  private at(yamlOffset: number): SourcePosition {
    return this.source.at(this.start + yamlOffset);
  }

  private entriesOf(map: YAMLMap): Map<string, Pair> {
    let entries = this.entries.get(map);
    if (!entries) {
      entries = new Map();
      for (const item of map.items) {
        const key = isScalar(item.key) ? String(item.key.value) : undefined;
        // The first entry wins, as a linear search would find it.
        if (key !== undefined && !entries.has(key)) entries.set(key, item);
      }
      this.entries.set(map, entries);
    }
    return entries;
  }

  private find(path: DocPath): Found | undefined {
    let found: Found = { node: this.doc.contents, key: undefined };
    for (const segment of path) {
      const next = this.child(found.node, segment);
      if (!next) return undefined;
      found = next;
    }
    return found;
  }

  private child(parent: Node | null, segment: string | number): Found | undefined {
    const node = isAlias(parent) ? (parent.resolve(this.doc) ?? null) : parent;
    if (isMap(node)) {
      const pair = this.entriesOf(node).get(String(segment));
      return pair
        ? { node: (pair.value as Node | null) ?? null, key: pair.key as Node }
        : undefined;
    }
    if (isSeq(node)) {
      const index =
        typeof segment === "number" ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      const item = node.items[index] as Node | null | undefined;
      return item === undefined ? undefined : { node: item, key: undefined };
    }
    return undefined;
  }
}

/**
 * Position of `path` or, when that node does not exist (a missing field), of its nearest existing
 * ancestor; with `key`, a mapping entry is located at its key.
 */
export function locateNearest(
  map: SourceMap | undefined,
  path: DocPath,
  key = false,
): SourcePosition | undefined {
  if (!map) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const prefix = path.slice(0, n);
    const at =
      (key && n === path.length ? map.locate(prefix, true) : undefined) ?? map.locate(prefix);
    if (at) return at;
  }
  return undefined;
}
