// Runs the shared RunStore contract against both stores: SQLite (a fresh file per check) and memory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { MemoryRunStore, openSqliteRunStore } from "@skillflow/store";
import { describeRunStoreContract } from "@skillflow/store/testing/contract";

const dir = mkdtempSync(join(tmpdir(), "skillflow-store-contract-"));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeRunStoreContract("sqlite", (options) =>
  openSqliteRunStore({ ...options, path: join(dir, `h${++n}.db`) }),
);
describeRunStoreContract("sqlite :memory:", (options) =>
  openSqliteRunStore({ ...options, path: ":memory:" }),
);
describeRunStoreContract("memory", (options) => new MemoryRunStore(options));
