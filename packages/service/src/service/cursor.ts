// The opaque `next` cursor of `listRuns`: a keyset position (startedAt, id), stable as new runs arrive.
import { ServiceError } from "../errors.js";

/** Where a page ended: the last item's start time and id (lists are newest first, then id descending). */
export interface CursorKey {
  startedAt: string;
  id: string;
}

/** Encodes a position as an opaque URL-safe string. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.startedAt, key.id]), "utf8").toString("base64url");
}

/** Decodes a cursor; anything else is `INVALID_QUERY`. */
export function decodeCursor(cursor: string): CursorKey {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    typeof value[0] !== "string" ||
    typeof value[1] !== "string"
  )
    throw new ServiceError(
      "INVALID_QUERY",
      "the cursor is not one this service gave; pass the `next` of the previous page unchanged, or omit it for the first page",
    );
  return { startedAt: value[0], id: value[1] };
}

/** Orders newest first, then by id descending: the order pages follow. */
export function compareKeys(a: CursorKey, b: CursorKey): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/** Whether `key` comes after the cursor position in list order. */
export function isAfter(key: CursorKey, cursor: CursorKey): boolean {
  return compareKeys(key, cursor) > 0;
}
