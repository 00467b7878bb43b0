// Opaque pagination cursors: an offset into a listing, tagged with the listing it belongs to.
import { invalidParams } from "./served.js";

/** The cursor of the page starting at `offset` of the listing `kind`. */
export const encodeCursor = (offset: number, kind: string): string =>
  Buffer.from(`${kind}:${offset}`).toString("base64url");

/** The offset a cursor of `kind` stands for (0 without one); -32602 for any other cursor. */
export function decodeCursor(cursor: unknown, kind: string): number {
  if (cursor === undefined) return 0;
  const match =
    typeof cursor === "string"
      ? /^([a-z]+):(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"))
      : null;
  if (match === null || match[1] !== kind)
    throw invalidParams(
      "params.cursor is not a cursor this server gave; pass the nextCursor of the previous result, or none for the first page",
      { field: "cursor" },
    );
  return Number(match[2]);
}
