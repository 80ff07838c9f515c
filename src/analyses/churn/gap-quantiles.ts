import { sql, type Sql } from '../../sql';
import type { RunContext, RunOutput } from '../contract';
import { activeDaysWithPrevious, PROPOSED_PERCENTILE, type InactivitySpec } from './inactivity-query';
import { remember } from './run-helpers';

/** The percentile of gaps that proposes the silence threshold S (the median, METRICS.md, Lifecycle). */
export const SILENT_PERCENTILE = 0.5;

/**
 * The gap quantiles the thresholds default to, in one pass over the gaps between a repeat
 * user's consecutive active days: one row `median_gap` (proposes S) and `proposed` (L), as
 * stageThresholds and thresholdSelect compute them; nulls without gaps.
 */
export function gapQuantilesQuery(coreEvents: readonly string[]): Sql {
  return sql`WITH days AS (
  ${activeDaysWithPrevious(coreEvents)}
), q AS (
  SELECT quantile_disc(day - prev_day, [${SILENT_PERCENTILE}, ${PROPOSED_PERCENTILE}]) AS q FROM days WHERE prev_day IS NOT NULL
)
SELECT CAST(q[1] AS INTEGER) AS median_gap, CAST(q[2] AS INTEGER) AS proposed FROM q`;
}

export interface GapQuantiles {
  medianGap: number | null;
  proposed: number | null;
}

const toDays = (cell: unknown): number | null => (typeof cell === 'number' && Number.isFinite(cell) ? cell : null);

/**
 * The spec with the thresholds it leaves to the data (L, and S when it has one) filled in from
 * the gap quantiles, computed once per scope and core events and shared by every churn chart:
 * each of them scanned all the gaps again for them (issue 10), and a grain change needs none.
 * Without gaps the spec is left as it is (its query finds no threshold either).
 */
export async function withDataThresholds<S extends InactivitySpec & { silent?: number | null }>(
  spec: S,
  ctx: RunContext,
): Promise<S> {
  const needsSilent = spec.silent === null;
  if (spec.threshold !== null && !needsSilent) return spec;
  const q = await remember(ctx, ['churn-gap-quantiles', spec.coreEvents], async (c): Promise<GapQuantiles> => {
    const [row] = await c.query(gapQuantilesQuery(spec.coreEvents));
    return { medianGap: toDays(row?.median_gap), proposed: toDays(row?.proposed) };
  });
  return {
    ...spec,
    threshold: spec.threshold ?? q.proposed,
    ...(needsSilent ? { silent: q.medianGap } : {}),
  };
}

/** A query analysis's run, with the thresholds left to the data filled in first (withDataThresholds). */
export function withThresholdsRun<S extends InactivitySpec & { silent?: number | null }>(
  builder: (spec: S) => Sql,
): (spec: S, ctx: RunContext) => Promise<RunOutput> {
  return async (spec, ctx) => ({ rows: await ctx.query(builder(await withDataThresholds(spec, ctx))) });
}
