import { fail, ok, type Result } from '../schema/problem';
import { isoDate } from '../schema/validate';
import { validateFilters, type AnalysisFilter } from './analysis-filter';
import type { AnalysisDefinition } from './contract';
import { analysisOf, type AnalysisKind, type SpecOf } from './registry';
import type { Scope } from './scope';
import { validateSegmentScope, type SegmentScope } from './segment-rule';

/**
 * What crosses the worker to run an analysis: its kind and spec, and what narrows it the same
 * way for every analysis: a segment (its rule, or a frozen list of member ids), an "as of"
 * day after which data does not count, and a date range `from`..`to` (inclusive local days;
 * `to` is an "as of", `from` applies as the analysis's definition says: see `range`), and
 * filters on event columns and user attributes (see AnalysisFilter).
 */
export type AnalysisRequest = {
  [K in AnalysisKind]: {
    kind: K;
    spec: SpecOf<K>;
    segment?: SegmentScope;
    asOf?: string;
    from?: string;
    to?: string;
    filters?: readonly AnalysisFilter[];
  };
}[AnalysisKind];

/** A request checked at the worker's door: the definition to run, its valid spec and scope. */
export interface CheckedRequest {
  kind: AnalysisKind;
  definition: AnalysisDefinition<unknown>;
  spec: unknown;
  scope: Scope;
  /** Rows whose range column is before this day are dropped after the run (see `range`). */
  rowsFrom: string | null;
}

/** Checks a request from anywhere (a page, storage, an imported report); never throws. */
export function validateRequest(input: unknown): Result<CheckedRequest> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail('request.invalid');
  const { kind, spec, segment, asOf, from, to, filters } = input as Record<string, unknown>;
  const definition = typeof kind === 'string' ? analysisOf(kind) : null;
  if (!definition) return fail('request.unknownKind', { kind: String(kind) });
  const scope: Scope = { asOf: null, from: null, segment: null, filters: [] };
  const days: { asOf: string | null; from: string | null; to: string | null } = { asOf: null, from: null, to: null };
  for (const [field, value] of [
    ['asOf', asOf],
    ['from', from],
    ['to', to],
  ] as const) {
    if (value === undefined) continue;
    const checked = isoDate(value, field);
    if (!checked.ok) return checked;
    days[field] = checked.value;
  }
  if (days.from !== null && days.to !== null && days.from > days.to) {
    return fail('range.reversed', { from: days.from, to: days.to });
  }
  const ends = [days.asOf, days.to].filter((d): d is string => d !== null).sort();
  scope.asOf = ends[0] ?? null;
  let rowsFrom: string | null = null;
  if (definition.range) rowsFrom = days.from;
  else scope.from = days.from;
  if (segment !== undefined) {
    const checked = validateSegmentScope(segment);
    if (!checked.ok) return checked;
    scope.segment = checked.value;
  }
  if (filters !== undefined) {
    const checked = validateFilters(filters);
    if (!checked.ok) return checked;
    scope.filters = checked.value;
  }
  const checkedSpec = definition.validateSpec(spec);
  if (!checkedSpec.ok) return checkedSpec;
  return ok({ kind: kind as AnalysisKind, definition, spec: checkedSpec.value, scope, rowsFrom });
}
