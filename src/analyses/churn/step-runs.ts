import type { Sql } from '../../sql';
import type { RunContext, RunOutput } from '../contract';
import { stepTable } from '../step-table';
import { churnByCohortQuery, churnByFirstDaySelect, type ChurnByCohortSpec } from './churned-by-query';
import { withDataThresholds } from './gap-quantiles';
import { activeDayStepsSelect, churnStagesQuery, type InactivitySpec } from './inactivity-query';

/**
 * A query analysis over the numbers of users per (previous active day, active day), with the
 * thresholds left to the data filled in first: the step counts are kept as a table per scope
 * and core events, so a grain or threshold change reads a few thousand rows instead of every
 * user-day again (issue 13, settings change on the churn page).
 */
export function withStepsRun<S extends InactivitySpec & { silent?: number | null }>(
  builder: (spec: S, steps: Sql) => Sql,
): (spec: S, ctx: RunContext) => Promise<RunOutput> {
  return async (spec, ctx) => {
    const filled = await withDataThresholds(spec, ctx);
    return { rows: await ctx.query(builder(filled, await stepsTable(filled, ctx))) };
  };
}

const stepsTable = (spec: InactivitySpec, ctx: RunContext) =>
  stepTable(ctx, ['churn-steps', spec.coreEvents], activeDayStepsSelect(spec.coreEvents));

/** The stage counts, from the step counts kept for every grain and the user-days read again. */
export const runChurnStages = withStepsRun(churnStagesQuery);

/** Churned users per cohort, from the counts per first active day kept for every grain. */
export async function runChurnByCohort(spec: ChurnByCohortSpec, ctx: RunContext): Promise<RunOutput> {
  const filled = await withDataThresholds(spec, ctx);
  const key = ['churn-by-first-day', filled.coreEvents, filled.threshold, filled.asOf];
  const byFirstDay = await stepTable(ctx, key, churnByFirstDaySelect(filled));
  return { rows: await ctx.query(churnByCohortQuery(filled, byFirstDay)) };
}
