// The eval suite data model: what a skill's evals file means once parsed.
import type { Assertion } from "./assertions.js";

/** One eval case: a task prompt, optional input files, and the assertions its output must meet. */
export interface EvalCase {
  /** The case id as written (numbers become their decimal text), unique within the suite. */
  id: string;
  prompt: string;
  expectedOutput?: string;
  /** Input files, relative to the skill folder and never outside it. */
  files: string[];
  assertions: Assertion[];
}

/** Task sentences that should and should not make an agent activate the skill. */
export interface TriggerSet {
  shouldTrigger: string[];
  shouldNotTrigger: string[];
}

/** A skill's eval suite: its cases and, optionally, its trigger set. */
export interface EvalSuite {
  skillName: string;
  cases: EvalCase[];
  trigger?: TriggerSet;
}
