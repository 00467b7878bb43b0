// The catalog: what an agent sees up front (name, description, location), rendered within a token budget.
import type { TokenCounter } from "../document/tokens.js";

/** One catalog line: the only thing loaded before a skill is activated. */
export interface CatalogEntry {
  name: string;
  description: string;
  /** The skill's SKILL.md (absolute path). */
  location: string;
}

/** How the catalog is written. */
export type CatalogFormat = "xml" | "json" | "markdown";

/** The rendered catalog and what was cut to fit the budget. */
export interface RenderedCatalog {
  text: string;
  format: CatalogFormat;
  /** The entries rendered (descriptions as shortened). */
  entries: CatalogEntry[];
  /** Estimated tokens of `text`. */
  tokens: number;
  budget?: number;
  /** Names whose descriptions were shortened, and names dropped (lowest-ranked first). */
  cut: { shortened: string[]; dropped: string[] };
}

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};
const xml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

function renderEntry(entry: CatalogEntry, format: CatalogFormat): string {
  switch (format) {
    case "xml":
      return `<skill>\n<name>${xml(entry.name)}</name>\n<description>${xml(entry.description)}</description>\n<location>${xml(entry.location)}</location>\n</skill>`;
    case "json":
      return JSON.stringify(entry);
    case "markdown":
      return `- **${entry.name}**: ${entry.description.replace(/\s+/g, " ")} (\`${entry.location}\`)`;
  }
}

/** The whole catalog text for `entries`. */
export function renderCatalog(entries: readonly CatalogEntry[], format: CatalogFormat): string {
  const body = entries.map((e) => renderEntry(e, format));
  switch (format) {
    case "xml":
      return `<available_skills>\n${body.map((b) => `${b}\n`).join("")}</available_skills>`;
    case "json":
      return `[${body.join(",\n")}]`;
    case "markdown":
      return body.join("\n");
  }
}

/** `text` cut at a word boundary to at most `max` characters, ending in `…`. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const sentence = /^(.+?[.!?])\s/.exec(flat)?.[1];
  if (sentence !== undefined && sentence.length <= max) return sentence;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

/** Description lengths tried, in order, before skills are dropped. */
const SHORTER = [200, 100, 60];

/**
 * Renders `entries` (highest-ranked first) within `budget` tokens: over budget, descriptions are
 * shortened first (to a first sentence or 200, 100, then 60 characters), then the lowest-ranked
 * skills are dropped (`cut.dropped` lists them, lowest-ranked first). Token counts are estimates; each entry is counted once per length tried.
 */
export function fitCatalog(
  entries: readonly CatalogEntry[],
  options: { format: CatalogFormat; budget?: number; countTokens: TokenCounter },
): RenderedCatalog {
  const { format, budget, countTokens } = options;
  const cut = { shortened: [] as string[], dropped: [] as string[] };
  const done = (list: CatalogEntry[]): RenderedCatalog => {
    const text = renderCatalog(list, format);
    cut.shortened = list
      .filter((e, i) => e.description !== entries[i]!.description)
      .map((e) => e.name);
    const result: RenderedCatalog = { text, format, entries: list, tokens: countTokens(text), cut };
    if (budget !== undefined) result.budget = budget;
    return result;
  };
  let current = [...entries];
  if (budget === undefined) return done(current);
  const wrapper = countTokens(renderCatalog([], format));
  const sizeOf = (e: CatalogEntry) => countTokens(renderEntry(e, format)) + 1;
  let sizes = current.map(sizeOf);
  const total = () => wrapper + sizes.reduce((a, b) => a + b, 0);
  for (const max of SHORTER) {
    if (total() <= budget) return done(current);
    current = current.map((e) =>
      e.description.length > max ? { ...e, description: shorten(e.description, max) } : e,
    );
    sizes = current.map(sizeOf);
  }
  while (current.length > 0 && total() > budget) {
    cut.dropped.push(current.pop()!.name);
    sizes.pop();
  }
  return done(current);
}
