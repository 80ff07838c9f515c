/** A day as the engine gives it (epoch ms of its UTC midnight) written YYYY-MM-DD, as date inputs and URLs take it. */
export function isoDayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The same for a cell that may hold no day (NULL, or not a number): null then. */
export function isoDayOrNull(ms: unknown): string | null {
  return typeof ms === 'number' && Number.isFinite(ms) ? isoDayOf(ms) : null;
}
