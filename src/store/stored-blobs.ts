/**
 * Blobs read back from IndexedDB in the clear, with the key of the record each came from.
 *
 * Chromium backs such a Blob with a registration of its own, which it can drop while the page
 * still holds the Blob. A Blob built over it after that (a slice, `new Blob([it])`) gets the tab
 * killed: "Bad blob references in BlobRegistry::Register" (seen here in Chromium 156, at the
 * first slice of a kept 5M-event file, in a tab opened just after another tab of the app closed
 * while keeping the workspace).
 * Reading it whole or as a stream is safe. So the engine copies a stored Blob before it imports
 * it (see engine.worker.ts), and keeping it again leaves its record as it is (saveWorkspace).
 */
const storedAt = new WeakMap<Blob, string>();

export function markStored(blob: Blob, key: string): void {
  storedAt.set(blob, key);
}

/** The key of the record `blob` was read from, if it was read from one. */
export function storedKeyOf(blob: Blob): string | undefined {
  return storedAt.get(blob);
}
