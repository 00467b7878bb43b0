// Walking a skill folder: entries visited without following links, files read, classified and decoded.
import type { Dirent } from "node:fs";
import { readdir, readlink } from "node:fs/promises";
import path from "node:path";
import { readRegularFile, type ReadResult } from "../read-file.js";
import { visible } from "@skillflow/workflow";
import { add, excerpt, type Scan } from "./_scan-findings.js";
import {
  BENIGN_DOTFILES,
  HIDDEN_PATTERN,
  MAGIC,
  SCRIPT_EXTENSIONS,
  SKIPPED_FOLDERS,
  TEXT_FILE,
  USUAL_FILE,
  USUAL_FOLDERS,
} from "./_scan-rules.js";
import { isBenignHidden, scanText } from "./_scan-text.js";
import type { Severity } from "./_scan-types.js";

const HEAD_BYTES = 8192;

// --- Walking -------------------------------------------------------------------------------------

/** Walks the folder `rel` of the scan (never following links), reporting every entry and file in it. */
export async function walk(scan: Scan, rel: string, inHidden: boolean): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(path.join(scan.root, rel), { withFileTypes: true });
  } catch (error) {
    // The folder itself must be readable; a locked subfolder is a finding, not a failure.
    if (rel === "") throw error;
    add(scan, "UNUSUAL_FILE", "medium", rel, `folder could not be read (${errorCode(error)})`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    await visit(scan, entry, rel === "" ? entry.name : `${rel}/${entry.name}`, inHidden);
  }
}

async function visit(scan: Scan, entry: Dirent, rel: string, inHidden: boolean): Promise<void> {
  checkName(scan, rel, entry.name);
  if (entry.isSymbolicLink()) return reportLink(scan, rel);
  const folder = entry.isDirectory();
  const layout = layoutProblem(rel, entry.name, folder, inHidden);
  if (layout) add(scan, "UNUSUAL_FILE", layout.severity, rel, layout.message);
  if (folder) {
    if (!SKIPPED_FOLDERS.has(entry.name)) await walk(scan, rel, inHidden || isHidden(entry.name));
  } else if (entry.isFile()) await scanFile(scan, rel);
  // Sockets, FIFOs and devices are never opened: reading a FIFO would block the scan.
  else add(scan, "UNUSUAL_FILE", "medium", rel, "special file (FIFO, socket or device), not read");
}

const isHidden = (name: string) => name.startsWith(".");

/** Why an entry lies outside the usual skill layout, if it does. */
function layoutProblem(
  rel: string,
  name: string,
  folder: boolean,
  inHidden: boolean,
): { severity: Severity; message: string } | undefined {
  if (folder && SKIPPED_FOLDERS.has(name))
    return { severity: "medium", message: `${name} folder shipped with the skill, not scanned` };
  if (isHidden(name) && !inHidden)
    return !folder && BENIGN_DOTFILES.has(name)
      ? { severity: "low", message: "tooling dotfile" }
      : { severity: "medium", message: `hidden ${folder ? "folder" : "file"}` };
  if (rel.includes("/") || isHidden(name)) return undefined;
  if (folder ? USUAL_FOLDERS.has(name) : USUAL_FILE.test(name)) return undefined;
  return { severity: "low", message: `${folder ? "folder" : "file"} outside the usual layout` };
}

function checkName(scan: Scan, rel: string, name: string): void {
  for (const match of name.matchAll(HIDDEN_PATTERN)) {
    if (isBenignHidden(name, match.index, match[0])) continue;
    add(scan, "HIDDEN_TEXT", "high", rel, "invisible characters in the file name", {
      excerpt: visible(name),
    });
    return;
  }
}

async function reportLink(scan: Scan, rel: string): Promise<void> {
  const target = await readlink(path.join(scan.root, rel)).catch(() => undefined);
  add(scan, "SYMLINK", "high", rel, "symbolic link (not followed)", {
    ...(target === undefined ? {} : { excerpt: excerpt(`-> ${target}`) }),
  });
}

// --- Files ---------------------------------------------------------------------------------------

async function scanFile(scan: Scan, rel: string): Promise<void> {
  let read: ReadResult;
  try {
    // noFollow: a file swapped for a link after the listing is refused, not followed; a file
    // swapped for a FIFO or a device is never opened. At most maxFileBytes are read.
    read = await readRegularFile(path.join(scan.root, rel), {
      maxBytes: scan.maxFileBytes,
      noFollow: true,
      truncate: true,
    });
  } catch (error) {
    add(
      scan,
      "UNUSUAL_FILE",
      "medium",
      rel,
      `could not be read (${errorCode(error)}): not scanned`,
    );
    return;
  }
  const { data, stat, truncated } = read;
  scan.files++;
  scan.bytes += stat.size;
  classify(scan, rel, data, stat.mode);
  scanContent(scan, rel, data);
  // What was not read was not scanned: never a pass. Medium, so installing needs --yes.
  if (truncated)
    add(
      scan,
      "LARGE_FILE",
      "medium",
      rel,
      `${stat.size} bytes, more than ${scan.maxFileBytes}: only the first ${scan.maxFileBytes} were scanned`,
    );
}

const errorCode = (error: unknown): string =>
  (error as { code?: string } | undefined)?.code ?? String(error);

/** Reports what the agent could run: binary executables, scripts, other files marked executable. */
function classify(scan: Scan, rel: string, data: Buffer, mode: number): void {
  const head = data.subarray(0, HEAD_BYTES);
  const kind = binaryKind(head);
  if (kind !== undefined) add(scan, "EXECUTABLE", "high", rel, `${kind} binary executable`);
  else if (isScript(rel, head)) add(scan, "SCRIPT", "low", rel, "script the agent may run");
  else if ((mode & 0o111) !== 0)
    add(scan, "EXECUTABLE", "medium", rel, "marked executable but not a script");
}

function binaryKind(head: Buffer): string | undefined {
  const binary = head.includes(0);
  const magic = MAGIC.find(
    (m) => (binary || !m.binaryOnly) && m.bytes.every((byte, index) => head[index] === byte),
  );
  return magic?.kind;
}

const isScript = (rel: string, head: Buffer): boolean =>
  (head[0] === 0x23 && head[1] === 0x21) || SCRIPT_EXTENSIONS.has(path.extname(rel).toLowerCase());

/** Text of a file, or undefined for binary files (a NUL in the first 8 KiB, unless UTF-16). */
function decode(data: Buffer): string | undefined {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data);
  if (data.subarray(0, HEAD_BYTES).includes(0)) return undefined;
  // TextDecoder drops a leading byte order mark, so every U+FEFF left is inside the text.
  return new TextDecoder("utf-8").decode(data);
}

function scanContent(scan: Scan, rel: string, data: Buffer): void {
  const text = decode(data);
  if (text !== undefined) return scanText(scan, rel, text);
  // An image is binary; a Markdown file or a script with a NUL byte is text hiding from the scan
  // (agents and shells read past it).
  if (TEXT_FILE.test(rel) || isScript(rel, data))
    add(
      scan,
      "UNUSUAL_FILE",
      "medium",
      rel,
      "NUL bytes in a text file or script: its text was not scanned",
    );
}
