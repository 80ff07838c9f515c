import { fail, ok, type Result } from '../schema/problem';
import { isoDate } from '../schema/validate';
import type { AnalysisDefinition } from './contract';
import { analysisOf, type AnalysisKind, type SpecOf } from './registry';
import type { Scope } from './scope';
import { validateSegmentScope, type SegmentScope } from './segment-rule';

/**
 * What crosses the worker to run an analysis: its kind and spec, and what narrows it the same
 * way for every analysis: a segment (its rule, or a frozen list of member ids) and an "as of"
 * day after which data does not count.
 */
export type AnalysisRequest = {
  [K in AnalysisKind]: { kind: K; spec: SpecOf<K>; segment?: SegmentScope; asOf?: string };
}[AnalysisKind];

/** A request checked at the worker's door: the definition to run, its valid spec and scope. */
export interface CheckedRequest {
  kind: AnalysisKind;
  definition: AnalysisDefinition<unknown>;
  spec: unknown;
  scope: Scope;
}

/** Checks a request from anywhere (a page, storage, an imported report); never throws. */
export function validateRequest(input: unknown): Result<CheckedRequest> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail('request.invalid');
  const { kind, spec, segment, asOf } = input as Record<string, unknown>;
  const definition = typeof kind === 'string' ? analysisOf(kind) : null;
  if (!definition) return fail('request.unknownKind', { kind: String(kind) });
  const scope: Scope = { asOf: null, segment: null };
  if (asOf !== undefined) {
    const checked = isoDate(asOf, 'asOf');
    if (!checked.ok) return checked;
    scope.asOf = checked.value;
  }
  if (segment !== undefined) {
    const checked = validateSegmentScope(segment);
    if (!checked.ok) return checked;
    scope.segment = checked.value;
  }
  const checkedSpec = definition.validateSpec(spec);
  if (!checkedSpec.ok) return checkedSpec;
  return ok({ kind: kind as AnalysisKind, definition, spec: checkedSpec.value, scope });
}
