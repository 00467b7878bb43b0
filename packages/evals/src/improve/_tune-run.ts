// The state of one description tuning run, and its steps: score, propose, check for stealing.
import { parseSkill } from "@skillflow/skills";
import type { TriggerCase } from "../eval/triggers.js";
import type { TriggerSet } from "../suite/types.js";
import { candidateFolder, candidateProblem, type CandidateProblem } from "./candidate.js";
import {
  describe,
  describeMaxTokens,
  describerPrompt,
  DESCRIBER_SYSTEM,
  parseDescriptions,
} from "./describe.js";
import { withDescription } from "./frontmatter.js";
import type { OtherSkills } from "./_others.js";
import { guardedCall } from "./_proposal.js";
import type { Session } from "./_session.js";
import { triggerRuns, triggerTrials } from "./_trigger-runs.js";
import { misses, triggerScores, type TriggerScores } from "./trigger-score.js";
import type { StealCheck, TuneCandidate, TuneOptions } from "./tune-types.js";

/** The description in use: its file, its runs on every sentence, its held-out score. */
export interface CurrentDescription {
  text: string;
  description: string;
  cases: TriggerCase[];
  heldOut: TriggerScores;
}

/** What the other skills' sentences did with one description. */
interface StealRuns {
  routed: Set<string>;
  activations: number;
  cutShort: boolean;
}

/** A proposal's answer: descriptions, or why there are none. */
export type Described =
  { kind: "answer"; descriptions: string[] } | { kind: "budget" | "failed"; reason: string };

/** One tuning run: the session, the split and the other skills, shared by its steps. */
export class TuneRun {
  /** The cost of one trigger trial, measured on the current description. */
  perTrial = 0;
  /** Set when an evaluation could not be paid for: the run ends after this round. */
  outOfMoney = false;
  #originalSteal: StealRuns | undefined;

  constructor(
    readonly session: Session,
    readonly options: TuneOptions,
    readonly trigger: TriggerSet,
    readonly sets: { train: ReadonlySet<string>; heldOut: ReadonlySet<string> },
    readonly others: OtherSkills,
  ) {}

  /** Runs every sentence with the skill in `dir`. */
  runs(dir: string) {
    return triggerRuns(this.session, dir, this.trigger, this.others);
  }

  /** Asks for descriptions from the train misses of `current`, if the budget can pay. */
  async propose(current: CurrentDescription): Promise<Described> {
    const wrong = misses(current.cases, this.sets.train);
    const request = {
      name: this.options.suite.skillName,
      description: current.description,
      body: parseSkill(current.text).body,
      missed: wrong.missed,
      falseAlarms: wrong.falseAlarms,
      others: this.others.skills,
      count: this.options.candidates ?? 3,
    };
    const call = {
      system: DESCRIBER_SYSTEM,
      prompt: describerPrompt(request),
      maxOutputTokens: describeMaxTokens(request.count),
    };
    const signal = this.options.signal;
    const proposal = await guardedCall(this.session, call, async () => {
      const answer = await describe({
        ...request,
        model: this.session.proposer.model,
        ...(signal ? { signal } : {}),
      });
      return [...new Set(parseDescriptions(answer))].slice(0, request.count);
    });
    return proposal.kind === "answer"
      ? { kind: "answer", descriptions: proposal.answer }
      : proposal;
  }

  /** Why `description` cannot replace the current one, or its SKILL.md text. */
  candidateText(
    current: CurrentDescription,
    description: string,
  ): { text: string } | { problem: CandidateProblem } {
    const text = withDescription(current.text, description);
    if (text === undefined)
      return {
        problem: {
          code: "INVALID_SKILL",
          message: "the current SKILL.md has no frontmatter to change",
        },
      };
    if (/[<>]/.test(description))
      return {
        problem: {
          code: "INVALID_SKILL",
          message: "angle brackets are not allowed in a description",
        },
      };
    const problem = candidateProblem(text, current.text, this.options.suite.skillName);
    return problem ? { problem } : { text };
  }

  /** Scores one candidate on every sentence, if the budget can pay; its folder and runs. */
  async score(candidate: TuneCandidate, text: string, round: number) {
    const sentences = this.sets.train.size + this.sets.heldOut.size;
    if (
      this.outOfMoney ||
      !this.session.budget.affords(this.perTrial * triggerTrials(this.session, sentences))
    ) {
      candidate.outcome = "budget";
      this.outOfMoney = true;
      return undefined;
    }
    this.options.onProgress?.({
      phase: "evaluate",
      round,
      label: `scoring "${candidate.description.slice(0, 50)}"`,
    });
    const folder = await this.session.folder();
    const dir = await candidateFolder(this.options.skillDir, folder.root, folder.label, text);
    const runs = await this.runs(dir);
    if (runs.cutShort) {
      candidate.outcome = "budget";
      this.outOfMoney = true;
      return undefined;
    }
    candidate.train = triggerScores(runs.cases, this.sets.train);
    candidate.heldOut = triggerScores(runs.cases, this.sets.heldOut);
    return { dir, cases: runs.cases };
  }

  /** Runs the other skills' sentences with the skill in `dir`. */
  async #stealRuns(dir: string): Promise<StealRuns> {
    const sentences = { shouldTrigger: [], shouldNotTrigger: this.others.sentences };
    const runs = await triggerRuns(this.session, dir, sentences, this.others);
    return {
      routed: new Set(runs.cases.filter((c) => c.routed).map((c) => c.task)),
      activations: runs.cases.reduce((n, c) => n + c.activated.filter(Boolean).length, 0),
      cutShort: runs.cutShort,
    };
  }

  /**
   * Whether the description in `dir` takes other skills' sentences that the original one (in
   * `originalDir`, run once and remembered) leaves alone: by our router (a sentence newly routed to
   * this skill) or by the agent (more activations). Undefined when the budget cannot pay for it.
   */
  async steals(originalDir: string, dir: string, round: number): Promise<StealCheck | undefined> {
    const trials = triggerTrials(this.session, this.others.sentences.length);
    const cost = this.perTrial * trials * (this.#originalSteal ? 1 : 2);
    if (!this.session.budget.affords(cost)) return undefined;
    this.options.onProgress?.({
      phase: "check",
      round,
      label: "checking it takes no other skill's tasks",
    });
    this.#originalSteal ??= await this.#stealRuns(originalDir);
    const now = await this.#stealRuns(dir);
    const before = this.#originalSteal;
    if (before.cutShort || now.cutShort) return undefined;
    const router = [...now.routed].filter((s) => !before.routed.has(s));
    const agent = { current: before.activations, candidate: now.activations };
    return {
      checked: this.others.sentences.length,
      router,
      agent,
      steals: router.length > 0 || agent.candidate > agent.current,
    };
  }
}
