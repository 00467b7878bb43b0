// The serve marker: a serve that stops forgets only its own record, not that of a second serve.
import { chmodSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { removeServeMarker, runningServe, writeServeMarker } from "../src/service/marker.js";
import { temp } from "./helpers.js";

describe("serve marker", () => {
  it("is removed by the serve that wrote it, and kept by another one stopping", async () => {
    const stateFile = path.join(temp("skillflow-marker-"), "service.db");
    await writeServeMarker(stateFile, { pid: process.pid, url: "http://127.0.0.1:1" });
    await removeServeMarker(stateFile, process.pid + 1);
    expect(await runningServe(stateFile)).toEqual({ pid: process.pid, url: "http://127.0.0.1:1" });
    await removeServeMarker(stateFile, process.pid);
    expect(existsSync(`${stateFile}.serve.json`)).toBe(false);
    await expect(removeServeMarker(stateFile)).resolves.toBeUndefined();
  });

  it("is ignored when it names an address off this machine (a repository could carry one)", async () => {
    const stateFile = path.join(temp("skillflow-marker-"), "service.db");
    const seen = async (url: string) => {
      await writeServeMarker(stateFile, { pid: process.pid, url });
      return (await runningServe(stateFile))?.url;
    };
    for (const url of [
      "https://attacker.example",
      "http://attacker.example:7787",
      "http://127.0.0.1.attacker.example:7787",
      "http://user:pw@127.0.0.1:7787",
      "file:///etc/passwd",
      "not a url",
    ])
      expect(await seen(url)).toBeUndefined();
    for (const url of ["http://127.0.0.1:7787", "http://[::1]:7787", "http://0.0.0.0:7787"])
      expect(await seen(url)).toBe(url);
    // A marker others may read was not written by serve (a checkout makes files 0644).
    chmodSync(`${stateFile}.serve.json`, 0o644);
    if (process.platform !== "win32") expect(await runningServe(stateFile)).toBeUndefined();
  });
});
