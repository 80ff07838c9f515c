import type { Scope } from './scope';

/** The local days (YYYY-MM-DD) a workspace's data spans; null when it has none. */
export interface DataBounds {
  /** activity's first and last day. */
  firstDay: string | null;
  lastDay: string | null;
  /** The latest user creation day (a users file's signup may come after the last event). */
  lastCreatedDay: string | null;
}

/**
 * The scope without the day bounds that cut nothing: an "as of" on or after every day of the
 * data, and a start on or before its first active day. With a segment rule the "as of" must be
 * the last active day itself, since the rule's windows count back from it. Requests whose
 * effective scopes are equal have equal answers, so a date range preset that ends on the last
 * day (issue 13) reuses the answers the page already has.
 */
export function effectiveScope(scope: Scope, bounds: DataBounds): Scope {
  const { asOf, from } = scope;
  const ruleCountsBack = scope.segment !== null && 'rule' in scope.segment;
  const asOfCutsNothing =
    asOf !== null &&
    bounds.lastDay !== null &&
    asOf >= bounds.lastDay &&
    (bounds.lastCreatedDay === null || asOf >= bounds.lastCreatedDay) &&
    (!ruleCountsBack || asOf === bounds.lastDay);
  const fromCutsNothing = from !== null && bounds.firstDay !== null && from <= bounds.firstDay;
  if (!asOfCutsNothing && !fromCutsNothing) return scope;
  return { ...scope, asOf: asOfCutsNothing ? null : asOf, from: fromCutsNothing ? null : from };
}
