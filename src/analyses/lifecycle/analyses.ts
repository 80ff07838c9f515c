import { isoDate, object, oneOf, specValidator } from '../../schema/validate';
import { queryAnalysis } from '../contract';
import { specFields } from '../spec-fields';
import { lifecycleQuery, lifecycleStates, lifecycleUsersQuery } from './lifecycle-query';

const lifecycleFields = { grain: specFields.grain, weekStart: specFields.weekStart, coreEvents: specFields.coreEvents };

const bar = object({ period: isoDate, state: oneOf(lifecycleStates) });

/** New, returning, resurrecting and dormant users per period, and the users behind one bar. */
export const lifecycleAnalyses = {
  lifecycle: queryAnalysis(specValidator(lifecycleFields), lifecycleQuery, { range: { column: 'period', periods: true } }),
  // The same range rule as the counts: its start drops periods, never the data before them.
  'lifecycle-users': queryAnalysis(specValidator({ ...lifecycleFields, bar }), (spec) => lifecycleUsersQuery(spec, spec.bar), {
    range: { column: 'period', periods: true },
  }),
};
