// A skill's SEP-2640 manifest: every file `skills pack` ships, with its size and SHA-256 digest,
// within the specification's limits; cached until a file's size, time or inode changes.
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import {
  SkillResourceError,
  listResources,
  readResourceBytes,
  type DiscoveredSkill,
} from "@skillflow/skills";
import { frontmatterOf } from "./frontmatter.js";
import { skillUri } from "./uri.js";

/** SEP-2640: at most 512 resources per skill, SKILL.md included. */
export const MAX_SKILL_RESOURCES = 512;
/** SEP-2640: at most 16 MiB in all the files of one skill. */
export const MAX_SKILL_BYTES = 16 * 1024 * 1024;

/** One file of a skill as `skills/list` shows it. */
export interface SkillResource {
  uri: string;
  digest: string;
  size: number;
}

/** Why a discovered skill is not served over the extension and the `skill://` resources. */
export type SkillOmissionCode = "TOO_MANY_FILES" | "TOO_LARGE" | "BAD_FRONTMATTER";

/** A skill left out, and why (reported through `SkillsAreaOptions.onOmit` and `skills/list` `_meta`). */
export interface SkillOmission {
  name: string;
  id: string;
  code: SkillOmissionCode;
  message: string;
}

/** A served skill's manifest: its verbatim frontmatter and files (relative paths, in order). */
export interface SkillManifest {
  frontmatter: Record<string, unknown>;
  resources: SkillResource[];
  /** Relative paths of the files served, SKILL.md first. */
  files: ReadonlySet<string>;
}

/** The manifest, or the omission that keeps the skill from being served. */
export type ManifestResult =
  { ok: true; manifest: SkillManifest } | { ok: false; omission: SkillOmission };

const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

async function build(skill: DiscoveredSkill, files: readonly string[]): Promise<ManifestResult> {
  const omit = (code: SkillOmissionCode, message: string): ManifestResult => ({
    ok: false,
    omission: { name: skill.name, id: skill.id, code, message },
  });
  const resources: SkillResource[] = [];
  const served = new Set<string>();
  let total = 0;
  let frontmatter: Record<string, unknown> | undefined;
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readResourceBytes(skill.dir, file, MAX_SKILL_BYTES - total);
    } catch (error) {
      if (!(error instanceof SkillResourceError)) throw error;
      if (error.code === "TOO_LARGE")
        return omit(
          "TOO_LARGE",
          `skill "${skill.name}" holds more than ${MAX_SKILL_BYTES} bytes (the MCP skills extension's limit); move large files out of ${skill.dir}`,
        );
      // A link leading out, a folder behind a link, a file gone since the listing: not served.
      continue;
    }
    if (file === "SKILL.md") frontmatter = frontmatterOf(bytes.toString("utf8"));
    total += bytes.length;
    served.add(file);
    resources.push({ uri: skillUri(skill.name, file), digest: sha256(bytes), size: bytes.length });
  }
  if (frontmatter?.name !== skill.name || typeof frontmatter.description !== "string")
    return omit(
      "BAD_FRONTMATTER",
      `the frontmatter of ${skill.file} does not parse as YAML with name "${skill.name}" and a description; run \`skillflow skills validate ${skill.name}\``,
    );
  return { ok: true, manifest: { frontmatter, resources, files: served } };
}

/** What the files looked like when a manifest was built: a change to any of them rebuilds it. */
async function signature(dir: string, files: readonly string[]): Promise<string> {
  const parts = await Promise.all(
    files.map((file) =>
      stat(path.join(dir, file)).then(
        (s) => `${file}\0${s.size}\0${s.mtimeMs}\0${s.ino}`,
        () => `${file}\0!`,
      ),
    ),
  );
  return parts.join("\n");
}

/** Builds manifests, reusing one while none of the skill's files changed. */
export class ManifestCache {
  readonly #entries = new Map<string, { signature: string; result: ManifestResult }>();

  constructor(private readonly onOmit?: (omission: SkillOmission) => void) {}

  /** The manifest of `skill`, or why it is not served (reported to `onOmit` when first found). */
  async get(skill: DiscoveredSkill): Promise<ManifestResult> {
    const listed = await listResources(skill.dir, MAX_SKILL_RESOURCES - 1);
    if (listed.truncated) {
      const result: ManifestResult = {
        ok: false,
        omission: {
          name: skill.name,
          id: skill.id,
          code: "TOO_MANY_FILES",
          message: `skill "${skill.name}" has more than ${MAX_SKILL_RESOURCES} files (the MCP skills extension's limit, SKILL.md included); bundle or remove files in ${skill.dir}`,
        },
      };
      this.#remember(skill, "", result);
      return result;
    }
    const files = ["SKILL.md", ...listed.files];
    const key = await signature(skill.dir, files);
    const cached = this.#entries.get(skill.file);
    if (cached?.signature === key) return cached.result;
    const result = await build(skill, files);
    this.#remember(skill, key, result);
    return result;
  }

  #remember(skill: DiscoveredSkill, key: string, result: ManifestResult): void {
    const before = this.#entries.get(skill.file);
    const reported = before !== undefined && !before.result.ok;
    this.#entries.set(skill.file, { signature: key, result });
    if (!result.ok && !reported) this.onOmit?.(result.omission);
  }
}
