// Text output of `skillflow skills`: the skill table, one skill's details, route matches.
import type { DiscoveredSkill, RouteMatch, SkillLibrary } from "@skillflow/skills";
import { formatSkillDiagnostic, shorten, type SkillDiagnostic } from "@skillflow/skills";
import { table } from "../runs/format.js";
import type { Style } from "../style.js";

/** The state shown for a skill: enabled, disabled, or shadowed by another of the same name. */
export const stateOf = (s: DiscoveredSkill): string =>
  s.disabled ? "disabled" : s.shadowedBy !== undefined ? "shadowed" : "enabled";

/** The `skills list` table. */
export function skillsTable(skills: readonly DiscoveredSkill[], style: Style, width = 100): string {
  return table(
    ["NAME", "SCOPE", "STATE", "RUN", "DESCRIPTION"],
    skills.map((s) => [
      s.name,
      s.scope,
      stateOf(s),
      s.runnable ? "yes" : "",
      shorten(s.description, Math.max(30, width - 45)),
    ]),
    (row, column, text) => {
      const state = stateOf(skills[row]!);
      if (column === 2 && state !== "enabled") return style.yellow(text);
      return text;
    },
  );
}

/** A skill as JSON for `list --json` and `show --json`. */
export function skillJson(s: DiscoveredSkill, library: SkillLibrary) {
  return {
    id: s.id,
    name: s.name,
    scope: s.scope,
    state: stateOf(s),
    description: s.description,
    ...(s.whenToUse !== undefined ? { whenToUse: s.whenToUse } : {}),
    file: s.file,
    dir: s.dir,
    runnable: s.runnable,
    trusted: library.isTrusted(s),
    ...(s.shadowedBy !== undefined ? { shadowedBy: s.shadowedBy } : {}),
    frontmatter: s.frontmatter,
  };
}

/** `skills show`: fields, place, trust and files. */
export function showSkill(
  s: DiscoveredSkill,
  library: SkillLibrary,
  resources: string[],
  style: Style,
): string {
  const lines = [
    `${style.bold(s.name)} ${style.dim(s.id)} ${stateOf(s)}`,
    s.description,
    "",
    `file       ${s.file}`,
    `scope      ${s.scope}${s.source.label !== undefined ? ` (${s.source.label})` : ""}`,
    `commands   ${library.isTrusted(s) ? "run on activation (trusted)" : "not run (untrusted: shown as markers)"}`,
    `runnable   ${s.runnable ? `yes: skillflow run ${s.name}` : "no (no workflow block)"}`,
  ];
  const fm = s.frontmatter;
  if (fm.whenToUse !== undefined) lines.push(`when       ${fm.whenToUse}`);
  if (fm.arguments !== undefined) lines.push(`arguments  ${fm.arguments.join(" ")}`);
  if (fm.allowedTools !== undefined) lines.push(`tools      ${fm.allowedTools.join(" ")}`);
  if (fm.license !== undefined) lines.push(`license    ${fm.license}`);
  if (s.shadowedBy !== undefined) lines.push(style.yellow(`shadowed by ${s.shadowedBy}`));
  lines.push("", style.bold(`Files (${resources.length})`), ...resources.map((r) => `  ${r}`));
  return `${lines.join("\n")}\n`;
}

/** `skills route`: rank, skill, score and why. */
export function routeTable(matches: readonly RouteMatch[]): string {
  return table(
    ["#", "SKILL", "SCORE", "WHY"],
    matches.map((m, i) => [String(i + 1), m.id, m.score.toFixed(2), m.explanation.summary]),
  );
}

/** One diagnostic as `file:line:column severity CODE message`, red for errors, yellow for warnings. */
export function diagnosticLine(d: SkillDiagnostic, style: Style): string {
  const text = formatSkillDiagnostic(d);
  return `${d.severity === "error" ? style.red(text) : style.yellow(text)}\n`;
}
