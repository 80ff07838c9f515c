import { ident, join, raw, sql, type Sql } from '../sql';
import { fail, ok, type Result } from '../schema/problem';
import type { ExcludeRule, FileSpec } from './manifest';
import type { ColumnType } from './value-expressions';

/** A column of a file as DuckDB describes it. */
export interface SourceColumn {
  name: string;
  type: ColumnType;
}

/**
 * Pseudonymisation: ids become the first 20 hex digits (80 bits) of SHA-256(salt + id),
 * computed as the file is read, so no table ever holds the original id.
 */
export interface IdPseudonyms {
  salt: string;
}

/** An id expression, pseudonymised when a salt is given. */
export function pseudonym(id: Sql, pseudonyms: IdPseudonyms | undefined): Sql {
  return pseudonyms ? sql`left(sha256(${pseudonyms.salt} || ${id}), 20)` : id;
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

/** The file's column chosen by the user, or a problem naming the columns it has. */
export function findColumn(columns: readonly SourceColumn[], name: string, file: FileSpec): Result<SourceColumn> {
  // The preview trims header names; DuckDB keeps edge spaces.
  const found = columns.find((c) => c.name === name) ?? columns.find((c) => c.name.trim() === name.trim());
  if (found) return ok(found);
  return fail('column.missing', { file: file.path, column: name, columns: columns.map((c) => c.name).join(', ') });
}

/** The name a file's own column has in a stage table: its own, unless a canonical one clashes. */
export function stageColumnName(name: string): string {
  return canonicalNames.has(name) ? `${name}_original` : name;
}

/** The file's own columns, kept beside the canonical ones (renamed when a name clashes). */
export function passThroughColumns(columns: readonly SourceColumn[], mapped: ReadonlySet<string>): Sql[] {
  return columns
    .filter((c) => !mapped.has(c.name))
    .map((c) =>
      stageColumnName(c.name) === c.name ? ident(c.name) : sql`${ident(c.name)} AS ${ident(stageColumnName(c.name))}`,
    );
}

/** `,\n  a, b` after the canonical columns, or nothing. */
export function trailingColumns(rest: readonly Sql[]): Sql {
  return rest.length ? sql`,\n  ${join(rest)}` : raw('');
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

/**
 * With several exclusion rules, `,\n  <mask> AS excluded_by`: bit i set when rule i matches
 * the row, so that the report can count each rule's rows (see excludedByCountsQuery); the
 * loader drops the column once counted. Nothing with one rule or none.
 */
export function excludedByColumn(file: FileSpec, columns: readonly SourceColumn[]): Result<Sql> {
  const rules = file.exclude ?? [];
  if (rules.length < 2) return ok(raw(''));
  const bits: Sql[] = [];
  for (const [i, rule] of rules.entries()) {
    const column = findColumn(columns, rule.column, file);
    if (!column.ok) return column;
    bits.push(sql`CASE WHEN ${ruleCondition(rule, column.value)} THEN ${2 ** i} ELSE 0 END`);
  }
  return ok(sql`,\n  ${join(bits, ' + ')} AS excluded_by`);
}

/** Per rule of a stage made with excludedByColumn, the rows it matches (`rule_0`, `rule_1`...). */
export function excludedByCountsQuery(stage: string, rules: number): Sql {
  const counts = Array.from(
    { length: rules },
    (_, i) => sql`count(*) FILTER (WHERE excluded_by & ${2 ** i} <> 0) AS ${ident(`rule_${i}`)}`,
  );
  return sql`SELECT ${join(counts)} FROM ${ident(stage)}`;
}

/** The `excluded` flag of a stage row: true when any of the file's exclusion rules matches. */
export function excludedExpression(file: FileSpec, columns: readonly SourceColumn[]): Result<Sql> {
  const conditions: Sql[] = [];
  for (const rule of file.exclude ?? []) {
    const column = findColumn(columns, rule.column, file);
    if (!column.ok) return column;
    conditions.push(ruleCondition(rule, column.value));
  }
  if (conditions.length === 0) return ok(raw('false'));
  return ok(sql`coalesce(${join(conditions, ' OR ')}, false)`);
}
