import { ident, raw, sql, type Sql } from '../sql';
import { fromLocalTime, toLocalTime, type OffsetSpan } from '../schema/time-zone';
import { unionByName } from './union-by-name';

/**
 * The events VIEW over the stage tables: rows with a user id, a time and an event name, the
 * time as a UTC instant. A view, not a copy: analyses run on the per-user-per-day tables,
 * which read it once at load, and a 5M-row copy would cost more than every later scan.
 */
export function eventsTableQuery(stages: readonly string[], spans: readonly OffsetSpan[], withIdentity = false): Sql {
  const ts = sql`coalesce(${fromLocalTime(sql`ts_local`, spans)}, ts_utc)`;
  return eventsViewQuery({ name: 'events', timeColumn: 'ts', time: ts }, stages, withIdentity);
}

/**
 * The same rows as events with each time as a wall time in the workspace zone (`local_ts`)
 * instead of a UTC instant: what the per-user-per-day tables group by, so that naive times,
 * what most exports hold, are not shifted to UTC and back row by row.
 */
export function eventsWallTimeQuery(stages: readonly string[], spans: readonly OffsetSpan[], withIdentity = false): Sql {
  const localTs = sql`coalesce(ts_local, ${toLocalTime(sql`ts_utc`, spans)})`;
  return eventsViewQuery(
    { name: 'events_wall_time', timeColumn: 'local_ts', time: localTs, canonicalOnly: true },
    stages,
    withIdentity,
  );
}

interface EventsView {
  name: string;
  timeColumn: string;
  /** The time column's expression over a stage's ts_local / ts_utc. */
  time: Sql;
  /** Leave out the file's own columns (whose names may clash with the time column's). */
  canonicalOnly?: boolean;
}

function eventsViewQuery(view: EventsView, stages: readonly string[], withIdentity: boolean): Sql {
  const name = ident(view.name);
  const timeName = ident(view.timeColumn);
  const columns = view.canonicalOnly ? raw('user_id, event, amount') : raw('* EXCLUDE (ts_local, ts_utc, excluded)');
  const others = (prefix: string) =>
    view.canonicalOnly ? raw('') : sql`, ${raw(prefix)}* EXCLUDE (user_id, ${timeName}, event, amount)`;
  const body = unionByName(
    stages,
    (s) => sql`SELECT ${view.time} AS ${timeName}, ${columns} FROM ${s}
WHERE NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL)`,
  );
  if (!withIdentity) {
    return sql`CREATE OR REPLACE VIEW ${name} AS
SELECT user_id, ${timeName}, event, amount${others('')}
FROM (${body})`;
  }
  // An anonymous id in the identity map counts as the user it belongs to.
  return sql`CREATE OR REPLACE VIEW ${name} AS
SELECT coalesce(m.user_id, e.user_id) AS user_id, e.${timeName}, e.event, e.amount${others('e.')}
FROM (${body}) e LEFT JOIN identity m ON m.anonymous_id = e.user_id`;
}

/** CREATE users from the stage tables: one row per user id (the earliest signup wins). */
export function usersTableQuery(stages: readonly string[], spans: readonly OffsetSpan[]): Sql {
  const created = sql`coalesce(${fromLocalTime(sql`created_local`, spans)}, created_utc)`;
  const body = unionByName(
    stages,
    (s) => sql`SELECT ${created} AS created_at, * EXCLUDE (created_local, created_utc, excluded) FROM ${s}
WHERE NOT excluded AND user_id IS NOT NULL`,
  );
  return sql`CREATE OR REPLACE TABLE users AS
SELECT user_id, created_at, * EXCLUDE (user_id, created_at)
FROM (${body})
QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY created_at NULLS LAST) = 1`;
}

/** An empty users table, so that analyses can always join it. */
export function emptyUsersTableQuery(): Sql {
  return sql`CREATE OR REPLACE TABLE users (user_id VARCHAR, created_at TIMESTAMP)`;
}

export function dropTableQuery(name: string): Sql {
  return sql`DROP TABLE IF EXISTS ${ident(name)}`;
}
