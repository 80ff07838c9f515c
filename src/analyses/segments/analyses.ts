import { ok, type Result } from '../../schema/problem';
import { list, text } from '../../schema/validate';
import { queryAnalysis } from '../contract';
import { validateSegmentScope, type SegmentScope } from '../segment-rule';
import { segmentCountQuery, segmentMembersListQuery } from './segment-queries';

function validateSegmentSpec(input: unknown): Result<{ segment: SegmentScope }> {
  const segment = validateSegmentScope((input as { segment?: unknown } | null)?.segment);
  return segment.ok ? ok({ segment: segment.value }) : segment;
}

function validateListSpec(input: unknown): Result<{ segment: SegmentScope; columns: readonly string[] }> {
  const base = validateSegmentSpec(input);
  if (!base.ok) return base;
  const columns = list(text(1000), 200)((input as { columns?: unknown }).columns, 'columns');
  return columns.ok ? ok({ ...base.value, columns: columns.value }) : columns;
}

/** A segment's size and its members (with attributes, for a reach list). */
export const segmentAnalyses = {
  'segment-count': queryAnalysis(validateSegmentSpec, (spec) => segmentCountQuery(spec.segment)),
  'segment-members': queryAnalysis(validateListSpec, (spec) => segmentMembersListQuery(spec.segment, spec.columns)),
};
