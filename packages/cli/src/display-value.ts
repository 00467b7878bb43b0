// A workflow value as text for people: strings as they are, other values as YAML, absence said so.
import { stringify } from "yaml";
import { printable } from "./terminal-text.js";

/** What an output or input that has no value shows instead. */
export const ABSENT = "(absent)";

/**
 * `value` for a terminal: a string as it is, anything else as YAML (block scalars keep multi-line
 * strings readable where JSON would escape them), `(absent)` for a value that is not there; control
 * characters shown as escapes (`printable`). Never throws: a value YAML cannot write (a function, a
 * symbol) falls back to `String`.
 */
export function displayValue(value: unknown): string {
  return printable(rawDisplayValue(value));
}

function rawDisplayValue(value: unknown): string {
  if (value === undefined) return ABSENT;
  if (typeof value === "string") return value;
  try {
    const text: unknown = stringify(value);
    if (typeof text === "string") return text.trimEnd();
  } catch {
    // Falls through to the plain rendering below.
  }
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Whether a run with this status produced its outputs in full; a failed, cancelled or unfinished one did not. */
export function outputsComplete(status: string): boolean {
  return status === "success";
}

/** Why the outputs of a run that did not succeed are not results. */
export const PARTIAL_NOTE =
  "(the run did not succeed: these are not results, and values it never reached are absent)";
