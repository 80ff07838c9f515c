import { ident, join, sql, type Sql } from '../sql';
import type { ColumnPredicate } from './segment-rule';

/** A row-level test of a column's value (`column` is already an identifier, maybe qualified). */
export function columnValueTest(p: ColumnPredicate, column: Sql): Sql {
  const text = sql`CAST(${column} AS VARCHAR)`;
  switch (p.op) {
    case 'equals':
      return sql`${text} = ${p.values[0] ?? ''}`;
    case 'in':
      return sql`${text} IN (${join(p.values)})`;
    case 'contains':
      return sql`contains(${text}, ${p.values[0] ?? ''})`;
    case 'range': {
      const number = sql`TRY_CAST(${column} AS DOUBLE)`;
      const bounds = [
        ...(p.min === null ? [] : [sql`${number} >= ${p.min}`]),
        ...(p.max === null ? [] : [sql`${number} <= ${p.max}`]),
      ];
      return join(bounds, ' AND ');
    }
    case 'empty':
      return sql`(${column} IS NULL OR trim(${text}) = '')`;
    case 'not-empty':
      return sql`${column} IS NOT NULL AND trim(${text}) <> ''`;
    default: {
      const never: never = p.op;
      throw new Error(`unknown op ${String(never)}`);
    }
  }
}

/** Whether a user's attribute passes; a user with no row in the users file has every attribute empty. */
export function userAttributeTest(p: ColumnPredicate, userId: Sql, users: Sql): Sql {
  const column = ident(p.column);
  if (p.op === 'empty') {
    return sql`${userId} NOT IN (SELECT user_id FROM ${users} WHERE ${columnValueTest({ ...p, op: 'not-empty' }, column)})`;
  }
  return sql`${userId} IN (SELECT user_id FROM ${users} WHERE ${columnValueTest(p, column)})`;
}
