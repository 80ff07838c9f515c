import { ident, join, raw, sql, type Sql } from '../sql';
import { columnValueTest, userAttributeTest } from './column-predicate-sql';
import type { AttributeRule, DayWindow, EventRule, PropertyFilter, SegmentRule, SeenRule } from './segment-rule';

/** The relations a segment reads: canonical tables, or their scoped versions. */
export interface SegmentSources {
  activity: Sql;
  userDayEvent: Sql;
  /** Every event with the file's own columns, times as UTC instants (for property filters). */
  events: Sql;
  userCreated: Sql;
  users: Sql;
  /** The day "last K days" ends on: the "as of" day, or the data's last day. */
  lastDay: Sql;
}

/**
 * The members of a segment: `SELECT user_id` over every user the workspace knows (events and
 * users file), filtered by the rule. Text values become literals and column names identifiers,
 * so nothing typed into a rule is ever SQL.
 */
export function segmentMembersQuery(rule: SegmentRule, t: SegmentSources, options: { constantLastDay?: boolean } = {}): Sql {
  // A constant last day (a date literal) lets DuckDB filter the windows while it scans,
  // where a subquery's value is joined to the rows after it.
  if (options.constantLastDay) return sql`SELECT u.user_id FROM ${t.userCreated} u WHERE ${predicate(rule, t)}`;
  // "The last K days" ends on one day for every condition: computed once, not per condition.
  const once = { ...t, lastDay: sql`(SELECT d FROM last_day)` };
  return sql`WITH last_day AS MATERIALIZED (SELECT ${t.lastDay} AS d)
SELECT u.user_id FROM ${t.userCreated} u WHERE ${predicate(rule, once)}`;
}

function predicate(rule: SegmentRule, t: SegmentSources): Sql {
  switch (rule.kind) {
    case 'group': {
      if (rule.rules.length === 0) return rule.op === 'and' ? raw('TRUE') : raw('FALSE');
      if (rule.op === 'and') return join(conjuncts(rule.rules, t), '\n  AND ');
      return join(
        rule.rules.map((r) => sql`(${predicate(r, t)})`),
        '\n  OR ',
      );
    }
    case 'attribute':
      return attribute(rule, t);
    case 'event':
      return event(rule, t);
    case 'amount': {
      const aggregate = rule.aggregate === 'sum' ? sql`sum(amount)` : sql`sum(amount) / sum(amount_n)`;
      return sql`u.user_id IN (SELECT user_id FROM ${t.userDayEvent} WHERE amount_n > 0 AND ${inWindow(rule.window, t)} GROUP BY user_id HAVING ${aggregate} ${raw(rule.op)} ${rule.value})`;
    }
    case 'seen':
      return seen(rule, t);
    case 'sequence':
      return sql`u.user_id IN (
    SELECT a.user_id FROM ${t.userDayEvent} a JOIN ${t.userDayEvent} b ON a.user_id = b.user_id
    WHERE a.event = ${rule.first} AND b.event = ${rule.then} AND b.last_ts > a.first_ts AND b.day - a.day <= ${rule.withinDays}
      AND ${inWindow(rule.window, t, sql`a.day`)} AND ${inWindow(rule.window, t, sql`b.day`)}
  )`;
    default: {
      const never: never = rule;
      throw new Error(`unknown rule ${JSON.stringify(never)}`);
    }
  }
}

/** A local-day column inside a window. */
function inWindow(window: DayWindow, t: SegmentSources, day: Sql = sql`day`): Sql {
  switch (window.kind) {
    case 'all':
      return raw('TRUE');
    case 'last':
      return sql`${day} BETWEEN ${t.lastDay} - ${window.days - 1} AND ${t.lastDay}`;
    case 'between':
      return sql`${day} BETWEEN CAST(${window.from} AS DATE) AND CAST(${window.to} AS DATE)`;
    default: {
      const never: never = window;
      throw new Error(`unknown window ${JSON.stringify(never)}`);
    }
  }
}

function attribute(rule: AttributeRule, t: SegmentSources): Sql {
  return userAttributeTest(rule, raw('u.user_id'), t.users);
}

/**
 * One row per event that passes the filters, with its local day and n = 1, shaped like
 * user_day_event. The events table keeps the file's own columns but its times are UTC
 * instants; rather than convert each one to a wall time, each event takes the day of its
 * user and event in user_day_event whose first and last instants enclose it. Local days
 * follow instants (a clock set back never crosses midnight backwards), so at most one does;
 * an ASOF join finds it with one sort, and the scoped user_day_event's "as of" cut carries
 * over: an event after the cut lies beyond the last kept day's last instant.
 */
function filteredEventDays(event: string | null, filters: readonly PropertyFilter[], t: SegmentSources): Sql {
  const tests = [
    ...(event === null ? [] : [sql`e.event = ${event}`]),
    ...filters.map((f) => sql`(${columnValueTest(f, sql`e.${ident(f.column)}`)})`),
  ];
  return sql`SELECT e.user_id, d.day, d.event, 1 AS n
    FROM ${t.events} e ASOF JOIN ${t.userDayEvent} d ON e.user_id = d.user_id AND e.event = d.event AND e.ts >= d.first_ts
    WHERE e.ts <= d.last_ts AND ${join(tests, ' AND ')}`;
}

