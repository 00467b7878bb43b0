// Approvals inbox: every approval waiting for a person, with its message, deadline and a form built
// from its declared response fields; approve or reject, and the list follows the runs live.
import { useMemo, useRef, useState } from "preact/hooks";
import { api, type RunStatus } from "../api";
import { buildForm, initialValues, readForm, type FieldProblem } from "../approval-form";
import { FieldControls } from "../field-form";
import { formatTime } from "../format";
import { useServiceEvents } from "../live";
import { ErrorNote, errorText, useLoad } from "../load";
import { formatRelative } from "../when";

/** A pending approval as `GET /approvals` lists it. */
export interface ApprovalInfo {
  runId: string;
  workflow: string;
  key: string;
  stepId: string;
  path: string[];
  message: string;
  /** The deadline (ISO 8601), or null without a timeout. */
  expires_at: string | null;
  /** The declared response fields. */
  response: Record<string, unknown>;
  expired: boolean;
}

type Outcome = { ok: true; text: string } | { ok: false; text: string };

function Deadline({ approval }: { approval: ApprovalInfo }) {
  if (approval.expires_at === null) return <span>No deadline</span>;
  return (
    <span>
      {approval.expired ? "Expired " : "Deadline "}
      <time dateTime={approval.expires_at} title={approval.expires_at}>
        {formatRelative(approval.expires_at, Date.now())} ({formatTime(approval.expires_at)})
      </time>
      {approval.expired ? " — its on_timeout applies shortly" : ""}
    </span>
  );
}

/** A decision made from this page (the card leaves the list once the run continues). */
interface Decided {
  runId: string;
  key: string;
  workflow: string;
  text: string;
}

function ApprovalCard({
  approval,
  onDecided,
}: {
  approval: ApprovalInfo;
  onDecided: (decided: Decided) => void;
}) {
  const fields = useMemo(() => buildForm(approval.response), [approval.response]);
  const [values, setValues] = useState(() => initialValues(fields));
  const [by, setBy] = useState("");
  const [note, setNote] = useState("");
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const id = `approval-${approval.runId}-${approval.key}`.replace(/[^A-Za-z0-9_-]/g, "_");

  const decide = async (approved: boolean) => {
    // An approval must give every required field; a rejection sends only what was filled in.
    const read = readForm(fields, values, { requireAll: approved, nulls: approved });
    setProblems(read.problems);
    if (read.problems.length > 0) {
      setOutcome({ ok: false, text: `Fix ${read.problems.length} field(s) first.` });
      return;
    }
    setBusy(true);
    try {
      const ref = await api<{ runId: string; status: RunStatus }>(
        `/runs/${encodeURIComponent(approval.runId)}/approvals/${encodeURIComponent(approval.key)}`,
        {
          method: "POST",
          body: {
            approved,
            ...(fields.length > 0 ? { response: read.values } : {}),
            ...(by.trim() === "" ? {} : { by: by.trim() }),
            ...(note.trim() === "" ? {} : { note: note.trim() }),
          },
        },
      );
      const text = `${approved ? "Approved" : "Rejected"}; the run is ${ref.status} and continues.`;
      setOutcome({ ok: true, text });
      onDecided({ runId: approval.runId, key: approval.key, workflow: approval.workflow, text });
    } catch (error) {
      setOutcome({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="card approval" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {approval.workflow} <span class="muted">· {approval.key}</span>
      </h2>
      <p class="approval-message">{approval.message}</p>
      <p class="meta">
        <a href={`/runs/${encodeURIComponent(approval.runId)}`}>Run {approval.runId}</a>
        {" · "}
        <Deadline approval={approval} />
      </p>
      <form
        noValidate
        aria-label={`Decide ${approval.key} of run ${approval.runId}`}
        onSubmit={(e) => {
          e.preventDefault();
          void decide(true);
        }}
      >
        <FieldControls
          idPrefix={id}
          fields={fields}
          values={values}
          problems={problems}
          onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
        />
        <div class="field">
          <label for={`${id}-by`}>
            Decided by <span class="field-type">(optional, kept with the decision)</span>
          </label>
          <input
            id={`${id}-by`}
            value={by}
            autocomplete="name"
            onInput={(e) => setBy(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={`${id}-note`}>
            Note <span class="field-type">(optional, why: kept with the run)</span>
          </label>
          <textarea
            id={`${id}-note`}
            rows={2}
            maxLength={2000}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Approve
          </button>
          <button type="button" disabled={busy} onClick={() => void decide(false)}>
            Reject
          </button>
        </div>
        <p class={outcome?.ok === false ? "error" : "live"} role="status">
          {outcome?.text ?? ""}
        </p>
      </form>
    </article>
  );
}

/** The approvals inbox. */
export function ApprovalsView() {
  const approvals = useLoad((signal) => api<ApprovalInfo[]>("/approvals", { signal }), []);
  // Runs suspend and continue while the inbox is open: fetch again, at most every half second.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useServiceEvents(
    (event) => {
      if (event.kind === "schedule_changed" || pending.current !== undefined) return;
      pending.current = setTimeout(() => {
        pending.current = undefined;
        approvals.reload();
      }, 500);
    },
    [approvals.reload],
  );
  const [decided, setDecided] = useState<Decided[]>([]);
  const onDecided = (d: Decided) => {
    setDecided((shown) => [d, ...shown].slice(0, 10));
    approvals.reload();
  };
  const list = approvals.data ?? [];
  return (
    <section aria-labelledby="approvals-title">
      <h1 id="approvals-title">Approvals</h1>
      <ErrorNote error={approvals.error} />
      <p class="live" aria-live="polite">
        {approvals.loading && approvals.data === undefined
          ? "Loading…"
          : list.length === 0
            ? "Nothing is waiting for a decision."
            : `${list.length} waiting for a decision`}
      </p>
      <div aria-live="polite">
        {decided.length > 0 ? (
          <ul class="decided">
            {decided.map((d) => (
              <li key={`${d.runId}/${d.key}`}>
                {d.workflow} · {d.key}: {d.text}{" "}
                <a href={`/runs/${encodeURIComponent(d.runId)}`}>Follow the run</a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {list.map((a) => (
        <ApprovalCard key={`${a.runId}/${a.key}`} approval={a} onDecided={onDecided} />
      ))}
    </section>
  );
}
