// One skill: its state, problems (with line and column), body rendered as sanitized Markdown, files,
// and for a runnable skill a form built from its declared inputs that starts a run.
import { useMemo, useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import { api } from "../api";
import { buildForm, initialValues, readForm, type FieldProblem } from "../approval-form";
import { FieldControls } from "../field-form";
import { errorText, useLoad } from "../load";
import { renderMarkdown } from "../markdown";
import { UnavailableOrError } from "../not-available";
import { problemPlace, skillState, type SkillDetail } from "../skills-types";

function RunForm({ skill }: { skill: SkillDetail }) {
  const { route } = useLocation();
  const fields = useMemo(() => buildForm(skill.inputs), [skill.inputs]);
  const [values, setValues] = useState(() => initialValues(fields));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState("");
  const start = async (event: Event) => {
    event.preventDefault();
    const read = readForm(fields, values, { requireAll: true });
    setProblems(read.problems);
    if (read.problems.length > 0) {
      setFailure(`Fix ${read.problems.length} field(s) first.`);
      return;
    }
    setBusy(true);
    setFailure("");
    try {
      const ref = await api<{ runId: string }>(
        `/workflows/${encodeURIComponent(skill.name)}/runs`,
        { method: "POST", body: { inputs: read.values } },
      );
      route(`/runs/${encodeURIComponent(ref.runId)}`);
    } catch (error) {
      setFailure(errorText(error));
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="run-title" class="card">
      <h2 id="run-title">Run it</h2>
      <form noValidate onSubmit={(e) => void start(e)} aria-labelledby="run-title">
        {fields.length === 0 ? <p class="muted">It declares no inputs.</p> : null}
        <FieldControls
          idPrefix="skill-input"
          fields={fields}
          values={values}
          problems={problems}
          onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Start a run
          </button>
        </div>
        <p class={failure === "" ? "live" : "error"} role="status">
          {busy ? "Starting…" : failure}
        </p>
      </form>
    </section>
  );
}

function Problems({ skill }: { skill: SkillDetail }) {
  if (skill.problems.length === 0) return null;
  return (
    <section aria-labelledby="problems-title">
      <h2 id="problems-title">Problems ({skill.problems.length})</h2>
      <ul class="problems">
        {skill.problems.map((p, i) => (
          <li key={i}>
            {p.severity === undefined ? null : <span class="muted">{p.severity} </span>}
            <code>{p.code}</code>
            {problemPlace(p) === "" ? "" : ` at ${problemPlace(p)}`}: {p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The skill view (`/skills/:name`). */
export function SkillView() {
  const { params } = useRoute();
  const name = params["name"] ?? "";
  const skill = useLoad(
    (signal) => api<SkillDetail>(`/skills/${encodeURIComponent(name)}`, { signal }),
    [name],
  );
  const html = useMemo(
    () => (skill.data ? renderMarkdown(skill.data.body) : ""),
    [skill.data?.body],
  );
  const s = skill.data;
  return (
    <section aria-labelledby="skill-title">
      <p>
        <a href="/skills">← Skills</a>
      </p>
      <h1 id="skill-title">{s?.name ?? name}</h1>
      <UnavailableOrError error={skill.error} what="Skills" />
      {skill.loading && s === undefined ? <p class="live">Loading…</p> : null}
      {s ? (
        <>
          <p class="meta">
            <span class="muted">{s.id}</span> ·{" "}
            {skillState(s).map((word) => (
              <span key={word} class={`tag tag-${word}`}>
                {word}
              </span>
            ))}
          </p>
          {s.description !== "" ? <p>{s.description}</p> : null}
          {s.shadowed ? (
            <p class="note">Another skill of the same name takes precedence over this one.</p>
          ) : null}
          {!s.trusted ? (
            <p class="note">
              Not trusted: its <code>!</code> commands are shown as not run. Trust is set with{" "}
              <code>skills.trust</code> (or <code>trusted</code> on a <code>skills.sources</code>{" "}
              entry) in skillflow.config.yaml.
            </p>
          ) : null}
          <Problems skill={s} />
          {s.runnable ? <RunForm skill={s} /> : null}
          <section aria-labelledby="body-title">
            <h2 id="body-title">SKILL.md</h2>
            <div class="markdown" dangerouslySetInnerHTML={{ __html: html }} />
          </section>
          {s.files.length > 0 ? (
            <section aria-labelledby="files-title">
              <h2 id="files-title">Files</h2>
              <ul class="plain">
                {s.files.map((f) => (
                  <li key={f}>
                    <code>{f}</code>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
