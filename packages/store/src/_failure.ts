// Turns a SQLite or file-system failure of the history into a coded RunStoreError in plain words.
import { lockHolders } from "./_locks.js";
import { RunStoreError, type RunStoreErrorCode } from "./store.js";

/** What a failure message needs to know about the store. */
export interface FailureContext {
  /** The database file (`:memory:` for a private one). */
  file: string;
  busyTimeoutMs: number;
}

const SQLITE_KINDS: readonly [RegExp, RunStoreErrorCode][] = [
  [/^SQLITE_FULL/, "STORE_FULL"],
  [/^SQLITE_(BUSY|LOCKED)/, "STORE_LOCKED"],
  [/^SQLITE_(CORRUPT|NOTADB)/, "STORE_DAMAGED"],
  [/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/, "STORE_INACCESSIBLE"],
  [/^SQLITE_IOERR/, "STORE_IO"],
];

const ERRNO_KINDS: Readonly<Record<string, RunStoreErrorCode>> = {
  ENOSPC: "STORE_FULL",
  EDQUOT: "STORE_FULL",
  EFBIG: "STORE_FULL",
  EACCES: "STORE_INACCESSIBLE",
  EPERM: "STORE_INACCESSIBLE",
  EROFS: "STORE_INACCESSIBLE",
  ENOTDIR: "STORE_INACCESSIBLE",
  EISDIR: "STORE_INACCESSIBLE",
  EEXIST: "STORE_INACCESSIBLE",
  ENOENT: "STORE_INACCESSIBLE",
  ENAMETOOLONG: "STORE_INACCESSIBLE",
  ELOOP: "STORE_INACCESSIBLE",
  EIO: "STORE_IO",
};

/** The storage kind of an error, or undefined for anything else (a bug stays a bug). */
function kindOf(error: unknown): RunStoreErrorCode | undefined {
  // JSON.parse of a stored record: the bytes on disk are not what this store wrote.
  if (error instanceof SyntaxError) return "STORE_DAMAGED";
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  for (const [pattern, kind] of SQLITE_KINDS) if (pattern.test(code)) return kind;
  return Object.hasOwn(ERRNO_KINDS, code) ? ERRNO_KINDS[code] : undefined;
}

function describe(kind: RunStoreErrorCode, context: FailureContext, holders: number[]): string {
  const file = `the run history ${context.file}`;
  switch (kind) {
    case "STORE_FULL":
      return `cannot write ${file}: the disk is full`;
    case "STORE_LOCKED": {
      const by =
        holders.length === 0
          ? "another process"
          : `another process (pid${holders.length > 1 ? "s" : ""} ${holders.join(", ")})`;
      return `${file} is locked by ${by}; gave up after waiting ${context.busyTimeoutMs} ms`;
    }
    case "STORE_DAMAGED":
      return `${file} is damaged`;
    case "STORE_INACCESSIBLE":
      return `cannot open or write ${file}`;
    default:
      return `cannot read or write ${file}: input/output error`;
  }
}

/**
 * The coded error for a failure of the store's file: `STORE_FULL`, `STORE_LOCKED` (with the pids
 * holding the lock when the system says), `STORE_DAMAGED`, `STORE_INACCESSIBLE` or `STORE_IO`. A
 * `RunStoreError` and anything that is not a storage failure are returned unchanged.
 */
export function storeFailure(error: unknown, context: FailureContext): unknown {
  if (error instanceof RunStoreError) return error;
  const kind = kindOf(error);
  if (kind === undefined) return error;
  const holders =
    kind === "STORE_LOCKED" && context.file !== ":memory:" ? lockHolders(context.file) : [];
  // The SQLite text adds nothing to "locked" or "full"; elsewhere it says which part failed.
  const plain = kind === "STORE_LOCKED" || kind === "STORE_FULL";
  const detail =
    !plain && error instanceof Error && error.message !== "" ? ` (${error.message})` : "";
  return new RunStoreError(kind, `${describe(kind, context, holders)}${detail}`, {
    cause: error,
    file: context.file,
    lockHolders: holders,
  });
}

/** The coded failure of a write nobody can throw to (a batched flush); anything else is `STORE_IO`. */
export function writeFailure(error: unknown, context: FailureContext): RunStoreError {
  const failure = storeFailure(error, context);
  if (failure instanceof RunStoreError) return failure;
  const text = failure instanceof Error ? failure.message : String(failure);
  return new RunStoreError("STORE_IO", `cannot write the run history ${context.file}: ${text}`, {
    cause: failure,
    file: context.file,
  });
}
