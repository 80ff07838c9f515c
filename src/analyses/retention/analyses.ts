import { integer, isoDate, list, nullable, object, oneOf, pair, specValidator, text } from '../../schema/validate';
import { queryAnalysis } from '../contract';
import { specFields } from '../spec-fields';
import { retentionQuery, retentionUsersQuery } from './retention-query';

const retentionFields = {
  startEvent: specFields.event,
  returnEvent: specFields.event,
  cohortType: oneOf(['first-time', 'recurring']),
  cohortBy: oneOf(['first-event', 'signup']),
  grain: specFields.grain,
  weekStart: specFields.weekStart,
  periodMode: oneOf(['calendar', 'rolling']),
  measure: oneOf(['on', 'on-or-after', 'bracket']),
  periods: integer(0, 400),
  brackets: list(pair(integer(0, 9999), integer(0, 9999)), 100),
  breakdown: specFields.column,
};

const cell = object({ cohort: isoDate, breakdown: nullable(text(10_000)), periodN: integer(0, 10_000) });

/** Cohort retention, and the users behind one of its cells. */
export const retentionAnalyses = {
  retention: queryAnalysis(specValidator(retentionFields), retentionQuery, { range: { column: 'cohort', periods: true } }),
  'retention-users': queryAnalysis(specValidator({ ...retentionFields, cell }), (spec) => retentionUsersQuery(spec, spec.cell), {
    range: { column: 'cohort', periods: true },
  }),
};
