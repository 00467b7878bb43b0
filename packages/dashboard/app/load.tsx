// Loading data in a view: one hook for "fetch, show progress, show the error", and the error's text,
// which says how to sign in when the session is missing.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiFailure } from "./api";

/** The state of a load. */
export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again (keeps the current data on screen meanwhile). */
  reload: () => void;
}

/** Runs `load` now and whenever `deps` change; a newer load wins over an older one. */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const current = useRef<AbortController | undefined>(undefined);
  useEffect(() => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setLoading(true);
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** What went wrong, in words a person can act on. */
export function errorText(error: unknown): string {
  if (error instanceof ApiFailure && error.status === 401)
    return "You are not signed in. Open the login link that `skillflow serve` printed, or run `skillflow dashboard` for a new one.";
  if (error instanceof ApiFailure) return `${error.message} (${error.code})`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The error of a load, announced to screen readers. */
export function ErrorNote({ error }: { error: unknown }) {
  if (error === undefined) return null;
  return (
    <p class="error" role="alert">
      {errorText(error)}
    </p>
  );
}
