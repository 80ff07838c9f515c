import { ident, raw, sql, type Sql } from '../sql';
import { ok, type Result } from '../schema/problem';
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
import { timeExpression, userIdExpression } from './value-expressions';

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
  const excludedBy = excludedByColumn(file, columns);
  if (!excludedBy.ok) return excludedBy;
  return ok(sql`CREATE OR REPLACE TEMP TABLE ${ident(stage)} AS SELECT
  ${pseudonym(userIdExpression(ident(user.value.name), user.value.type), pseudonyms)} AS user_id,
  ${created.local} AS created_local,
  ${created.utc} AS created_utc,
  ${excluded.value} AS excluded${excludedBy.value}${trailingColumns(rest)}
FROM ${source}`);
}
