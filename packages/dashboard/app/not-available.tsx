// The note a view shows instead of an error when the server does not serve its data.
import { notServed } from "./available";
import { ErrorNote, errorText } from "./load";

/** "Not available" for a feature this server does not serve; the error note for anything else. */
export function UnavailableOrError({ error, what }: { error: unknown; what: string }) {
  if (error === undefined) return null;
  if (!notServed(error)) return <ErrorNote error={error} />;
  return (
    <p class="note" role="status">
      {what} are not available from this server. Start it with <code>skillflow serve</code> in the
      project to see them. <span class="muted">({errorText(error)})</span>
    </p>
  );
}
