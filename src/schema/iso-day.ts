/** A day as the engine gives it (epoch ms of its UTC midnight) written YYYY-MM-DD, as date inputs and URLs take it. */
export function isoDayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
