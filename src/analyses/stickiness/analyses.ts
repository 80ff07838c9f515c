import { isoDate, nullable, oneOf, specValidator } from '../../schema/validate';
import { queryAnalysis } from '../contract';
import { specFields } from '../spec-fields';
import { stickinessQuery } from './stickiness-query';

/** Users by number of active days in a week or month. */
export const stickinessAnalyses = {
  stickiness: queryAnalysis(
    specValidator({
      grain: oneOf(['week', 'month']),
      weekStart: specFields.weekStart,
      coreEvents: specFields.coreEvents,
      span: nullable(isoDate),
    }),
    stickinessQuery,
  ),
};
