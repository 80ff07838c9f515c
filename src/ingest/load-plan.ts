import { ident, join, raw, sql, type Sql } from '../sql';
import { fromLocalTime, toLocalTime, type OffsetSpan } from '../schema/time-zone';
import type { ExcludeRule, FileSpec } from './manifest';
import { fail, ok, type Result } from './result';
import {
  amountExpression,
  isNumericType,
  timeExpression,
  trimmedText,
  userIdExpression,
  type ColumnType,
} from './value-expressions';

export interface SourceColumn {
  name: string;
  type: ColumnType;
}

/** The canonical columns a stage table has before the file's own. */
const canonicalNames = new Set([
  'user_id',
  'ts',
  'ts_local',
  'ts_utc',
  'event',
  'amount',
  'created_at',
  'created_local',
  'created_utc',
  'excluded',
]);

export interface CsvReadOptions {
  /** Read these columns as text whatever they look like (ids: `00123`, or digits then `u-9`). */
  textColumns?: readonly string[];
  /**
   * Skip malformed lines (too many or too few fields, values that do not fit the column
   * type) and record each in the temporary table `<name>_errors` instead of failing.
   */
  rejects?: string;
}

/**
 * Pseudonymisation: ids become the first 20 hex digits (80 bits) of SHA-256(salt + id),
 * computed as the file is read, so no table ever holds the original id.
 */
export interface IdPseudonyms {
  salt: string;
}

function pseudonym(id: Sql, pseudonyms: IdPseudonyms | undefined): Sql {
  return pseudonyms ? sql`left(sha256(${pseudonyms.salt} || ${id}), 20)` : id;
}

/** A read_csv call over a file registered with the engine under `registeredName`. */
export function csvSource(registeredName: string, file: Pick<FileSpec, 'delimiter' | 'format'>, read: CsvReadOptions = {}): Sql {
  // The separator the preview showed, so a ragged file cannot mislead DuckDB's sniffer;
  // converted formats (aligned text, JSON, xlsx) reach the reader comma-separated.
  const delimiter = file.format === 'csv' ? (file.delimiter ?? ',') : ',';
  const options: Sql[] = [sql`header = true`, sql`sample_size = 20480`, sql`delim = ${delimiter}`];
  if (read.textColumns?.length) {
    options.push(sql`types = {${join(read.textColumns.map((c) => sql`${c}: 'VARCHAR'`))}}`);
  }
  if (read.rejects !== undefined) {
    options.push(
      sql`store_rejects = true, rejects_table = ${`${read.rejects}_errors`}, rejects_scan = ${`${read.rejects}_scans`}`,
    );
  }
  return sql`read_csv(${registeredName}, ${join(options)})`;
}

/** Per reason lines were rejected: how many lines, and the first three of them. */
export function rejectsReportQuery(rejects: string): Sql {
  return sql`WITH by_line AS (
  SELECT CAST(error_type AS VARCHAR) AS reason, line, any_value(column_name) AS column_name, any_value(csv_line) AS text
  FROM ${ident(`${rejects}_errors`)}
  GROUP BY ALL
), counted AS (
  SELECT *, count(*) OVER (PARTITION BY reason) AS lines, row_number() OVER (PARTITION BY reason ORDER BY line) AS k
  FROM by_line
)
SELECT reason, lines, line, column_name, text FROM counted WHERE k <= 3
ORDER BY lines DESC, reason, line`;
}

export function dropRejectsQueries(rejects: string): Sql[] {
  return [sql`DROP TABLE IF EXISTS ${ident(`${rejects}_errors`)}`, sql`DROP TABLE IF EXISTS ${ident(`${rejects}_scans`)}`];
}

export function describeQuery(source: Sql): Sql {
  return sql`DESCRIBE SELECT * FROM ${source}`;
}

function findColumn(columns: readonly SourceColumn[], name: string, file: FileSpec): Result<SourceColumn> {
  // The preview trims header names; DuckDB keeps edge spaces.
  const found = columns.find((c) => c.name === name) ?? columns.find((c) => c.name.trim() === name.trim());
  if (found) return ok(found);
  const available = columns.map((c) => c.name).join(', ');
  return fail(`${file.path}: column "${name}" is not in the file (its columns: ${available})`);
}

/** The name a file's own column has in a stage table: its own, unless a canonical one clashes. */
export function stageColumnName(name: string): string {
  return canonicalNames.has(name) ? `${name}_original` : name;
}

