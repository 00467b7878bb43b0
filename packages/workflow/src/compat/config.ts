// `loadConfig` of the reference API: this library reads no files or environment, so it returns {}.

/** Configuration of the reference runtime; the library itself takes everything through options. */
export type WorkflowSkillConfig = Record<string, never>;

/** Returns `{}`: configuration (keys, paths) belongs to the host, not to the runtime (§8.3). */
export function loadConfig(): WorkflowSkillConfig {
  return {};
}
