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

/** The use of `words[index]` for a program that runs code; ambiguous options are tried both ways. */
export function programUse(spec: ProgramSpec, words: readonly Word[], index: number): Use {
  const walks: Walk[] = [
    {
      i: 1,
      operands: 0,
      programGiven: false,
      textMode: false,
      optionsDone: false,
      pending: undefined,
    },
  ];
  const uses: Use[] = [];
  while (walks.length > 0 && uses.length < 16) uses.push(walkTo(spec, words, index, walks));
  return worst(uses);
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

/** Follows one reading of the options up to `index`; pushes the other reading where one is ambiguous. */
function walkTo(spec: ProgramSpec, words: readonly Word[], index: number, walks: Walk[]): Use {
  const walk = walks.pop()!;
  for (; walk.i <= index; walk.i++) {
    const word = words[walk.i]!;
    const here = walk.i === index;
    if (walk.pending !== undefined) {
      const { role } = walk.pending;
      if (--walk.pending.count === 0) walk.pending = undefined;
      if (role === "text" || role === "file") walk.programGiven = true;
      if (role === "text" && spec.textEnds === true) walk.optionsDone = true;
      if (here) return role;
      continue;
    }
    if (dynamic(word) && !walk.optionsDone) {
      // It may be an option, even one that holds code (`-e CODE`), or an operand.
      walk.operands++;
      const optionRole = spec.text !== undefined || spec.textMode !== undefined ? "text" : "data";
      return here ? worst([operandRole(spec, walk), optionRole]) : "uncertain";
    }
    // After `--`, a word sh may split into none or several leaves the first operand unknown.
    if (word.split && walk.operands === 0 && !walk.programGiven && !here) return "uncertain";
    if (!walk.optionsDone && word.text === "--") {
      walk.optionsDone = true;
      if (here) return "data";
      continue;
    }
    if (!walk.optionsDone && isOption(word.text, spec)) {
      const effect = optionEffect(spec, word.text);
      if (effect.textMode === true) walk.textMode = true;
      if (effect.maybe === true)
        walks.push({ ...walk, i: walk.i + 1, pending: { role: "data", count: 1 } });
      if (effect.attached === true && (effect.role === "text" || effect.role === "file"))
        walk.programGiven = true;
      if (here) return effect.attached === true ? effect.role! : "data";
      if ((effect.count ?? 0) > 0) walk.pending = { role: effect.role!, count: effect.count! };
      if (effect.stop === true) walk.programGiven = walk.optionsDone = true;
      continue;
    }
    walk.operands++;
    const role = operandRole(spec, walk);
    if (role === "text" || role === "file") walk.programGiven = true;
    if (spec.permute !== true) walk.optionsDone = true;
    if (here) return role;
  }
  return "data";
}
