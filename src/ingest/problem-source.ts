import type { Problem } from '../schema/problem';

/** A problem found inside a named source (a manifest file or address): the UI shows the source first. */
export function inSource(problem: Problem, source: string): Problem {
  return { code: problem.code, vars: { ...problem.vars, source } };
}
