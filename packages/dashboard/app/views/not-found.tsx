// A path the dashboard has no view for.

/** The not-found view. */
export function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        The dashboard has no page here. <a href="/">See the runs</a>.
      </p>
    </section>
  );
}
