// One run of a workflow document in this process, shared by `run`, `approve` and `runs resume`:
// tools, live view, history with checkpoints, approvals, sub-workflows, and the report.
import path from "node:path";
import {
  maskSecretInputs,
  runWorkflowSkill,
  type ResumeOptions,
  type RunLog,
  type RuntimeEvent,
  type ToolAdapter,
} from "@skillflow/workflow";
import { withPreviousRun } from "@skillflow/service";
import { printJson, type CommandContext, type ParsedArgs } from "../command.js";
import type { CliConfig } from "../config.js";
import { runSecrets } from "../history.js";
import { EXIT } from "../errors.js";
import type { SourceFile } from "../files.js";
import type { RunRecording } from "../runs/recording.js";
import { writeRecording, type RecordRequest } from "./record.js";
import { createStyle } from "../style.js";
import { printable } from "../terminal-text.js";
import { buildTools } from "../tools.js";
import { UNRECORDED_WAITING, terminalApprover, writeWaiting } from "./approvals.js";
import {
  explainUnresolved,
  placeProblem,
  resolutionLog,
  type ResolutionLog,
} from "./sub-workflow-tree.js";
import { writeProblems, writeSummary } from "./summary.js";
import { liveView, plainView, type RunView } from "./view.js";

/** What one run needs besides the command line. */
export interface RunSession {
  source: SourceFile;
  config: CliConfig;
  env: Record<string, string | undefined>;
  inputs: Record<string, unknown>;
  runId: string;
  /** Recording into the history (with checkpoints); undefined with --no-history. */
  recording: RunRecording | undefined;
  /** A stored checkpoint (and decisions) to continue from. */
  resume?: ResumeOptions;
  allowChangedWorkflow?: boolean;
  /** Who decides approvals asked on the terminal (`--by`). */
  by?: string;
  /** `--record <file>`: every tool call, written to the file when the run ends. */
  record?: RecordRequest;
}

/** The view for this call: nothing for --json/--quiet, live on a TTY, plain lines otherwise. */
function chooseView(args: ParsedArgs, { io }: CommandContext): RunView | undefined {
  if (args.values.json === true || args.values.quiet === true) return undefined;
  return io.isTTY ? liveView(io.stderr, createStyle(io.colors)) : plainView(io.stderr);
}

/** The run's name when the document has no valid frontmatter name: the folder or the file name. */
export function fallbackName(source: SourceFile): string {
  const base = path.basename(source.absolute, path.extname(source.absolute));
  return base === "SKILL" ? path.basename(path.dirname(source.absolute)) : base;
}

