// The controls of a form built from declared fields (approval responses, skill inputs): a labelled
// control per field, its hint and its problem, wired to one state object the caller owns.
import type { FieldProblem, FormField } from "./approval-form";

/** Props of `FieldControls`. */
export interface FieldControlsProps {
  /** Makes the controls' ids unique on the page. */
  idPrefix: string;
  fields: readonly FormField[];
  values: Readonly<Record<string, string | boolean>>;
  problems: readonly FieldProblem[];
  onChange: (name: string, value: string | boolean) => void;
}

/** The labelled controls of `fields`; problems are linked to their control (aria-describedby). */
export function FieldControls({
  idPrefix,
  fields,
  values,
  problems,
  onChange,
}: FieldControlsProps) {
  return (
    <div class="field-controls">
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const problem = problems.find((p) => p.field === field.name);
        const described = [field.hint ? `${id}-hint` : "", problem ? `${id}-problem` : ""]
          .filter(Boolean)
          .join(" ");
        const common = {
          id,
          name: field.name,
          "aria-invalid": problem ? ("true" as const) : undefined,
          "aria-describedby": described === "" ? undefined : described,
        };
        const value = values[field.name];
        const text = typeof value === "string" ? value : "";
        return (
          <div class={`field field-${field.control}`} key={field.name}>
            <label for={id}>
              {field.name}
              <span class="field-type">
                {" "}
                ({field.type}
                {field.nullable ? ", optional" : field.required ? ", required" : ""})
              </span>
            </label>
            {field.control === "checkbox" ? (
              <input
                {...common}
                type="checkbox"
                checked={value === true}
                onChange={(e) => onChange(field.name, e.currentTarget.checked)}
              />
            ) : field.control === "json" ? (
              <textarea
                {...common}
                rows={4}
                aria-required={field.required}
                value={text}
                spellcheck={false}
                onInput={(e) => onChange(field.name, e.currentTarget.value)}
              />
            ) : field.control === "number" ? (
              <input
                {...common}
                type="number"
                step={field.step}
                inputMode={field.type === "int" ? "numeric" : "decimal"}
                aria-required={field.required}
                value={text}
                onInput={(e) => onChange(field.name, e.currentTarget.value)}
              />
            ) : (
              <input
                {...common}
                type="text"
                aria-required={field.required}
                value={text}
                onInput={(e) => onChange(field.name, e.currentTarget.value)}
              />
            )}
            {field.hint ? (
              <small id={`${id}-hint`} class="field-hint">
                {field.hint}
              </small>
            ) : null}
            {problem ? (
              <small id={`${id}-problem`} class="field-problem">
                {problem.message}
              </small>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
