import { bool, integer, isoDate, nullable, object, oneOf, specValidator } from '../../schema/validate';
import { queryAnalysis } from '../contract';
import { specFields } from '../spec-fields';
import { stickinessQuery, stickinessUsersQuery } from './stickiness-query';

const stickinessFields = {
  grain: oneOf(['week', 'month']),
  weekStart: specFields.weekStart,
  coreEvents: specFields.coreEvents,
  span: nullable(isoDate),
};

const bucket = object({ span: isoDate, k: integer(1, 31), atLeast: bool });

/** Users by number of active days in a week or month, and the users behind one bar. */
export const stickinessAnalyses = {
  stickiness: queryAnalysis(specValidator(stickinessFields), stickinessQuery),
  'stickiness-users': queryAnalysis(specValidator({ ...stickinessFields, bucket }), (spec) =>
    stickinessUsersQuery(spec, spec.bucket),
  ),
};