/** Runs (or continues) the session's document and reports it; returns the exit status. */
export async function runSession(
  args: ParsedArgs,
  context: CommandContext,
  session: RunSession,
): Promise<number> {
  const { io } = context;
  const { source, recording, runId } = session;
  const tools = await buildTools(io.cwd, session.env, session.config);
  const history = withHistoryTools(tools.adapter, recording, runId);
  const record = session.record?.recorder;
  const toolAdapter = record ? record.wrap(history) : history;
  const secrets = runSecrets(session.env, session.inputs);
  const view = chooseView(args, context);
  const onEvent = (event: RuntimeEvent) => {
    // Sub-workflow runs show as their step's progress; their logs are in the step's record.
    if (event.runId === runId) view?.onEvent(event);
    recording?.event(event);
    record?.event(event);
  };
  const terminal =
    args.values["no-prompt"] === true
      ? undefined
      : terminalApprover(io, createStyle(io.colors), secrets, session.by);
  const approve = terminal && record ? record.approver(terminal) : terminal;
  const references = await resolutionLog(io, session.config, source.content);
  let log: RunLog;
  try {
    log = await runWorkflowSkill({
      content: source.content,
      inputs: session.inputs,
      toolAdapter,
      onEvent,
      workflowName: fallbackName(source),
      // The id is chosen here so the history can name the run before it ends.
      runId,
      secrets,
      // Failed `each` steps say which items failed, in the log and in `runs show`.
      iterationErrors: true,
      source: source.absolute,
      resolveWorkflow: references.resolve,
      ...(recording ? { onCheckpoint: (cp) => recording.checkpoint(cp) } : {}),
      ...(approve ? { approve } : {}),
      ...(session.resume ? { resume: session.resume } : {}),
      ...(session.allowChangedWorkflow === true ? { allowChangedWorkflow: true } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    });
    // A secret-named input reads [REDACTED] whatever its type (the runtime redacts strings).
    log = { ...log, inputs: maskSecretInputs(log.inputs) };
    if (changedRefusal(session, log)) {
      // Nothing ran: a waiting run keeps waiting (an interrupted one is left to show as such), so
      // it can be continued with --allow-changed or once the sub-workflow is restored.
      if (session.resume!.pending?.length) recording?.finish(stillWaiting(log, session.resume!));
    } else recording?.finish(log);
  } finally {
    view?.finish();
    recording?.close();
    await tools.close();
  }
  const code = report(args, context, log, source, recording?.ok === true, references);
  if (session.record) await writeRecording(io, session.record, log);
  return code;
}

/**
 * The standard tool `previous_run` over the history this run is recorded in (as `skillflow serve`
 * offers it): the last successful run of the same workflow. Without a history (--no-history) a
 * workflow that calls it fails with UNKNOWN_TOOL, naming the tool.
 */
function withHistoryTools(
  adapter: ToolAdapter,
  recording: RunRecording | undefined,
  runId: string,
): ToolAdapter {
  const store = recording?.store;
  if (recording === undefined || store === undefined) return adapter;
  return withPreviousRun(adapter, {
    store,
    runId,
    // Read when the tool is called: the run has started, so the recorded name is known.
    get workflow() {
      return recording.workflow ?? "";
    },
  });
}

/** Whether `log` is a resume the runtime refused because a (sub-)workflow document changed. */
function changedRefusal(session: RunSession, log: RunLog): boolean {
  return (
    session.resume !== undefined &&
    log.error?.phase === "validate" &&
    log.error.details?.some((d) => d.code === "WORKFLOW_CHANGED") === true
  );
}

/** The refused resume of a waiting run, recorded as the run was: waiting for the same approvals. */
function stillWaiting(log: RunLog, resume: ResumeOptions): RunLog {
  const executed = resume.records.filter((r) => r.status !== "skipped").length;
  return {
    ...log,
    status: "waiting",
    started_at: resume.started_at,
    steps: resume.records,
    summary: {
      ...log.summary,
      steps_executed: executed,
      steps_skipped: resume.records.length - executed,
    },
    pending: resume.pending ?? [],
  };
}

function report(
  args: ParsedArgs,
  context: CommandContext,
  log: RunLog,
  source: SourceFile,
  recorded: boolean,
  references: ResolutionLog,
): number {
  const { io } = context;
  const json = args.values.json === true;
  const quiet = args.values.quiet === true;
  const style = createStyle(io.colors);
  const beforeRun = log.error !== undefined && log.error.phase !== "execute";
  if (json) printJson(io, log);
  else if (quiet && !beforeRun && log.status === "success") printJson(io, log.outputs);
  if (log.status === "waiting") {
    // A refused decision (§13.9.2) leaves the run waiting, with the reason as a validate error.
    if (log.error !== undefined && !json) io.stderr.write(`${printable(log.error.message)}\n`);
    if (!json) writeWaiting(quiet ? io.stderr : io.stdout, log, style, recorded);
    if (!recorded) io.stderr.write(UNRECORDED_WAITING);
    return log.error !== undefined ? EXIT.usage : EXIT.waiting;
  }
  if (beforeRun && !json && log.error?.details?.some((d) => d.code === "WORKFLOW_CHANGED")) {
    io.stderr.write(
      `${printable(log.error.message.replace(/; resume with .*$/, ""))}: restore it as it was to ` +
        `continue, or pass --allow-changed to continue with it as it is now\n`,
    );
  } else if (beforeRun && !json) {
    // Problems inside a sub-workflow point into its file; a refused reference says why.
    const top = { source: source.absolute, content: source.content, display: source.display };
    writeProblems(io.stderr, log, source.content, source.display, (problem) =>
      placeProblem(explainUnresolved(problem, references, top), references, top, io.cwd),
    );
  } else if (!json && !quiet) {
    writeSummary(io.stdout, log, style);
    if (recorded)
      io.stdout.write(
        `\n${style.dim(`run ${log.id} recorded · skillflow runs show ${log.id.slice(0, 8)}`)}\n`,
      );
  } else if (quiet && log.error) io.stderr.write(`${printable(log.error.message)}\n`);
  if (beforeRun) return EXIT.usage;
  if (log.status === "success") return EXIT.ok;
  return io.signal?.aborted === true ? EXIT.cancelled : EXIT.failed;
}
