// `schedules add` and `schedules rm`: the project's config file edited in place (YAML comments kept),
// checked as a whole before it is written atomically.
import { parseYamlDocument } from "@skillflow/workflow";
import { isSeq } from "yaml";
import { parseConfig } from "../config.js";
import type { ConfigContext } from "../config-files.js";
import { CliError } from "../errors.js";
import { writeAtomically } from "../files.js";
import { readSettingsFile } from "../settings-file.js";
import { targetFile } from "../skills/config-write.js";

/** A schedule as `schedules add` writes it (only what was given; the rest keeps its default). */
export interface ScheduleEntry {
  name: string;
  workflow: string;
  cron: string;
  timezone?: string;
  overlap?: string;
  missed?: string;
  inputs?: Record<string, unknown>;
}

const nameOf = (entry: unknown): unknown => (entry as { name?: unknown } | null)?.name;

/** The declared schedules of `text` (a list, else none). */
function declared(text: string, file: string): unknown[] {
  if (text.trim() === "") return [];
  const schedules = parseConfig(text, file).service?.schedules;
  return Array.isArray(schedules) ? schedules : [];
}

function editJson(text: string, update: (list: unknown[]) => unknown[]): string {
  const value = (text.trim() === "" ? {} : JSON.parse(text)) as Record<string, unknown>;
  const next = update(Array.isArray(value.schedules) ? [...(value.schedules as unknown[])] : []);
  if (next.length === 0) delete value.schedules;
  else value.schedules = next;
  return `${JSON.stringify(value, null, 2)}\n`;
}

function editYaml(
  text: string,
  add: ScheduleEntry | undefined,
  remove: number | undefined,
): string {
  const doc = parseYamlDocument(text);
  if (add !== undefined) {
    if (isSeq(doc.getIn(["schedules"], true))) doc.addIn(["schedules"], doc.createNode(add));
    else doc.setIn(["schedules"], doc.createNode([add]));
  }
  if (remove !== undefined) {
    doc.deleteIn(["schedules", remove]);
    const left = doc.getIn(["schedules"], true);
    if (isSeq(left) && left.items.length === 0) doc.deleteIn(["schedules"]);
  }
  return doc.toString();
}

/** Checks `next` as the next command would read it, then writes it. */
async function write(file: string, next: string): Promise<void> {
  parseConfig(next, file); // never write a file the next command would refuse
  await writeAtomically(file, next);
}

/**
 * Adds `entry` to `schedules` of the project's config file (`explicit` from --config), creating the
 * file if needed. A schedule of the same name is SCHEDULE_EXISTS; the file is checked whole before
 * it is written (a bad cron, timezone or policy is refused with the parser's reason).
 */
export async function addSchedule(
  context: ConfigContext,
  explicit: string | undefined,
  entry: ScheduleEntry,
): Promise<string> {
  const file = await targetFile(context, { scope: "project", ...(explicit ? { explicit } : {}) });
  const text = (await readSettingsFile(file)) ?? "";
  if (declared(text, file).some((s) => nameOf(s) === entry.name))
    throw new CliError(
      "SCHEDULE_EXISTS",
      `${file} already declares a schedule "${entry.name}"; remove it first (skillflow schedules rm ${entry.name}) or pick another name`,
    );
  const next = file.endsWith(".json")
    ? editJson(text, (list) => [...list, entry])
    : editYaml(text, entry, undefined);
  await write(file, next);
  return file;
}

/** Removes schedule `name` from the project's config file; UNKNOWN_SCHEDULE when it has none. */
export async function removeSchedule(
  context: ConfigContext,
  explicit: string | undefined,
  name: string,
): Promise<string> {
  const file = await targetFile(context, { scope: "project", ...(explicit ? { explicit } : {}) });
  const text = (await readSettingsFile(file)) ?? "";
  const index = declared(text, file).findIndex((s) => nameOf(s) === name);
  if (index < 0)
    throw new CliError(
      "UNKNOWN_SCHEDULE",
      `${file} declares no schedule "${name}"; see skillflow schedules list`,
    );
  const next = file.endsWith(".json")
    ? editJson(text, (list) => list.filter((s) => nameOf(s) !== name))
    : editYaml(text, undefined, index);
  await write(file, next);
  return file;
}
