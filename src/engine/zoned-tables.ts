import type { Sql } from '../sql';
import { emptyUsersTableQuery, eventsTableQuery, eventsWallTimeQuery, usersTableQuery } from '../ingest/canonical-tables';
import { derivedTables, type DerivedTable } from '../ingest/derived-tables';
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

/** The tables an import builds after the workspace is in use (see derivedTables), in `timeZone`. */
export function laterZonedTables(from: ZoneSources, timeZone: string): DerivedTable[] {
  return derivedTables(offsetSpans(timeZone, from.minTs, from.maxTs)).filter((t) => t.later);
}

/**
 * (Re)builds the events views, users and the per-user-per-day tables in `timeZone`; with
 * `include: 'first'`, not those laterZonedTables names. `onDerive` is called before the
 * per-user-per-day tables, the costly part.
 */
export async function buildZonedTables(
  run: (query: Sql) => Promise<unknown>,
  from: ZoneSources,
  timeZone: string,
  onDerive: () => void,
  include: 'all' | 'first' = 'all',
): Promise<void> {
  const spans = offsetSpans(timeZone, from.minTs, from.maxTs);
  for (const view of zonedViewQueries(from, timeZone)) await run(view.query);
  await run(from.userStages.length ? usersTableQuery(from.userStages, spans) : emptyUsersTableQuery());
  onDerive();
  for (const table of derivedTables(spans)) if (include === 'all' || !table.later) await run(table.query);
}
