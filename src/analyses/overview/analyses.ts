import { integer, oneOf, specValidator } from '../../schema/validate';
import { queryAnalysis } from '../contract';
import { specFields } from '../spec-fields';
import { activeUsersQuery } from './active-users-query';
import { newUsersQuery } from './new-users-query';
import { revenueQuery } from './revenue-query';
import { datasetSummaryQuery } from './summary-query';
import { topEventsQuery } from './top-events-query';

const periodSpec = specValidator({ grain: specFields.grain, weekStart: specFields.weekStart });

/** The Overview's panels: dataset summary, DAU/WAU/MAU, new users, revenue, top events. */
export const overviewAnalyses = {
  summary: queryAnalysis(specValidator({}), datasetSummaryQuery),
  'active-users': queryAnalysis(
    specValidator({ mauWindow: oneOf([28, 30]), coreEvents: specFields.coreEvents }),
    activeUsersQuery,
    { range: { column: 'day', periods: false } },
  ),
  'new-users': queryAnalysis(periodSpec, newUsersQuery, { range: { column: 'period', periods: true } }),
  revenue: queryAnalysis(periodSpec, revenueQuery, { range: { column: 'period', periods: true } }),
  'top-events': queryAnalysis(specValidator({ limit: integer(1, 1000) }), topEventsQuery),
};
