import type { Sql } from '../sql';
import { activeUsersQuery, type ActiveUsersSpec } from './active-users';
import { datasetSummaryQuery } from './dataset-summary';
import { newUsersQuery, type NewUsersSpec } from './new-users';
import { lifecycleQuery, type LifecycleSpec } from './lifecycle';
import { stickinessQuery, type StickinessSpec } from './stickiness';
import { retentionQuery, retentionUsersQuery, type RetentionSpec } from './retention';
import { revenueQuery, type RevenueSpec } from './revenue';
import { topEventsQuery, type TopEventsSpec } from './top-events';

/** Every analysis the engine can run, as plain data (it crosses the worker boundary). */
export type AnalysisSpec =
  | { kind: 'summary' }
  | ({ kind: 'active-users' } & ActiveUsersSpec)
  | ({ kind: 'new-users' } & NewUsersSpec)
  | ({ kind: 'revenue' } & RevenueSpec)
  | ({ kind: 'top-events' } & TopEventsSpec)
  | ({ kind: 'retention' } & RetentionSpec)
  | ({ kind: 'lifecycle' } & LifecycleSpec)
  | ({ kind: 'stickiness' } & StickinessSpec)
  | ({ kind: 'retention-users' } & RetentionSpec & { cell: { cohort: string; breakdown: string | null; periodN: number } });

export type AnalysisKind = AnalysisSpec['kind'];

/** The SQL for an analysis spec. */
export function analysisQuery(spec: AnalysisSpec): Sql {
  switch (spec.kind) {
    case 'summary':
      return datasetSummaryQuery();
    case 'active-users':
      return activeUsersQuery(spec);
    case 'new-users':
      return newUsersQuery(spec);
    case 'revenue':
      return revenueQuery(spec);
    case 'top-events':
      return topEventsQuery(spec);
    case 'retention':
      return retentionQuery(spec);
    case 'lifecycle':
      return lifecycleQuery(spec);
    case 'stickiness':
      return stickinessQuery(spec);
    case 'retention-users':
      return retentionUsersQuery(spec, spec.cell);
    default: {
      const never: never = spec;
      throw new Error(`unknown analysis ${JSON.stringify(never)}`);
    }
  }
}
