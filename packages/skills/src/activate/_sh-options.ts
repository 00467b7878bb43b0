// How a program reads its options and operands, from its spec: which word is program text or a file.
import type { ProgramSpec, Role } from "./_sh-programs.js";
import { dynamic, worst, type Use, type Word } from "./_sh-types.js";

/** Whether `text` is an option word (`-x`, `--long`, or `+o` for shells). */
export function isOption(text: string, spec?: ProgramSpec): boolean {
  if (text.length < 2) return false;
  return text.startsWith("-") || (text.startsWith("+") && spec?.textMode !== undefined);
}

/** What one option word does: take values (with the role they have), or switch sh's -c mode. */
export interface Effect {
  role?: Role;
  /** How many following words it takes. */
  count?: number;
  /** Its value is in the word itself (`-cCODE`, `--eval=CODE`). */
  attached?: boolean;
  /** It may or may not take the next word (BSD `sed -i`). */
  maybe?: boolean;
  stop?: boolean;
  textMode?: boolean;
}

type Options = Pick<ProgramSpec, "text" | "file" | "values" | "names" | "maybeValue" | "stop"> & {
  textMode?: string;
};

function flagEffect(spec: Options, flag: string): Effect | undefined {
  if (spec.text?.includes(flag)) return { role: "text", count: 1 };
  if (spec.file?.includes(flag)) return { role: "file", count: 1 };
  if (spec.names?.includes(flag)) return { role: "name", count: 1 };
  if (spec.stop?.includes(flag)) return { role: "data", count: 1, stop: true };
  if (spec.maybeValue?.includes(flag)) return { role: "data", maybe: true };
  if (spec.values !== undefined && Object.hasOwn(spec.values, flag))
    return { role: "data", count: spec.values[flag]! };
  return undefined;
}

/** Reads one option word: a long option (`--name[=value]`), an exact one, or a cluster (`-lne`). */
export function optionEffect(spec: Options, text: string): Effect {
  if (text.startsWith("--")) {
    const eq = text.indexOf("=");
    const effect = flagEffect(spec, eq === -1 ? text : text.slice(0, eq));
    if (effect === undefined) return {};
    return eq === -1 ? effect : { role: effect.role!, attached: true };
  }
  const exact = flagEffect(spec, text);
  if (exact !== undefined) return exact;
  let textMode = false;
  for (let p = 1; p < text.length; p++) {
    if (spec.textMode?.includes(text[p]!) === true && text[0] === "-") textMode = true;
    const effect = flagEffect(spec, text[0]! + text[p]!);
    if (effect === undefined) continue;
    const rest = text.slice(p + 1);
    if (rest === "") return { ...effect, textMode };
    // `node -pe CODE` reads like an attached value; letters only may be more flags, so the next
    // word is taken as program text too.
    const more = /^[A-Za-z]+$/.test(rest) && effect.role !== "data" ? 1 : 0;
    return effect.maybe === true
      ? { textMode }
      : { role: effect.role!, attached: true, count: more, textMode };
  }
  return { textMode };
}

interface Walk {
  i: number;
  operands: number;
  programGiven: boolean;
  textMode: boolean;
  optionsDone: boolean;
  pending: { role: Role; count: number } | undefined;
}

/** Records `use` for word `i`, keeping the worse of it and what another reading found. */
export function mark(uses: Use[], i: number, use: Use): void {
  uses[i] = worst([uses[i] ?? "data", use]);
}

/**
 * Records in `uses` what each of `words[from + 1 … to)` is to the program `words[from]` runs by
 * `spec`; ambiguous options are read both ways (at most 16 readings), each in one pass.
 */
export function programUses(
  spec: ProgramSpec,
  words: readonly Word[],
  range: { from: number; to: number },
  uses: Use[],
): void {
  const start = {
    ...{ i: range.from + 1, operands: 0, programGiven: false },
    ...{ textMode: false, optionsDone: false, pending: undefined },
  };
  const walks: Walk[] = [start];
  for (let count = 0; walks.length > 0 && count < 16; count++)
    walk(spec, words, range.to, walks, uses);
}

function operandRole(spec: ProgramSpec, walk: Walk): Role {
  const first = walk.operands === 1 && !walk.programGiven;
  switch (spec.operands) {
    case "text-first":
      return first ? "text" : "data";
    case "file-first":
      return first ? (walk.textMode ? "text" : "file") : "data";
    case "text-all":
      return "text";
    case "text-after-first":
      return walk.operands > 1 ? "text" : "data";
    case "arith-all":
      return "arithmetic";
    case "name-all":
      return "name";
    default:
      return "data";
  }
}

function rest(uses: Use[], from: number, to: number, use: Use): void {
  for (let j = from; j < to; j++) mark(uses, j, use);
}

/** Follows one reading of the options; pushes the other reading where an option is ambiguous. */
function walk(spec: ProgramSpec, words: readonly Word[], to: number, walks: Walk[], uses: Use[]) {
  const w = walks.pop()!;
  for (; w.i < to; w.i++) {
    const word = words[w.i]!;
    if (w.pending !== undefined) {
      const { role } = w.pending;
      if (--w.pending.count === 0) w.pending = undefined;
      if (role === "text" || role === "file") w.programGiven = true;
      if (role === "text" && spec.textEnds === true) w.optionsDone = true;
      mark(uses, w.i, role);
      continue;
    }
    if (dynamic(word) && !w.optionsDone) {
      // It may be an option, even one that holds code (`-e CODE`), or an operand; after it, the
      // words' roles are unknown.
      w.operands++;
      const option = spec.text !== undefined || spec.textMode !== undefined ? "text" : "data";
      mark(uses, w.i, worst([operandRole(spec, w), option]));
      return rest(uses, w.i + 1, to, "uncertain");
    }
    // After `--`, a word sh may split into none or several leaves the first operand unknown.
    if (word.split && w.operands === 0 && !w.programGiven) rest(uses, w.i + 1, to, "uncertain");
    if (!w.optionsDone && word.text === "--") {
      w.optionsDone = true;
      continue;
    }
    if (!w.optionsDone && isOption(word.text, spec)) {
      const effect = optionEffect(spec, word.text);
      if (effect.textMode === true) w.textMode = true;
      if (effect.maybe === true)
        walks.push({ ...w, i: w.i + 1, pending: { role: "data", count: 1 } });
      if (effect.attached === true) mark(uses, w.i, effect.role!);
      if (effect.attached === true && (effect.role === "text" || effect.role === "file"))
        w.programGiven = true;
      if ((effect.count ?? 0) > 0) w.pending = { role: effect.role!, count: effect.count! };
      if (effect.stop === true) w.programGiven = w.optionsDone = true;
      continue;
    }
    w.operands++;
    const role = operandRole(spec, w);
    if (role === "text" || role === "file") w.programGiven = true;
    if (spec.permute !== true) w.optionsDone = true;
    mark(uses, w.i, role);
  }
}
