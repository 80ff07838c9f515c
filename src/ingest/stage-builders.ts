import type { Sql } from '../sql';
import type { Result } from '../schema/problem';
import { eventStageQuery } from './event-stage';
import { identityStageQuery } from './identity-stage';
import type { FileRole, FileSpec } from './manifest';
import type { IdPseudonyms, SourceColumn } from './stage-columns';
import { eventStageReportQuery, identityStageReportQuery, userStageReportQuery } from './stage-reports';
import { userStageQuery } from './user-stage';

/** A stage's report row (see stage-reports.ts): counts by name, and the time range. */
export type StageReportRow = Readonly<Record<string, unknown>>;

/** How one file role is staged: its table, its report, and which of its rows load. */
export interface StageBuilder {
  /** CREATE the stage table over the file's source. */
  create: (
    stage: string,
    source: Sql,
    file: FileSpec,
    columns: readonly SourceColumn[],
    pseudonyms?: IdPseudonyms,
  ) => Result<Sql>;
  /** Its counts: rows_read, excluded, null_user_ids, the role's own, min_ts and max_ts. */
  report: (stage: string) => Sql;
  /** The rows it loads, from its report row. */
  rowsLoaded: (report: StageReportRow) => number;
}

const count = (row: StageReportRow, name: string) => (typeof row[name] === 'number' ? row[name] : 0);
const kept = (row: StageReportRow) => count(row, 'rows_read') - count(row, 'excluded') - count(row, 'null_user_ids');

const eventStage: StageBuilder = {
  create: eventStageQuery,
  report: eventStageReportQuery,
  rowsLoaded: (row) => kept(row) - count(row, 'bad_times') - count(row, 'null_events'),
};

/** Every file role's stage; a new role does not compile until it has one. */
export const stageBuilders: Record<FileRole, StageBuilder> = {
  events: eventStage,
  // An orders row is a purchase event.
  orders: eventStage,
  users: {
    create: userStageQuery,
    report: userStageReportQuery,
    rowsLoaded: (row) => kept(row) - count(row, 'duplicate_ids'),
  },
  identity: {
    create: identityStageQuery,
    report: identityStageReportQuery,
    rowsLoaded: kept,
  },
};
