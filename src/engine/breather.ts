/**
 * Lets queued messages (the watchdog's ping, a cancel) run during long work in the worker, and
 * the page answer input during long work on the page:
 * `breathe()` yields to the event loop (a timer, as in duckdb-session.ts) once `everyMs` have
 * passed since it last did, and otherwise costs a clock read. Awaiting an async iterator
 * alone does not yield: its steps are microtasks, which run before any message.
 */
export function breather(everyMs = 50): () => Promise<void> | null {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < everyMs) return null;
    last = now;
    return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      last = performance.now();
    });
  };
}
