// Public entry of @skillflow/store: the RunStore contract, the SQLite and in-memory stores.
export {
  RunStoreError,
  STORED_RUN_STATUSES,
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
export { SCHEMA_VERSION } from "./_migrations.js";
export { MemoryRunStore } from "./memory.js";
export { defaultHistoryPath } from "./history-path.js";
export { openSqliteRunStore, type SqliteRunStoreOptions } from "./sqlite.js";
