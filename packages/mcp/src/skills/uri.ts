// `skill://<name>/<path>` URIs (SEP-2640): formatting, and parsing what a client asks for.

/** The scheme prefix of every URI this area serves. */
export const SKILL_SCHEME = "skill://";

/** The URI of a skill file; `path` is `/`-separated, relative to the skill folder (`""`: the folder). */
export function skillUri(name: string, path = "SKILL.md"): string {
  const file = path === "" ? "" : `/${path.split("/").map(encodeURIComponent).join("/")}`;
  return `${SKILL_SCHEME}${encodeURIComponent(name)}${file}`;
}

/** A parsed skill URI, or why it cannot name a skill file. */
export type ParsedSkillUri =
  { ok: true; name: string; path: string } | { ok: false; message: string };

/**
 * Splits `skill://<name>/<path>` (percent-decoded). `undefined` when the URI is not a `skill://` URI
 * at all (another area may own it); refusals for `.`/`..` segments, empty segments and bad escapes.
 */
export function parseSkillUri(uri: string): ParsedSkillUri | undefined {
  if (!uri.startsWith(SKILL_SCHEME)) return undefined;
  const rest = uri.slice(SKILL_SCHEME.length).split(/[?#]/)[0]!;
  let segments: string[];
  try {
    segments = rest.split("/").map((s) => decodeURIComponent(s));
  } catch {
    return { ok: false, message: `${uri} holds an invalid percent-escape` };
  }
  const [name = "", ...path] = segments;
  if (name === "") return { ok: false, message: `${uri} names no skill (skill://<name>/<path>)` };
  if (path.some((s) => s === "." || s === ".."))
    return {
      ok: false,
      message: `${uri} holds a "." or ".." segment: skill URIs name files inside the skill, relative to its folder`,
    };
  if (path.some((s) => s === "" || s.includes("\0")))
    return { ok: false, message: `${uri} holds an empty segment or a NUL character` };
  return { ok: true, name, path: path.join("/") };
}
