// `yaml`'s parseDocument with its duplicate-key check done in linear time, for every YAML file a host reads.
import { parseDocument, type DocumentOptions, type ParseOptions, type SchemaOptions } from "yaml";
import { reportDuplicateKeys } from "./_unique-keys.js";

/** Options of `parseYamlDocument`: `yaml`'s, less the duplicate-key switch (always on). */
export type YamlDocumentOptions = Omit<
  ParseOptions & DocumentOptions & SchemaOptions,
  "uniqueKeys"
>;

/**
 * Parses YAML text as `yaml`'s `parseDocument` with `uniqueKeys` would, with the same
 * `DUPLICATE_KEY` errors, but finds repeated keys in linear time: `yaml`'s own check compares
 * each key with every earlier one (40 000 keys: 18 s), which a hostile file can exploit.
 */
export function parseYamlDocument(text: string, options: YamlDocumentOptions = {}) {
  const doc = parseDocument(text, { prettyErrors: false, ...options, uniqueKeys: false });
  reportDuplicateKeys(doc);
  return doc;
}
