import type { Problem } from '../../schema/problem';
import type { Row } from '../../schema/row';
import type { RunContext, RunOutput, RunProgress } from '../contract';

/**
 * A run that cannot give an answer for this data (no purchases, a date outside the data, a fit
 * that does not converge) returns its problem as data in `tables.problem`, one row of the code
 * and its values, for the page to put in words; it never throws for the data it was given.
 */
export function problemOutput(code: string, vars: Record<string, string | number> = {}): RunOutput {
  return { rows: [], tables: { problem: [{ ...vars, code }] } };
}

/** The problem a run returned, if any. */
export function problemOf(tables: Record<string, Row[]> | undefined): Problem | null {
  const row = tables?.problem?.[0];
  if (!row) return null;
  const { code, ...rest } = row;
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(rest)) if (typeof v === 'string' || typeof v === 'number') vars[k] = v;
  return { code: String(code), vars };
}

/**
 * Gives way to the worker's event loop (a cancel, a watchdog ping) after every `sliceMs` of
 * computation, reporting progress each time; the returned function throws when cancelled.
 */
export function timeSlicer(ctx: RunContext, sliceMs = 20): (progress: RunProgress) => Promise<void> {
  let since = performance.now();
  return async (progress) => {
    if (performance.now() - since < sliceMs) return;
    ctx.progress(progress);
    await ctx.yield();
    since = performance.now();
  };
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A step other requests may share (see RunContext.memo), or simply computed when runs share nothing. */
export function remember<T>(ctx: RunContext, key: readonly unknown[], compute: (ctx: RunContext) => Promise<T>): Promise<T> {
  return ctx.memo ? ctx.memo(JSON.stringify(key), compute) : compute(ctx);
}
