// Test fixture: skill folders in a temp team source, a library re-loaded per request, a connected client.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SkillLibrary, type SkillLibraryOptions } from "@skillflow/skills";
import { afterEach } from "vitest";
import { createMcpServer, skillsArea, type SkillOmission } from "../../src/index.js";
import { connectClient } from "../_client.js";

/** A fresh temp folder. */
export const tempDir = (): string => mkdtempSync(path.join(tmpdir(), "mcp-skills-"));

/** Writes `root/<folder>/SKILL.md` from raw frontmatter lines and a body; returns the skill folder. */
export function writeSkill(
  root: string,
  folder: string,
  frontmatter: string,
  body = "Body.\n",
): string {
  const dir = path.join(root, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "SKILL.md"), `---\n${frontmatter}\n---\n${body}`);
  return dir;
}

/** Writes a file (creating folders) inside `dir`. */
export function writeFile(dir: string, relative: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  writeFileSync(path.join(dir, relative), data);
}

/** `sha256:` digest of a file's bytes, computed here independently of the server. */
export const digestOf = (file: string): string =>
  `sha256:${createHash("sha256").update(readFileSync(file)).digest("hex")}`;

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

/** Options of `serve`: the team source's trust and disabled names, the library's other options. */
export interface ServeOptions {
  trusted?: boolean;
  disabled?: string[];
  library?: Partial<SkillLibraryOptions>;
  env?: Record<string, string | undefined>;
}

/** A client connected to a server holding only the skills area over `root` (a team source). */
export async function serve(root: string, options: ServeOptions = {}) {
  const omitted: SkillOmission[] = [];
  const library = () =>
    SkillLibrary.load({
      sources: [
        {
          scope: "team",
          root,
          ...(options.trusted !== undefined ? { trusted: options.trusted } : {}),
        },
      ],
      ...(options.disabled ? { disabled: options.disabled } : {}),
      ...options.library,
    });
  const area = skillsArea({
    library,
    activation: { env: { PATH: process.env.PATH, ...options.env } },
    onOmit: (o) => omitted.push(o),
  });
  const connected = await connectClient(createMcpServer({ version: "1.0.0", areas: [area] }));
  closers.push(connected.close);
  return { client: connected.client, omitted };
}

/** The JSON-RPC error a request rejected with: its code, message and data. */
export async function rpcError(
  promise: Promise<unknown>,
): Promise<{ code: number; message: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: number; message: string; data?: unknown };
    return { code: e.code, message: e.message, data: e.data };
  }
  throw new Error("expected the request to fail");
}
