import type { Sql } from '../sql';
import { emptyUsersTableQuery, eventsTableQuery, eventsWallTimeQuery, usersTableQuery } from '../ingest/canonical-tables';
import { derivedTableQueries } from '../ingest/derived-tables';
import { offsetSpans } from '../schema/time-zone';

/**
 * What the tables that depend on the workspace's time zone are built from: the stage tables a
 * load keeps, and the range of their times. Kept with a loaded workspace, so that a change of
 * zone rebuilds these tables from it instead of importing the files again (issue 13, bug 7).
 */
export interface ZoneSources {
  eventStages: readonly string[];
  userStages: readonly string[];
  withIdentity: boolean;
  minTs: number;
  maxTs: number;
  /**
   * A stage whose same-day purchases were merged by calendar day: that merge was done in the
   * zone of the load, so another zone needs the files imported again.
   */
  mergedByDay: boolean;
}

/** The events views in `timeZone`, over the stage tables. */
export function zonedViewQueries(from: ZoneSources, timeZone: string): { name: string; query: Sql }[] {
  const spans = offsetSpans(timeZone, from.minTs, from.maxTs);
  return [
    { name: 'events', query: eventsTableQuery(from.eventStages, spans, from.withIdentity) },
    { name: 'events_wall_time', query: eventsWallTimeQuery(from.eventStages, spans, from.withIdentity) },
  ];
}

/**
 * (Re)builds the events views, users and the per-user-per-day tables in `timeZone`.
 * `onDerive` is called before the per-user-per-day tables, the costly part.
 */
export async function buildZonedTables(
  run: (query: Sql) => Promise<unknown>,
  from: ZoneSources,
  timeZone: string,
  onDerive: () => void,
): Promise<void> {
  const spans = offsetSpans(timeZone, from.minTs, from.maxTs);
  for (const view of zonedViewQueries(from, timeZone)) await run(view.query);
  await run(from.userStages.length ? usersTableQuery(from.userStages, spans) : emptyUsersTableQuery());
  onDerive();
  for (const q of derivedTableQueries(spans)) await run(q);
}
