// Duplicate mapping keys in linear time (the `yaml` check compares each key with every earlier one).
import { YAMLParseError, isMap, isScalar, visit, type Document } from "yaml";
import { MAX_DIAGNOSTICS } from "../diagnostics/limit.js";

/**
 * Adds a `DUPLICATE_KEY` error, as `yaml`'s own `uniqueKeys` check words and places it, for every
 * repeated key of every mapping of `doc`, keeping `doc.errors` in document order. `yaml` finds them
 * by comparing each new key with all earlier keys of its mapping, which is quadratic: 40 000 keys
 * took 18 s, and a 5 MB document minutes and gigabytes. Here each mapping keeps a set of the scalar values seen.
 */
export function reportDuplicateKeys(doc: Document.Parsed): void {
  let added = false;
  visit(doc, {
    Map(_key, map) {
      // Past the number of problems a document reports, more errors would only cost memory.
      if (doc.errors.length > MAX_DIAGNOSTICS) return visit.BREAK;
      if (!isMap(map) || map.items.length < 2) return undefined;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        // `yaml` compares scalars by value and other keys (collections, aliases) by identity.
        if (!isScalar(key)) continue;
        if (!seen.has(key.value)) {
          seen.add(key.value);
          continue;
        }
        const at = key.range?.[0] ?? 0;
        doc.errors.push(
          new YAMLParseError([at, at + 1], "DUPLICATE_KEY", "Map keys must be unique"),
        );
        added = true;
        if (doc.errors.length > MAX_DIAGNOSTICS) return visit.BREAK;
      }
      return undefined;
    },
  });
  if (added) doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}
