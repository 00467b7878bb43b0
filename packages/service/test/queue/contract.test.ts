// Runs the shared RunQueue contract against both queues: SQLite (a fresh file per check) and memory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { MemoryRunQueue, openSqliteRunQueue } from "@skillflow/service";
import { describeRunQueueContract } from "@skillflow/service/testing/queue/contract";

const dir = mkdtempSync(join(tmpdir(), "skillflow-queue-contract-"));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeRunQueueContract("sqlite", (clock) =>
  openSqliteRunQueue({ path: join(dir, `q${++n}.db`), ...clock }),
);
describeRunQueueContract("sqlite :memory:", (clock) =>
  openSqliteRunQueue({ path: ":memory:", ...clock }),
);
describeRunQueueContract("memory", (clock) => new MemoryRunQueue(clock));
