// What each refusal of an argument means and how to fix it, as data, shared by activation and validation.
import { commandPlace, type FoundCommand } from "./_find.js";
import { bindArguments, type ArgumentRefusal, type ArgumentRefusalReason } from "./bind.js";

const PROGRAM_FIX = (variable: string) =>
  `read it from the environment instead ("$${variable}" in sh, os.environ["${variable}"] in Python, ` +
  `ENVIRON["${variable}"] in awk, process.env.${variable} in node), or pass it as a separate ` +
  `argument after the program (sh -c '… "$1"' sh "$0"; after -- for sed, perl and node)`;

const WHY: Record<ArgumentRefusalReason, string> = {
  text: "would be program text: code that sh -c, an interpreter (python -c, node -e, perl -e, awk, sed, jq), eval or trap runs",
  file: "would name the file of code that runs (source, bash FILE, python FILE, awk -f FILE)",
  command: "would name the program to run",
  heredoc: "is in an unquoted here-document, whose text a program reads (often as code)",
  arithmetic:
    "is evaluated as arithmetic, where bash runs $(…) in array subscripts, and its value is not a plain integer",
  name: "is a variable name, whose array subscript bash evaluates, and its value is not a plain integer",
  uncertain:
    "stands where its quoting is unclear (an unclosed quote, $( or `, or text that sh and bash read differently)",
};

const FIX: Record<ArgumentRefusalReason, (variable: string) => string> = {
  text: PROGRAM_FIX,
  file: PROGRAM_FIX,
  heredoc: (variable) => `quote the delimiter (<<'EOF') and ${PROGRAM_FIX(variable)}`,
  command: () => "write the program's name in the command and pass the argument as an operand",
  arithmetic: () => "pass a plain integer (-?[0-9]+), or check the value before using it",
  name: () => "pass a plain integer, or use a fixed variable name",
  uncertain: () => "close every quote, $( … ), backquote and here-document around it",
};

/** `argument $0 at line 2, column 5 would be program text …; read it from …`. */
export function refusalMessage(
  refusal: ArgumentRefusal,
  place: { line: number; column: number },
): string {
  const what = refusal.variable.startsWith("SKILLFLOW_SKILL_DIR") ? "placeholder" : "argument";
  return (
    `${what} ${refusal.placeholder} at line ${place.line}, column ${place.column} ` +
    `${WHY[refusal.reason]}; ${FIX[refusal.reason](refusal.variable)}`
  );
}

/** A refusal found without argument values, located in the body. */
export interface StaticRefusal {
  line: number;
  column: number;
  message: string;
}

/**
 * The placeholders of `found` that activation refuses whatever the arguments: those that would be
 * program text, a file or program to run, in an unquoted here-document, or unplaceable. Arithmetic
 * and names are left out: a plain integer is allowed there.
 */
export function staticRefusals(found: FoundCommand, named: readonly string[]): StaticRefusal[] {
  const bound = bindArguments(found.command, { raw: "", skillDir: "/", named });
  return bound.refusals
    .filter((refusal) => refusal.reason !== "arithmetic" && refusal.reason !== "name")
    .map((refusal) => {
      const place = commandPlace(found, refusal.offset);
      return { ...place, message: refusalMessage(refusal, place) };
    });
}
