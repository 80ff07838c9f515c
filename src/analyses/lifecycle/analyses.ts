import { specValidator } from '../../schema/validate';
import { queryAnalysis } from '../contract';
import { specFields } from '../spec-fields';
import { lifecycleQuery } from './lifecycle-query';

/** New, returning, resurrecting and dormant users per period. */
export const lifecycleAnalyses = {
  lifecycle: queryAnalysis(
    specValidator({ grain: specFields.grain, weekStart: specFields.weekStart, coreEvents: specFields.coreEvents }),
    lifecycleQuery,
    { range: { column: 'period', periods: true } },
  ),
};
