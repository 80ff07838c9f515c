import { ident, raw, sql, type Sql } from '../sql';
import { fail, ok, type Result } from '../schema/problem';
import { toLocalTime, type OffsetSpan } from '../schema/time-zone';
import type { FileSpec } from './manifest';
import {
  excludedByColumn,
  excludedExpression,
  findColumn,
  passThroughColumns,
  pseudonym,
  trailingColumns,
  type IdPseudonyms,
  type SourceColumn,
} from './stage-columns';
import { amountExpression, isNumericType, timeExpression, trimmedText, userIdExpression } from './value-expressions';

/** The columns an events stage starts with, before the file's own. */
export const eventStageColumns: readonly string[] = ['user_id', 'ts_local', 'ts_utc', 'event', 'amount', 'excluded'];

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
  if (!mapping.time) return fail('column.noTime', { file: file.path });
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
  const excludedBy = excludedByColumn(file, columns);
  if (!excludedBy.ok) return excludedBy;
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
  ${excluded.value} AS excluded${excludedBy.value}${trailingColumns(rest)}
FROM ${source}`);
}

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
  false AS excluded${trailingColumns(rest)}
FROM (SELECT *, ${localTime} AS local_time FROM ${t}
  WHERE NOT excluded AND user_id IS NOT NULL AND event IS NOT NULL AND (ts_local IS NOT NULL OR ts_utc IS NOT NULL))
GROUP BY user_id, event, CAST(local_time AS DATE)`;
}
