import { ident, sql, type Sql } from '../sql';
import { ok, type Result } from '../schema/problem';
import type { FileSpec } from './manifest';
import { unionByName } from './union-by-name';
import {
  excludedByColumn,
  excludedExpression,
  findColumn,
  pseudonym,
  type IdPseudonyms,
  type SourceColumn,
} from './stage-columns';
import { userIdExpression } from './value-expressions';

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
  const excludedBy = excludedByColumn(file, columns);
  if (!excludedBy.ok) return excludedBy;
  return ok(sql`CREATE OR REPLACE TEMP TABLE ${ident(stage)} AS SELECT
  ${pseudonym(userIdExpression(ident(anonymous.value.name), anonymous.value.type), pseudonyms)} AS anonymous_id,
  ${pseudonym(userIdExpression(ident(user.value.name), user.value.type), pseudonyms)} AS user_id,
  ${excluded.value} AS excluded${excludedBy.value}
FROM ${source}`);
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
