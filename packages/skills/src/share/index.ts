// Sharing skills: packages, sources, installs with a lockfile, agents' folders, risk scans.
export {
  AGENTS,
  ALL_AGENTS,
  CANONICAL_DIR,
  agentSkillsDir,
  agentsById,
  type AgentEnv,
  type AgentHome,
  type AgentTarget,
} from "./agents.js";
export {
  ArchiveError,
  DEFAULT_ARCHIVE_LIMITS,
  packFolder,
  sha256,
  unpackArchive,
  type ArchiveLimits,
} from "./archive.js";
export {
  InstallError,
  addSkills,
  checkSkills,
  installFromLock,
  removeSkill,
  scopePaths,
  updateSkills,
  type AgentLink,
  type CheckLine,
  type CheckStatus,
  type InstallOptions,
  type InstallResult,
  type InstallScope,
  type Installed,
  type Refusal,
  type RefusalCode,
} from "./install.js";
export {
  LOCK_FILE,
  LockfileError,
  compareHashPaths,
  hashSkillFolder,
  type HashOptions,
  readLockfile,
  writeLockfile,
  type LockEntry,
  type Lockfile,
} from "./lockfile.js";
export {
  createHostGuard,
  type HostCheck,
  type HostGuard,
  type HostGuardOptions,
  type HostLookup,
  type ResolvedAddress,
  type SourceNetwork,
} from "./network.js";
export { listSourceSkills, type SourceSkill } from "./list-source.js";
export { PackError, packSkill, type Packed } from "./pack.js";
export {
  formatScanReport,
  scanSkill,
  type RiskLevel,
  type ScanCode,
  type ScanFinding,
  type ScanReport,
  type ScanSkillOptions,
} from "./scan.js";
export {
  SourceError,
  fetchSource,
  parseSource,
  type FetchOptions,
  type FetchedSource,
  type SourceSpec,
  type SourceType,
} from "./source.js";