function event(rule: EventRule, t: SegmentSources): Sql {
  const filters = rule.filters ?? [];
  const source =
    filters.length === 0
      ? t.userDayEvent
      : sql`(
    ${filteredEventDays(rule.event, filters, t)}
  )`;
  const which = rule.event === null || filters.length > 0 ? raw('TRUE') : sql`event = ${rule.event}`;
  const rows = sql`FROM ${source} WHERE user_id IS NOT NULL AND ${which} AND ${inWindow(rule.window, t)}`;
  if (!rule.did) {
    const didNot = sql`u.user_id NOT IN (SELECT user_id ${rows})`;
    if (rule.universe === 'all') return didNot;
    return sql`${didNot} AND u.user_id IN (SELECT user_id FROM ${t.activity} WHERE ${inWindow(rule.window, t)})`;
  }
  const measure = rule.measure === 'times' ? sql`sum(n)` : sql`count(DISTINCT day)`;
  const users = (having: Sql) => sql`(SELECT user_id ${rows} GROUP BY user_id HAVING ${having})`;
  switch (rule.count) {
    case 'at-least':
      return rule.n === 0 ? raw('TRUE') : sql`u.user_id IN ${users(sql`${measure} >= ${rule.n}`)}`;
    case 'at-most':
      return sql`u.user_id NOT IN ${users(sql`${measure} > ${rule.n}`)}`;
    case 'exactly':
      return rule.n === 0
        ? sql`u.user_id NOT IN ${users(sql`${measure} > 0`)}`
        : sql`u.user_id IN ${users(sql`${measure} = ${rule.n}`)}`;
    default: {
      const never: never = rule.count;
      throw new Error(`unknown count ${String(never)}`);
    }
  }
}

/**
 * An AND group's terms. Its event conditions on user_day_event (no property filters, no
 * "active users" universe) share one grouped scan when one of them requires events: every
 * member then has rows in that scan, so each other condition is exactly its count over
 * those rows (zero when it has none). One scan instead of one per condition (issue 9's
 * three-condition count at 5M events).
 */
function conjuncts(rules: readonly SegmentRule[], t: SegmentSources): Sql[] {
  const shared = rules.filter(sharesScan);
  if (shared.length < 2 || !shared.some(requiresEvents)) return rules.map((r) => sql`(${predicate(r, t)})`);
  const [first] = shared;
  return rules.flatMap((r) => {
    if (r === first) return [sql`(${sharedScan(shared, t)})`];
    return r.kind === 'event' && shared.includes(r) ? [] : [sql`(${predicate(r, t)})`];
  });
}

function sharesScan(rule: SegmentRule): rule is EventRule {
  if (rule.kind !== 'event' || (rule.filters ?? []).length > 0) return false;
  if (!rule.did) return rule.universe === 'all';
  return !(rule.count === 'at-least' && rule.n === 0);
}

function requiresEvents(rule: EventRule): boolean {
  return rule.did && rule.n > 0 && rule.count !== 'at-most';
}

function sharedScan(rules: readonly EventRule[], t: SegmentSources): Sql {
  const rows = (r: EventRule) =>
    r.event === null ? inWindow(r.window, t) : sql`event = ${r.event} AND ${inWindow(r.window, t)}`;
  const names = rules.flatMap((r) => (r.event === null ? [] : [r.event]));
  // Bounds that DuckDB pushes into the scan (an OR of conditions it only filters after reading).
  const widest = Math.max(...rules.map((r) => (r.window.kind === 'last' ? r.window.days : Infinity)));
  const bounds = [
    ...(Number.isFinite(widest) ? [inWindow({ kind: 'last', days: widest }, t)] : []),
    ...(names.length === rules.length ? [sql`event IN (${join([...new Set(names)])})`] : []),
    sql`(${join(
      rules.map((r) => sql`(${rows(r)})`),
      ' OR ',
    )})`,
  ];
  const tests = rules.map((r) => {
    if (!r.did) return sql`count(*) FILTER (WHERE ${rows(r)}) = 0`;
    const measure =
      r.measure === 'times'
        ? sql`coalesce(sum(n) FILTER (WHERE ${rows(r)}), 0)`
        : sql`count(DISTINCT day) FILTER (WHERE ${rows(r)})`;
    return sql`${measure} ${raw(r.count === 'at-least' ? '>=' : r.count === 'at-most' ? '<=' : '=')} ${r.n}`;
  });
  return sql`u.user_id IN (SELECT user_id FROM ${t.userDayEvent} WHERE user_id IS NOT NULL AND ${join(bounds, ' AND ')}
    GROUP BY user_id HAVING ${join(tests, ' AND ')})`;
}

function seen(rule: SeenRule, t: SegmentSources): Sql {
  const compare = (day: Sql): Sql => {
    if (rule.op === 'within') return sql`${day} >= ${t.lastDay} - ${(rule.days ?? 1) - 1}`;
    return sql`${day} ${raw(rule.op === 'before' ? '<' : '>')} CAST(${rule.date ?? ''} AS DATE)`;
  };
  if (rule.which === 'first') return compare(sql`u.first_active_day`);
  return sql`u.user_id IN (SELECT user_id FROM ${t.activity} GROUP BY user_id HAVING ${compare(sql`max(day)`)})`;
}
