import { fail, ok, type Result } from '../schema/problem';
import { list, oneOf } from '../schema/validate';
import { columnPredicate, type ColumnPredicate } from './segment-rule';

/**
 * A filter that narrows every analysis the same way (issue 13), through the request envelope:
 * on an event column (the event name `event`, or one of the events file's own columns), only
 * the events that pass count, as if the file held only those rows; on a user attribute, only
 * the users whose attribute passes count (a user with no row in the users file has every
 * attribute empty).
 */
export interface AnalysisFilter extends ColumnPredicate {
  on: 'event' | 'user';
}

export const maxAnalysisFilters = 20;

const filterCheck = (input: unknown, field: string): Result<AnalysisFilter> => {
  const on = oneOf(['event', 'user'])((input as { on?: unknown } | null)?.on, `${field}.on`);
  if (!on.ok) return on;
  const predicate = columnPredicate(input, field);
  return predicate.ok ? ok({ on: on.value, ...predicate.value }) : predicate;
};

/** Checks the filters of a request (all combined with AND); never throws. */
export function validateFilters(input: unknown, field = 'filters'): Result<readonly AnalysisFilter[]> {
  if (!Array.isArray(input)) return fail('spec.invalid', { field, expected: 'list' });
  return list(filterCheck, maxAnalysisFilters)(input, field);
}

/** The filters that test the events' rows, and those that test users' attributes. */
export function splitFilters(filters: readonly AnalysisFilter[]): {
  event: readonly AnalysisFilter[];
  user: readonly AnalysisFilter[];
} {
  return { event: filters.filter((f) => f.on === 'event'), user: filters.filter((f) => f.on === 'user') };
}
