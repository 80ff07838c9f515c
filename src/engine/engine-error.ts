import type { Problem, Result } from '../schema/problem';

/** Errors cross the worker as plain data (Comlink keeps only message/name/stack of an Error). */
export type EngineErrorKind = 'input' | 'sql' | 'cancelled' | 'engine';

/**
 * A problem (a code the UI translates, with its values) and what kind of failure it was.
 * `detail` is DuckDB's or the browser's own text of an unexpected failure, for a "details"
 * view only: it is never the message.
 */
export interface EngineError extends Problem {
  kind: EngineErrorKind;
  sql?: string;
  detail?: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: EngineError };

export class EngineFailure extends Error {
  readonly detail: EngineError;
  constructor(detail: EngineError) {
    super(detail.code);
    this.detail = detail;
  }
}

/** The text of an unknown thrown value, first line only (DuckDB adds context lines). */
export function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

/** An EngineError from a problem, with the optional raw detail. */
export function engineError(kind: EngineErrorKind, problem: Problem, extra: { sql?: string; detail?: string } = {}): EngineError {
  return { kind, ...problem, ...extra };
}

/** A failure of the user's input (a file, a manifest) as an EngineFailure to throw. */
export function inputFailure(problem: Problem, detail?: string): EngineFailure {
  return new EngineFailure(engineError('input', problem, detail === undefined ? {} : { detail }));
}

/** An EngineFailure's error as it is; anything else is an unexpected failure, its text kept as detail. */
export function toEngineError(e: unknown): EngineError {
  if (e instanceof EngineFailure) return e.detail;
  return { kind: 'engine', code: 'engine.failed', detail: e instanceof Error ? e.message : String(e) };
}

/** A result's problem as an outcome's error (for what crosses the worker). */
export function toOutcome<T>(result: Result<T>, kind: EngineErrorKind = 'input'): Outcome<T> {
  return result.ok ? result : { ok: false, error: engineError(kind, result.problem) };
}

/** Runs work and returns its outcome as data, never throwing across the worker. */
export async function outcomeOf<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, error: toEngineError(e) };
  }
}
