import { integer, isoDate, list, nullable, object, oneOf, pair, specValidator, text, type Checked } from '../../schema/validate';
import { queryAnalysis } from '../contract';
import { specFields } from '../spec-fields';
import { retentionQuery, retentionUsersQuery, type BreakdownFrom, type RetentionSpec } from './retention-query';
import { ok, type Result } from '../../schema/problem';

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
  // Absent in specs saved before event columns could break cohorts down: the users file.
  breakdownFrom: (input: unknown, field: string) =>
    input === undefined ? ok<BreakdownFrom>('user') : oneOf<BreakdownFrom>(['user', 'first-touch', 'last-touch'])(input, field),
};

const cell = object({ cohort: isoDate, breakdown: nullable(text(10_000)), periodN: integer(0, 10_000) });

// Typed as RetentionSpec, whose breakdownFrom is optional (the check fills in the default).
const validateRetention = specValidator(retentionFields) as (input: unknown) => Result<RetentionSpec>;
const validateCellUsers = specValidator({ ...retentionFields, cell }) as (
  input: unknown,
) => Result<RetentionSpec & { cell: Checked<typeof cell> }>;

/** Cohort retention, and the users behind one of its cells. */
export const retentionAnalyses = {
  retention: queryAnalysis(validateRetention, retentionQuery, { range: { column: 'cohort', periods: true } }),
  'retention-users': queryAnalysis(validateCellUsers, (spec) => retentionUsersQuery(spec, spec.cell), {
    range: { column: 'cohort', periods: true },
  }),
};
