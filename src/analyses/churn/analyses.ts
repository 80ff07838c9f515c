import { fail, ok } from '../../schema/problem';
import { bool, integer, isoDate, nullable, oneOf, specValidator, text, type Check } from '../../schema/validate';
import { defineAnalysis, queryAnalysis } from '../contract';
import { specFields } from '../spec-fields';
import { runAtRisk } from './at-risk-run';
import { runBgNbdCustomers, runBgNbdExport } from './bgnbd-customers-run';
import { runBgNbd } from './bgnbd-run';
import { pAliveBucketCount } from './p-alive-buckets';
import { withThresholdsRun } from './gap-quantiles';
import { stageFlowQuery } from './stage-flow-query';
import { churnByAttributeQuery } from './churned-by-query';
import { runChurnByCohort, runChurnStages, withStepsRun } from './step-runs';
import { churnedUsersQuery, churnRateQuery, churnStatusQuery, inactivityGapsQuery } from './inactivity-query';

/** A finite number in [min, max]. */
function between(min: number, max: number): Check<number> {
  return (input, field) =>
    typeof input === 'number' && Number.isFinite(input) && input >= min && input <= max
      ? ok(input)
      : fail('spec.invalid', { field, expected: `${min}..${max}` });
}

const threshold = nullable(integer(1, 3650));
const asOf = nullable(isoDate);
const bgnbdFields = {
  calibrationEnd: asOf,
  unit: oneOf(['day', 'week']),
  horizon: integer(1, 3650),
  event: specFields.event,
};

/**
 * Churn: inactivity threshold and gaps, churn and recall per period, the stage model, churned as
 * of a day, at-risk users, BG/NBD.
 */
export const churnAnalyses = {
  'churn-gaps': queryAnalysis(specValidator({ coreEvents: specFields.coreEvents }), inactivityGapsQuery),
  'churn-rate': defineAnalysis({
    validateSpec: specValidator({
      grain: specFields.grain,
      weekStart: specFields.weekStart,
      coreEvents: specFields.coreEvents,
      threshold,
    }),
    run: withStepsRun(churnRateQuery),
  }),
  'churn-stages': defineAnalysis({
    validateSpec: specValidator({
      grain: specFields.grain,
      weekStart: specFields.weekStart,
      coreEvents: specFields.coreEvents,
      threshold,
      silent: nullable(integer(1, 3649)),
    }),
    run: runChurnStages,
  }),
  'churn-flow': defineAnalysis({
    validateSpec: specValidator({
      grain: specFields.grain,
      weekStart: specFields.weekStart,
      coreEvents: specFields.coreEvents,
      threshold,
      silent: nullable(integer(1, 3649)),
      period: asOf,
    }),
    run: withStepsRun(stageFlowQuery),
  }),
  'churn-status': defineAnalysis({
    validateSpec: specValidator({ coreEvents: specFields.coreEvents, threshold, asOf }),
    run: withThresholdsRun(churnStatusQuery),
  }),
  'churn-churned-users': defineAnalysis({
    validateSpec: specValidator({ coreEvents: specFields.coreEvents, threshold, asOf, churned: bool }),
    run: withThresholdsRun(churnedUsersQuery),
  }),
  'churn-by-cohort': defineAnalysis({
    validateSpec: specValidator({
      coreEvents: specFields.coreEvents,
      threshold,
      asOf,
      grain: specFields.grain,
      weekStart: specFields.weekStart,
    }),
    run: runChurnByCohort,
  }),
  'churn-by-attribute': defineAnalysis({
    validateSpec: specValidator({ coreEvents: specFields.coreEvents, threshold, asOf, attribute: text(1000) }),
    run: withThresholdsRun(churnByAttributeQuery),
  }),
  'churn-at-risk': defineAnalysis({
    validateSpec: specValidator({
      coreEvents: specFields.coreEvents,
      threshold,
      asOf,
      alpha: between(1, 100),
      pAlive: nullable(between(0, 1)),
      window: integer(1, 365),
      beta: between(1, 100),
    }),
    run: runAtRisk,
  }),
  'churn-bgnbd': defineAnalysis({
    validateSpec: specValidator(bgnbdFields),
    run: runBgNbd,
  }),
  'churn-bgnbd-customers': defineAnalysis({
    validateSpec: specValidator({ ...bgnbdFields, offset: integer(0, 1_000_000_000), limit: integer(1, 1000) }),
    run: runBgNbdCustomers,
  }),
  'churn-bgnbd-export': defineAnalysis({
    validateSpec: specValidator({
      ...bgnbdFields,
      bucket: nullable(integer(0, pAliveBucketCount - 1)),
      format: oneOf(['csv', 'ids']),
    }),
    run: runBgNbdExport,
  }),
};
