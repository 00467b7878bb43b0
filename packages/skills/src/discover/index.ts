// Discovery: sources and scopes, bounded scans with an on-disk index, precedence.
export {
  discoverSkills,
  type DiscoverOptions,
  type DiscoveredSkill,
  type Discovery,
} from "./discover.js";
export { type ScanLimits } from "./scan.js";
export {
  SKILL_SCOPES,
  defaultSkillSources,
  packageSources,
  projectFolders,
  type DefaultSourcesOptions,
  type SkillScope,
  type SkillSource,
} from "./sources.js";
