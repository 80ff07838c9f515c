import { ident, join, raw, sql, type Sql } from '../sql';
import { tables } from '../schema/tables';
import type { SegmentScope } from './segment-rule';
import { segmentMembersQuery, type SegmentSources } from './segment-sql';

/** What a request narrows every analysis to. */
export interface Scope {
  /** Last local day (YYYY-MM-DD) of data that counts; null = all data. */
  asOf: string | null;
  /** First local day of activity that counts (a date range's start); null = from the first. */
  from: string | null;
  segment: SegmentScope | null;
}

/** Where a segment's rule reads from in the canonical (unscoped) tables, for its own analyses. */
export const canonicalSources: SegmentSources = {
  activity: tables.activity,
  userDayEvent: tables.userDayEvent,
  events: tables.events,
  userCreated: tables.userCreated,
  users: tables.users,
  lastDay: sql`(SELECT max(day) FROM ${tables.activity})`,
};

/**
 * Common table expressions that shadow the canonical tables with their scoped versions, so
 * that every analysis is narrowed the same way without its builder knowing: days after "as
 * of" are cut, and only a segment's members count. `workspace` qualifies the real tables (a
 * CTE cannot refer to a table of its own name unqualified). Empty for the full scope.
 */
export function scopeTables(scope: Scope, workspace: string): Sql[] {
  if (scope.asOf === null && scope.from === null && scope.segment === null) return [];
  const real = (table: string) => sql`${ident(workspace)}.${ident(table)}`;
  const asOf = scope.asOf === null ? null : sql`CAST(${scope.asOf} AS DATE)`;
  const cut = (table: string, day: string) =>
    asOf === null ? real(table) : sql`(SELECT * FROM ${real(table)} WHERE ${raw(day)} <= ${asOf})`;
  const ctes: Sql[] = [];
  let member: Sql | null = null;
  if (scope.segment !== null) {
    const members =
      'ids' in scope.segment
        ? sql`SELECT CAST(unnest(${listLiteral(scope.segment.ids)}) AS VARCHAR) AS user_id`
        : segmentMembersQuery(scope.segment.rule, {
            activity: cut('activity', 'day'),
            userDayEvent: cut('user_day_event', 'day'),
            events: real('events'),
            userCreated: cut('user_created', 'created_day'),
            users: real('users'),
            lastDay: asOf ?? sql`(SELECT max(day) FROM ${real('activity')})`,
          });
    ctes.push(sql`segment_members AS (${members})`);
    member = sql`user_id IN (SELECT user_id FROM segment_members)`;
  }
  const from = scope.from === null ? null : sql`CAST(${scope.from} AS DATE)`;
  const upTo = (day: string) => {
    const parts = [asOf === null ? null : sql`${raw(day)} <= ${asOf}`, from === null ? null : sql`${raw(day)} >= ${from}`];
    const present = parts.filter((p): p is Sql => p !== null);
    return present.length === 0 ? null : join(present, ' AND ');
  };
  // A user's creation is not activity: a range's start leaves it alone (cohorts need it).
  const createdUpTo = asOf === null ? null : sql`created_day <= ${asOf}`;
  const firstActive =
    asOf === null ? raw('first_active_day') : sql`CASE WHEN first_active_day <= ${asOf} THEN first_active_day END`;
  ctes.push(
    sql`activity AS (SELECT * FROM ${real('activity')}${where(upTo('day'), member)})`,
    sql`user_day_event AS (SELECT * FROM ${real('user_day_event')}${where(upTo('day'), member)})`,
    sql`user_created AS (
  SELECT user_id, created_day, ${firstActive} AS first_active_day
  FROM ${real('user_created')}${where(createdUpTo, member)}
)`,
    sql`event_totals AS (
  SELECT event, CAST(sum(n) AS BIGINT) AS events, count(DISTINCT user_id) AS users
  FROM ${real('user_day_event')}${where(upTo('day'), member)} GROUP BY event
)`,
  );
  if (member !== null) ctes.push(sql`users AS (SELECT * FROM ${real('users')}${where(member)})`);
  return ctes;
}

function listLiteral(ids: readonly string[]): Sql {
  return ids.length === 0 ? raw('CAST([] AS VARCHAR[])') : sql`[${join(ids)}]`;
}

/** ` WHERE a AND b` of the conditions that apply, or nothing. */
function where(...conditions: (Sql | null)[]): Sql {
  const present = conditions.filter((c): c is Sql => c !== null);
  return present.length === 0 ? raw('') : sql` WHERE ${join(present, ' AND ')}`;
}

/**
 * A builder's statement within a scope: the scope's tables become its first CTEs. Builders
 * write `WITH ...` or a plain SELECT, optionally after `--` comment lines.
 */
export function withinScope(statement: Sql, scopeCtes: readonly Sql[]): Sql {
  if (scopeCtes.length === 0) return statement;
  const ctes = scopeCtes.map((c) => c.text).join(',\n');
  const text = statement.text;
  const lead = /^(?:\s*--[^\n]*\n)*\s*/.exec(text)?.[0] ?? '';
  const body = text.slice(lead.length);
  const spliced = /^WITH\s/i.test(body) ? `WITH ${ctes},\n${body.slice(5)}` : `WITH ${ctes}\n${body}`;
  // Only rearranges text that src/sql already built safely.
  return raw(lead + spliced);
}
