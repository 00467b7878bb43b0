// Public entry of @skillflow/store: the RunStore contract, the SQLite and in-memory stores.
import { SCHEMA_VERSION as LATEST_SCHEMA_VERSION } from "./_migrations.js";
export {
  RunStoreError,
  STORED_RUN_STATUSES,
  type CheckpointRetention,
  type Retention,
  type RunFilter,
  type RunRecorder,
  type RunRow,
  type RunStart,
  type RunStore,
  type RunStoreErrorCode,
  type RunStoreErrorDetails,
  type RunStoreOptions,
  type RunWriter,
  type StoredRun,
  type StoredRunStatus,
  type StoredStep,
  type TruncatedValue,
  type Verbosity,
} from "./store.js";
export { DEFAULT_MAX_VALUE_BYTES, isTruncated } from "./_record.js";
export { MemoryRunStore } from "./memory.js";
export { defaultHistoryPath } from "./history-path.js";
export { createCheckpointRedactor, type CheckpointRedactor } from "./redact-checkpoint.js";
export { openSqliteRunStore, type SqliteRunStoreOptions } from "./sqlite.js";

// Declared here with its type so the published index.d.ts does not load _migrations.d.ts, whose
// better-sqlite3 types would need @types/better-sqlite3 in every project that type-checks libraries.
/** The history schema version this release writes. */
export const SCHEMA_VERSION: number = LATEST_SCHEMA_VERSION;
