/**
 * A problem as data: a code the UI translates (src/ui/i18n), with the values it names.
 * Below the UI nothing writes sentences, so a Chinese page never shows an English message.
 */
export interface Problem {
  code: string;
  vars?: Record<string, string | number>;
}

/** Parsers and validators return results; they do not throw for user input. */
export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const problem = (code: string, vars?: Problem['vars']): Problem => (vars ? { code, vars } : { code });

export const fail = <T = never>(code: string, vars?: Problem['vars']): Result<T> => ({ ok: false, problem: problem(code, vars) });
