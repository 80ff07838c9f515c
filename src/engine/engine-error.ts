/** Errors cross the worker as plain data (Comlink keeps only message/name/stack of an Error). */
export type EngineErrorKind = 'input' | 'sql' | 'cancelled' | 'engine';

export interface EngineError {
  kind: EngineErrorKind;
  message: string;
  sql?: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: EngineError };

export class EngineFailure extends Error {
  readonly detail: EngineError;
  constructor(detail: EngineError) {
    super(detail.message);
    this.detail = detail;
  }
}

export function toEngineError(e: unknown, sql?: string): EngineError {
  if (e instanceof EngineFailure) return e.detail;
  const message = e instanceof Error ? e.message : String(e);
  return sql === undefined ? { kind: 'sql', message } : { kind: 'sql', message, sql };
}

/** Runs work and returns its outcome as data, never throwing across the worker. */
export async function outcomeOf<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, error: toEngineError(e) };
  }
}
