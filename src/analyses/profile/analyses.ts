import { ok, type Result } from '../../schema/problem';
import { integer, list, object, specValidator, text } from '../../schema/validate';
import { defineAnalysis, queryAnalysis } from '../contract';
import { validateSegmentScope, type SegmentScope } from '../segment-rule';
import {
  profileAttributesQuery,
  profileDaysQuery,
  profileSegmentsQuery,
  profileSummaryQuery,
  profileTimelineQuery,
} from './profile-queries';
import { timelinePageSize } from './timeline-rows';

interface ProfileSpec {
  userId: string;
  /** Saved segments to test membership of (id and definition), from the page. */
  segments: readonly { id: string; definition: SegmentScope }[];
}

function validateProfileSpec(input: unknown): Result<ProfileSpec> {
  const base = object({ userId: text(10_000), segments: list((v, field) => object({ id: text(200) })(v, field), 200) })(
    input,
    '',
  );
  if (!base.ok) return base;
  const segments: { id: string; definition: SegmentScope }[] = [];
  for (const [i, s] of ((input as { segments: { definition?: unknown }[] }).segments ?? []).entries()) {
    const definition = validateSegmentScope(s.definition, `segments[${i}].definition`);
    if (!definition.ok) return definition;
    segments.push({ id: base.value.segments[i]!.id, definition: definition.value });
  }
  return ok({ userId: base.value.userId, segments });
}

/**
 * 用户细查: one user's attributes, totals, segments, events per day and the first page of
 * events (`user-profile`); any later page of events (`user-timeline`), fetched as it scrolls
 * into view.
 */
export const profileAnalyses = {
  'user-profile': defineAnalysis({
    validateSpec: validateProfileSpec,
    run: async (spec, ctx) => {
      const summary = await ctx.query(profileSummaryQuery(spec.userId));
      const attributes = await ctx.query(profileAttributesQuery(spec.userId));
      const segments = await ctx.query(profileSegmentsQuery(spec.userId, spec.segments));
      const days = await ctx.query(profileDaysQuery(spec.userId));
      const timeline = await ctx.query(profileTimelineQuery(spec.userId, 0, timelinePageSize));
      return { rows: summary, tables: { attributes, segments, days, timeline } };
    },
  }),
  'user-timeline': queryAnalysis(
    specValidator({ userId: text(10_000), offset: integer(0, 1e9), limit: integer(1, 5_000) }),
    (spec) => profileTimelineQuery(spec.userId, spec.offset, spec.limit),
  ),
};
