// Progressive disclosure: the catalog and a skill's bundled files.
export {
  fitCatalog,
  renderCatalog,
  shorten,
  type CatalogEntry,
  type CatalogFormat,
  type RenderedCatalog,
} from "./catalog.js";
export { SkillResourceError, listResources, readResource, readResourceBytes } from "./resources.js";
export {
  EXCLUDED_ANYWHERE,
  EXCLUDED_AT_ROOT,
  isExcludedFromSkill,
  isExcludedPath,
} from "./shipped.js";
