// Skills: the catalog with each skill's scope, state and number of validation problems.
import { useState } from "preact/hooks";
import { api } from "../api";
import { useLoad } from "../load";
import { UnavailableOrError } from "../not-available";
import { skillState, type SkillInfo } from "../skills-types";

/** The skill catalog view. */
export function SkillsView() {
  const skills = useLoad((signal) => api<SkillInfo[]>("/skills", { signal }), []);
  const [text, setText] = useState("");
  const needle = text.trim().toLowerCase();
  const shown = (skills.data ?? []).filter(
    (s) =>
      needle === "" ||
      s.name.toLowerCase().includes(needle) ||
      s.description.toLowerCase().includes(needle),
  );
  return (
    <section aria-labelledby="skills-title">
      <h1 id="skills-title">Skills</h1>
      <UnavailableOrError error={skills.error} what="Skills" />
      <label class="search">
        Search
        <input
          type="search"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          placeholder="name or description"
        />
      </label>
      <p class="live" aria-live="polite">
        {skills.loading && skills.data === undefined ? "Loading…" : `${shown.length} skills shown`}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Skill</th>
              <th scope="col">Scope</th>
              <th scope="col">State</th>
              <th scope="col">Problems</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <a href={`/skills/${encodeURIComponent(s.shadowed ? s.id : s.name)}`}>{s.name}</a>
                </th>
                <td>{s.scope}</td>
                <td>
                  {skillState(s).map((word) => (
                    <span key={word} class={`tag tag-${word}`}>
                      {word}
                    </span>
                  ))}
                </td>
                <td>
                  {s.problems.length === 0 ? (
                    <span class="muted">none</span>
                  ) : (
                    <span class="problem-count">{s.problems.length}</span>
                  )}
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