/** The file's own columns, kept beside the canonical ones (renamed when a name clashes). */
function passThroughColumns(columns: readonly SourceColumn[], mapped: ReadonlySet<string>): Sql[] {
  return columns
    .filter((c) => !mapped.has(c.name))
    .map((c) =>
      stageColumnName(c.name) === c.name ? ident(c.name) : sql`${ident(c.name)} AS ${ident(stageColumnName(c.name))}`,
    );
}

function ruleCondition(rule: ExcludeRule, column: SourceColumn): Sql {
  const text = sql`CAST(${ident(column.name)} AS VARCHAR)`;
  const value = rule.value ?? '';
  switch (rule.op) {
    case 'starts-with':
      return sql`starts_with(trim(${text}), ${value})`;
    case 'equals':
      return sql`trim(${text}) = ${value}`;
    case 'contains':
      return sql`contains(${text}, ${value})`;
    case 'is-empty':
      return sql`(${text} IS NULL OR trim(${text}) = '')`;
    default: {
      const never: never = rule.op;
      throw new Error(`unknown rule ${String(never)}`);
    }
  }
}

/** The `excluded` flag of a stage row: true when any of the file's exclusion rules matches. */
function excludedExpression(file: FileSpec, columns: readonly SourceColumn[]): Result<Sql> {
  const conditions: Sql[] = [];
  for (const rule of file.exclude ?? []) {
    const column = findColumn(columns, rule.column, file);
    if (!column.ok) return column;
    conditions.push(ruleCondition(rule, column.value));
  }
  if (conditions.length === 0) return ok(raw('false'));
  return ok(sql`coalesce(${join(conditions, ' OR ')}, false)`);
}

/**
 * CREATE a stage table for one events/orders file: canonical user_id, ts_local / ts_utc
 * (see timeExpression), event, amount, then the file's other columns.
 */
export function eventStageQuery(
  stage: string,
  source: Sql,
  file: FileSpec,
  columns: readonly SourceColumn[],
  pseudonyms?: IdPseudonyms,
): Result<Sql> {
  const { columns: mapping } = file;
  const user = findColumn(columns, mapping.userId, file);
  if (!user.ok) return user;
  if (!mapping.time) return fail(`${file.path}: no time column is chosen`);
  const time = findColumn(columns, mapping.time, file);
  if (!time.ok) return time;
  const mapped = new Set([mapping.userId, mapping.time]);
  let event: Sql = sql`${file.eventName ?? (file.role === 'orders' ? 'purchase' : 'event')}`;
  if (mapping.event) {
    const col = findColumn(columns, mapping.event, file);
    if (!col.ok) return col;
    event = trimmedText(ident(col.value.name));
    mapped.add(col.value.name);
  }
  let amount: Sql = raw('CAST(NULL AS DOUBLE)');
  if (mapping.amount) {
    const col = findColumn(columns, mapping.amount, file);
    if (!col.ok) return col;
    amount = amountExpression(ident(col.value.name), col.value.type);
    let fromText = !isNumericType(col.value.type);
    if (mapping.quantity) {
      const quantity = findColumn(columns, mapping.quantity, file);
      if (!quantity.ok) return quantity;
      // The quantity column stays among the file's columns; only the amount is derived.
      amount = sql`${amount} * ${amountExpression(ident(quantity.value.name), quantity.value.type)}`;
      fromText ||= !isNumericType(quantity.value.type);
    }
    // An amount read from text keeps its columns as written, so the report can show what did not parse.
    if (!fromText) mapped.add(col.value.name);
  }
  const excluded = excludedExpression(file, columns);
  if (!excluded.ok) return excluded;
  const t = timeExpression(ident(time.value.name), time.value.type);
  const rest = passThroughColumns(columns, mapped);
  let userId = userIdExpression(ident(user.value.name), user.value.type);
  if (file.missingUserIdAs !== undefined) userId = sql`coalesce(${userId}, ${file.missingUserIdAs})`;
  return ok(sql`CREATE OR REPLACE TABLE ${ident(stage)} AS SELECT
  ${pseudonym(userId, pseudonyms)} AS user_id,
  ${t.local} AS ts_local,
  ${t.utc} AS ts_utc,
  ${event} AS event,
  ${amount} AS amount,
  ${excluded.value} AS excluded${rest.length ? sql`,\n  ${join(rest)}` : raw('')}
FROM ${source}`);
}

