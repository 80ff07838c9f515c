import { fail, ok, type Result } from '../../schema/problem';
import { list, text } from '../../schema/validate';
import { defineAnalysis, queryAnalysis } from '../contract';
import { validateSegmentScope, type SegmentScope } from '../segment-rule';
import { segmentCompareQuery } from './compare-query';
import { lastDayQuery, segmentCountQuery, segmentMembersListQuery } from './segment-queries';

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

function validateCompareSpec(input: unknown): Result<{ segments: readonly SegmentScope[] }> {
  const list = (input as { segments?: unknown } | null)?.segments;
  if (!Array.isArray(list) || list.length < 2 || list.length > 4) {
    return fail('spec.invalid', { field: 'segments', expected: '2 to 4 segments' });
  }
  const segments: SegmentScope[] = [];
  for (const [i, s] of list.entries()) {
    const checked = validateSegmentScope(s, `segments[${i}]`);
    if (!checked.ok) return checked;
    segments.push(checked.value);
  }
  return ok({ segments });
}

/** A segment's size, its members (with attributes, for a reach list), and 2 to 4 segments side by side. */
export const segmentAnalyses = {
  'segment-count': defineAnalysis({
    validateSpec: validateSegmentSpec,
    run: async (spec, ctx) => {
      if (!('rule' in spec.segment)) return { rows: await ctx.query(segmentCountQuery(spec.segment)) };
      const day = (await ctx.query(lastDayQuery()))[0]?.d;
      return { rows: await ctx.query(segmentCountQuery(spec.segment, typeof day === 'string' ? day : null)) };
    },
  }),
  'segment-members': queryAnalysis(validateListSpec, (spec) => segmentMembersListQuery(spec.segment, spec.columns)),
  'segment-compare': queryAnalysis(validateCompareSpec, (spec) => segmentCompareQuery(spec.segments)),
};
