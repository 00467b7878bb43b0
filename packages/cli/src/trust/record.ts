// Recording and revoking the user's trust in a project folder (what `skillflow trust` does).
import { CliError } from "../errors.js";
import type { Io } from "../io.js";
import { readTrustRecords, writeTrustRecords, type TrustRecord } from "./records.js";
import { loadWorkspace, type WorkspaceTrust } from "./workspace.js";

function recordsFile(trust: WorkspaceTrust): string {
  if (trust.file === undefined)
    throw new CliError(
      "INVALID_CONFIG",
      "no user config folder is known to record trust in (set HOME or SKILLFLOW_CONFIG_HOME)",
    );
  return trust.file;
}

/** Records `trust`'s current privileged settings as trusted; returns the record written. */
export async function recordTrust(trust: WorkspaceTrust, now: Date): Promise<TrustRecord> {
  const file = recordsFile(trust);
  const records = await readTrustRecords(file);
  const record: TrustRecord = {
    path: trust.root,
    digest: trust.digest,
    settings: trust.settings.map((s) => s.id),
    trustedAt: now.toISOString(),
  };
  records.set(trust.root, record);
  await writeTrustRecords(file, records);
  return record;
}

/** Removes the record of `trust.root`; returns whether there was one. */
export async function revokeTrust(trust: WorkspaceTrust): Promise<boolean> {
  const file = recordsFile(trust);
  const records = await readTrustRecords(file);
  if (!records.delete(trust.root)) return false;
  await writeTrustRecords(file, records);
  return true;
}

/**
 * After skillflow itself edited the project's configuration on the user's command (`skills trust`),
 * keeps a trusted project trusted: the record follows the edit when the project was trusted or had
 * nothing privileged before. Returns a note when the edit cannot take effect yet, else undefined.
 */
export async function followEdit(
  io: Io,
  before: WorkspaceTrust,
  config: string | undefined,
): Promise<string | undefined> {
  const after = (await loadWorkspace(io, { config, quiet: true })).trust;
  if (after.state === "trusted" || after.state === "none") return undefined;
  if (before.state === "none" || (before.state === "trusted" && !before.byEnvironment)) {
    await recordTrust(after, new Date());
    return undefined;
  }
  return "this project has privileged settings you have not trusted, so the change applies once you review them (skillflow trust status) and run `skillflow trust`";
}