/** The columns an events stage starts with, before the file's own. */
export const eventStageColumns: readonly string[] = ['user_id', 'ts_local', 'ts_utc', 'event', 'amount', 'excluded'];

/**
 * Folds an events stage to one row per user, event and local day (the "same-day purchases
 * as one occasion" rule): the first time, the summed amount, the other columns of the
 * first row. Rows the report already counted as not loaded are left out here.
 */
export function sameDayStageQuery(stage: string, otherColumns: readonly string[], spans: readonly OffsetSpan[]): Sql {
  const t = ident(stage);
  const localTime = sql`coalesce(ts_local, ${toLocalTime(sql`ts_utc`, spans)})`;
  const rest = otherColumns.map((c) => sql`arg_min(${ident(c)}, local_time) AS ${ident(c)}`);
  return sql`CREATE OR REPLACE TABLE ${t} AS
SELECT user_id, min(ts_local) AS ts_local, min(ts_utc) AS ts_utc, event, sum(amount) AS amount,
  false AS excluded${
    rest.length
      ? sql`,
  ${join(rest)}`
      : raw('')
  }
FROM (SELECT *, ${localTime} AS local_time FROM ${t}
  WHERE NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL))
GROUP BY user_id, event, CAST(local_time AS DATE)`;
}

/** CREATE a stage table for one users file: user_id, created_local / created_utc, attributes. */
export function userStageQuery(
  stage: string,
  source: Sql,
  file: FileSpec,
  columns: readonly SourceColumn[],
  pseudonyms?: IdPseudonyms,
): Result<Sql> {
  const user = findColumn(columns, file.columns.userId, file);
  if (!user.ok) return user;
  const mapped = new Set([file.columns.userId]);
  let created = { local: raw('CAST(NULL AS TIMESTAMP)'), utc: raw('CAST(NULL AS TIMESTAMP)') };
  if (file.columns.signupTime) {
    const col = findColumn(columns, file.columns.signupTime, file);
    if (!col.ok) return col;
    created = timeExpression(ident(col.value.name), col.value.type);
    mapped.add(col.value.name);
  }
  const rest = passThroughColumns(columns, mapped);
  const excluded = excludedExpression(file, columns);
  if (!excluded.ok) return excluded;
  return ok(sql`CREATE OR REPLACE TEMP TABLE ${ident(stage)} AS SELECT
  ${pseudonym(userIdExpression(ident(user.value.name), user.value.type), pseudonyms)} AS user_id,
  ${created.local} AS created_local,
  ${created.utc} AS created_utc,
  ${excluded.value} AS excluded${rest.length ? sql`,\n  ${join(rest)}` : raw('')}
FROM ${source}`);
}

/** CREATE a stage table for one identity map: anonymous_id, user_id (both canonical ids). */
export function identityStageQuery(
  stage: string,
  source: Sql,
  file: FileSpec,
  columns: readonly SourceColumn[],
  pseudonyms?: IdPseudonyms,
): Result<Sql> {
  const user = findColumn(columns, file.columns.userId, file);
  if (!user.ok) return user;
  const anonymous = findColumn(columns, file.columns.anonymousId ?? '', file);
  if (!anonymous.ok) return anonymous;
  const excluded = excludedExpression(file, columns);
  if (!excluded.ok) return excluded;
  return ok(sql`CREATE OR REPLACE TEMP TABLE ${ident(stage)} AS SELECT
  ${pseudonym(userIdExpression(ident(anonymous.value.name), anonymous.value.type), pseudonyms)} AS anonymous_id,
  ${pseudonym(userIdExpression(ident(user.value.name), user.value.type), pseudonyms)} AS user_id,
  ${excluded.value} AS excluded
FROM ${source}`);
}

/** Per identity stage: rows read, left out by a rule, and rows missing either id. */
export function identityStageReportQuery(stage: string): Sql {
  return sql`SELECT count(*) AS rows_read,
  count(*) FILTER (WHERE excluded) AS excluded,
  count(*) FILTER (WHERE NOT excluded AND (user_id IS NULL OR anonymous_id IS NULL)) AS null_user_ids,
  CAST(NULL AS TIMESTAMP) AS min_ts,
  CAST(NULL AS TIMESTAMP) AS max_ts
FROM ${ident(stage)}`;
}

/**
 * CREATE identity(anonymous_id, user_id, user_ids) from the identity stages: one user per
 * anonymous id. An anonymous id paired with several users goes to the first by id (user_ids
 * says how many there were, for the report); a pair of an id with itself is no move.
 */
