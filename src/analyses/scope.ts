import { ident, join, raw, sql, type Sql } from '../sql';
import { activityFrom, userCreatedFrom, userDayEventFromInstants } from '../schema/derived-selects';
import { tables } from '../schema/tables';
import type { OffsetSpan } from '../schema/time-zone';
import { splitFilters, type AnalysisFilter } from './analysis-filter';
import type { SegmentScope } from './segment-rule';
import { columnValueTest, userAttributeTest } from './column-predicate-sql';
import { segmentMembersQuery, type SegmentSources } from './segment-sql';

/** What a request narrows every analysis to. */
export interface Scope {
  /** Last local day (YYYY-MM-DD) of data that counts; null = all data. */
  asOf: string | null;
  /** First local day of activity that counts (a date range's start); null = from the first. */
  from: string | null;
  segment: SegmentScope | null;
  /** Combined with AND; event filters need the workspace's offset spans (see scopeTables). */
  filters: readonly AnalysisFilter[];
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
 * of" are cut, only a segment's members and the users whose attributes pass the user filters
 * count, and with event filters the per-user-per-day tables are rebuilt from the events that
 * pass, as if the file held only those rows (`spans`, the workspace zone's UTC offsets over
 * the data, turn their instants into local days). `workspace` qualifies the real tables (a CTE
 * cannot refer to a table of its own name unqualified). Empty for the full scope.
 */
export function scopeTables(scope: Scope, workspace: string, spans: readonly OffsetSpan[] = []): Sql[] {
  const filters = splitFilters(scope.filters);
  if (scope.asOf === null && scope.from === null && scope.segment === null && scope.filters.length === 0) return [];
  const real = (table: string) => sql`${ident(workspace)}.${ident(table)}`;
  const asOf = scope.asOf === null ? null : sql`CAST(${scope.asOf} AS DATE)`;
  const cut = (table: string, day: string) =>
    asOf === null ? real(table) : sql`(SELECT * FROM ${real(table)} WHERE ${raw(day)} <= ${asOf})`;
  const ctes: Sql[] = [];
  const members: Sql[] = [];
  if (scope.segment !== null) {
    const query =
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
    ctes.push(sql`segment_members AS (${query})`);
    members.push(sql`user_id IN (SELECT user_id FROM segment_members)`);
  }
  for (const f of filters.user) members.push(userAttributeTest(f, raw('user_id'), real('users')));
  const member = members.length === 0 ? null : join(members, ' AND ');
  const from = scope.from === null ? null : sql`CAST(${scope.from} AS DATE)`;
  const upTo = (day: string) => {
    const parts = [asOf === null ? null : sql`${raw(day)} <= ${asOf}`, from === null ? null : sql`${raw(day)} >= ${from}`];
    const present = parts.filter((p): p is Sql => p !== null);
    return present.length === 0 ? null : join(present, ' AND ');
  };
  const filtered = filters.event.length > 0;
  // With event filters the per-user-per-day tables are the ones rebuilt from passing events.
  const base = filtered
    ? { activity: raw('filtered_activity'), userDayEvent: raw('filtered_day_event'), userCreated: raw('filtered_user_created') }
    : { activity: real('activity'), userDayEvent: real('user_day_event'), userCreated: real('user_created') };
  if (filtered) {
    if (spans.length === 0) throw new Error('event filters need the workspace offset spans');
    const tests = filters.event.map((f) => sql`(${columnValueTest(f, ident(f.column))})`);
    ctes.push(
      sql`events AS (SELECT * FROM ${real('events')}${where(join(tests, ' AND '), member)})`,
      sql`filtered_day_event AS (SELECT * FROM (${userDayEventFromInstants(raw('events'), spans)})${where(
        asOf === null ? null : sql`day <= ${asOf}`,
      )})`,
      sql`filtered_activity AS (${activityFrom(raw('filtered_day_event'))})`,
      sql`filtered_user_created AS (${userCreatedFrom(raw('filtered_activity'), real('users'), spans)})`,
    );
  }
  // A user's creation is not activity: a range's start leaves it alone (cohorts need it).
  const createdUpTo = asOf === null ? null : sql`created_day <= ${asOf}`;
  const firstActive =
    asOf === null ? raw('first_active_day') : sql`CASE WHEN first_active_day <= ${asOf} THEN first_active_day END`;
  ctes.push(
    sql`activity AS (SELECT * FROM ${base.activity}${where(upTo('day'), member)})`,
    sql`user_day_event AS (SELECT * FROM ${base.userDayEvent}${where(upTo('day'), member)})`,
    sql`user_created AS (
  SELECT user_id, created_day, ${firstActive} AS first_active_day
  FROM ${base.userCreated}${where(createdUpTo, member)}
)`,
    sql`event_totals AS (
  SELECT event, CAST(sum(n) AS BIGINT) AS events, count(DISTINCT user_id) AS users
  FROM ${base.userDayEvent}${where(upTo('day'), member)} GROUP BY event
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
 * The scope's CTEs that `body` reads, directly or through one another, in their order: a name
 * is read where it appears as a word (a word in a comment or a string only keeps one too many).
 * A CTE whose name cannot be read is kept.
 */
function ctesRead(body: string, scopeCtes: readonly Sql[]): Sql[] {
  const named = scopeCtes.map((cte) => ({ cte, name: /^\s*(\w+)\s+AS\b/i.exec(cte.text)?.[1] ?? null }));
  const read = new Set<string>();
  const texts = [body];
  for (let text = texts.pop(); text !== undefined; text = texts.pop()) {
    for (const { cte, name } of named) {
      if (name === null || read.has(name) || !new RegExp(`\\b${name}\\b`, 'i').test(text)) continue;
      read.add(name);
      texts.push(cte.text.slice(cte.text.indexOf(name) + name.length));
    }
  }
  return named.filter(({ name }) => name === null || read.has(name)).map(({ cte }) => cte);
}

/**
 * A builder's statement within a scope: the scope's tables it reads become its first CTEs.
 * Builders write `WITH ...` or a plain SELECT, optionally after `--` comment lines. Only what is
 * read is put in, so that the statement names no table it does not need (a table an import
 * still builds in the background is waited for only by the statements that read it).
 */
export function withinScope(statement: Sql, scopeCtes: readonly Sql[]): Sql {
  const text = statement.text;
  const lead = /^(?:\s*--[^\n]*\n)*\s*/.exec(text)?.[0] ?? '';
  const body = text.slice(lead.length);
  const read = ctesRead(body, scopeCtes);
  if (read.length === 0) return statement;
  const ctes = read.map((c) => c.text).join(',\n');
  const spliced = /^WITH\s/i.test(body) ? `WITH ${ctes},\n${body.slice(5)}` : `WITH ${ctes}\n${body}`;
  // Only rearranges text that src/sql already built safely.
  return raw(lead + spliced);
}
