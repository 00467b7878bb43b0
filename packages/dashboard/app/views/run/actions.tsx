// What a person can do with a run: cancel it, rerun it (same or edited inputs) or resume it, each
// behind a confirmation, with the service's answer or error announced.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api } from "../../api";
import { errorText } from "../../load";
import { canCancel, type RunDetail, type RunRef } from "../../run-detail";
import { parseInputs } from "../../values";

type Outcome = { ok: boolean; text: string } | undefined;

/** A button that asks before it acts. */
function Confirmed({
  label,
  question,
  confirm,
  busy,
  onConfirm,
}: {
  label: string;
  question: string;
  confirm: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <span class="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        class="primary"
        disabled={busy}
        ref={(el) => el?.focus()}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirm}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        No
      </button>
    </span>
  );
}

function EditedRerun({
  run,
  act,
}: {
  run: RunDetail;
  act: (inputs: Record<string, unknown>) => void;
}) {
  const original = JSON.stringify(run.inputs ?? {}, null, 2);
  const [text, setText] = useState(original);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const submit = (event: Event) => {
    event.preventDefault();
    const parsed = parseInputs(text);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    setProblem(undefined);
    if (window.confirm(`Start a new run of ${run.workflow} with these inputs?`)) act(parsed.inputs);
  };
  return (
    <form class="rerun-form" onSubmit={submit}>
      <label>
        Inputs (a JSON object)
        <textarea
          rows={8}
          value={text}
          spellcheck={false}
          aria-invalid={problem !== undefined}
          aria-describedby="rerun-note"
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <p id="rerun-note" class="muted">
        {text.includes("[REDACTED]")
          ? "Values shown as [REDACTED] are secrets the service did not store: replace them, or they are sent as the text [REDACTED]."
          : "Edit the values, then start the run."}
      </p>
      {problem !== undefined ? (
        <p class="error" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="action-row">
        <button type="submit">Rerun with these inputs</button>
        <button
          type="button"
          onClick={() => {
            setText(original);
            setProblem(undefined);
          }}
        >
          Reset to the run's inputs
        </button>
      </div>
    </form>
  );
}

/** The actions of a run, with their results. */
export function RunActions({ run, onChanged }: { run: RunDetail; onChanged: () => void }) {
  const { route } = useLocation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(undefined);
  const [editing, setEditing] = useState(false);
  const id = encodeURIComponent(run.id);
  const act = async (what: string, path: string, body: unknown, follow: boolean) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const ref = await api<RunRef>(path, { method: "POST", body });
      setOutcome({ ok: true, text: `${what}: run ${ref.runId} is ${ref.status}.` });
      if (follow && ref.runId !== run.id) route(`/runs/${encodeURIComponent(ref.runId)}`);
      else onChanged();
    } catch (error) {
      setOutcome({ ok: false, text: `${what} failed: ${errorText(error)}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="actions" aria-label="Actions">
      <div class="action-row">
        {canCancel(run.status) ? (
          <Confirmed
            label="Cancel run"
            question="Cancel this run?"
            confirm="Yes, cancel it"
            busy={busy}
            onConfirm={() => void act("Cancel", `/runs/${id}/cancel`, {}, false)}
          />
        ) : null}
        {run.status === "interrupted" ? (
          <Confirmed
            label="Resume run"
            question="Resume from its checkpoint?"
            confirm="Yes, resume"
            busy={busy}
            onConfirm={() => void act("Resume", `/runs/${id}/resume`, {}, false)}
          />
        ) : null}
        <Confirmed
          label="Rerun"
          question="Start a new run with the same inputs?"
          confirm="Yes, rerun"
          busy={busy}
          onConfirm={() => void act("Rerun", `/runs/${id}/rerun`, {}, true)}
        />
        <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          Rerun with edited inputs…
        </button>
      </div>
      {editing ? (
        <EditedRerun
          run={run}
          act={(inputs) => void act("Rerun", `/runs/${id}/rerun`, { inputs }, true)}
        />
      ) : null}
      <p class={outcome?.ok === false ? "error" : "live"} role="status" aria-live="polite">
        {outcome?.text ?? ""}
      </p>
    </section>
  );
}