export function identityTableQuery(stages: readonly string[]): Sql {
  const body = unionByName(stages, (s) => sql`SELECT anonymous_id, user_id FROM ${s} WHERE NOT excluded`);
  return sql`CREATE OR REPLACE TABLE identity AS
SELECT anonymous_id, min(user_id) AS user_id, count(DISTINCT user_id) AS user_ids
FROM (${body})
WHERE anonymous_id IS NOT NULL AND user_id IS NOT NULL AND anonymous_id <> user_id
GROUP BY anonymous_id`;
}

/** What the identity map did: pairs, anonymous ids with several users, events re-attributed. */
export function identityReportQuery(eventStages: readonly string[]): Sql {
  const body = unionByName(eventStages, (s) => sql`SELECT user_id FROM ${s} WHERE NOT excluded AND user_id IS NOT NULL`);
  return sql`SELECT (SELECT count(*) FROM identity) AS pairs,
  (SELECT count(*) FILTER (WHERE user_ids > 1) FROM identity) AS conflicts,
  (SELECT count(*) FROM (${body}) e JOIN identity m ON m.anonymous_id = e.user_id) AS moved_events,
  (SELECT count(DISTINCT e.user_id) FROM (${body}) e JOIN identity m ON m.anonymous_id = e.user_id) AS moved_ids`;
}

/**
 * Per stage: rows read, rows left out by a rule, then among the rest rows without a user id,
 * rows whose time did not parse, rows without an event name; and the naive time range.
 */
export function eventStageReportQuery(stage: string): Sql {
  const t = ident(stage);
  return sql`SELECT count(*) AS rows_read,
  count(*) FILTER (WHERE excluded) AS excluded,
  count(*) FILTER (WHERE NOT excluded AND user_id IS NULL) AS null_user_ids,
  count(*) FILTER (WHERE NOT excluded AND user_id IS NOT NULL AND ts_local IS NULL AND ts_utc IS NULL) AS bad_times,
  count(*) FILTER (WHERE NOT excluded AND user_id IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL) AND event IS NULL) AS null_events,
  least(min(ts_local), min(ts_utc)) AS min_ts,
  greatest(max(ts_local), max(ts_utc)) AS max_ts
FROM ${t}`;
}

/** The amount's columns as a stage holds them: the price (or amount) and the quantity. */
export interface AmountInputs {
  amount: string;
  quantity?: string;
}

/**
 * Among the rows an events stage loads, those with every amount column filled and still no
 * amount (a value that is no number): `count` counts them, `examples` gives up to three.
 */
export function unreadableAmountsQueries(stage: string, inputs: AmountInputs): { count: Sql; examples: Sql } {
  const filled = (c: string) => sql`trim(CAST(${ident(c)} AS VARCHAR)) <> ''`;
  const quantity = inputs.quantity;
  const rows = sql`FROM ${ident(stage)}
WHERE NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL)
  AND amount IS NULL AND ${filled(inputs.amount)}${quantity ? sql` AND ${filled(quantity)}` : raw('')}`;
  const shown = quantity
    ? sql`CAST(${ident(inputs.amount)} AS VARCHAR) || ' × ' || CAST(${ident(quantity)} AS VARCHAR)`
    : sql`CAST(${ident(inputs.amount)} AS VARCHAR)`;
  return {
    count: sql`SELECT count(*) AS n ${rows}`,
    examples: sql`SELECT DISTINCT ${shown} AS value ${rows} ORDER BY value LIMIT 3`,
  };
}

export function userStageReportQuery(stage: string): Sql {
  const t = ident(stage);
  return sql`SELECT count(*) AS rows_read,
  count(*) FILTER (WHERE excluded) AS excluded,
  count(*) FILTER (WHERE NOT excluded AND user_id IS NULL) AS null_user_ids,
  count(user_id) FILTER (WHERE NOT excluded) - count(DISTINCT user_id) FILTER (WHERE NOT excluded) AS duplicate_ids,
  least(min(created_local), min(created_utc)) AS min_ts,
  greatest(max(created_local), max(created_utc)) AS max_ts
FROM ${t}`;
}

function unionByName(stages: readonly string[], select: (stage: Sql) => Sql): Sql {
  return join(
    stages.map((s) => select(ident(s))),
    '\nUNION ALL BY NAME\n',
  );
}

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
