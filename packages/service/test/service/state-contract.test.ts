// Runs the shared ServiceStateStore contract against both stores: SQLite (a fresh file per check) and memory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { MemoryServiceState, openSqliteServiceState } from "@skillflow/service";
import { describeServiceStateContract } from "@skillflow/service/testing/state/contract";

const dir = mkdtempSync(join(tmpdir(), "skillflow-state-contract-"));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeServiceStateContract("sqlite", () =>
  openSqliteServiceState({ path: join(dir, `s${++n}.db`) }),
);
describeServiceStateContract("sqlite :memory:", () => openSqliteServiceState({ path: ":memory:" }));
describeServiceStateContract("memory", () => new MemoryServiceState());
