// One value of a run (an input, an output, an error) as text in a <pre>: pretty JSON, never HTML,
// clipped to its first lines with a "show all" button when long.
import { useState } from "preact/hooks";
import { clipText, prettyValue } from "../../values";

/** A labelled value, collapsed past `maxLines` lines or `maxChars` characters. */
export function ValueBlock({
  label,
  value,
  maxLines = 20,
  maxChars = 2000,
}: {
  label: string;
  value: unknown;
  maxLines?: number;
  maxChars?: number;
}) {
  const [all, setAll] = useState(false);
  const text = prettyValue(value);
  const clip = clipText(text, maxLines, maxChars);
  const shown = all || !clip.clipped ? text : clip.text;
  return (
    <figure class="value">
      <figcaption>{label}</figcaption>
      <pre tabIndex={0}>{shown}</pre>
      {clip.clipped ? (
        <button type="button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all
            ? "Show less"
            : `Show all (${clip.hiddenLines > 1 ? `${clip.hiddenLines} more lines, ` : ""}${clip.hiddenChars} more characters)`}
        </button>
      ) : null}
    </figure>
  );
}

/** A record's entries as value blocks, or a note when there are none. */
export function ValueList({
  values,
  empty,
}: {
  values: Record<string, unknown> | undefined;
  empty: string;
}) {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return <p class="muted">{empty}</p>;
  return (
    <div class="values">
      {entries.map(([key, value]) => (
        <ValueBlock key={key} label={key} value={value} />
      ))}
    </div>
  );
}
