import { Sql, isSql } from './fragment';
import { lit, type LiteralValue } from './literal';

export type SqlValue = Sql | LiteralValue;

function toSql(value: SqlValue): Sql {
  return isSql(value) ? value : lit(value);
}

/**
 * Template tag that is safe by default: interpolated plain values become literals,
 * identifiers must be wrapped in ident(), verbatim text in raw().
 */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): Sql {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += toSql(value).text + (strings[i + 1] ?? '');
  });
  return Sql.unsafe(text);
}

/** Joins fragments with a separator (verbatim, e.g. ', ' or ' AND '). */
export function join(parts: readonly SqlValue[], separator = ', '): Sql {
  return Sql.unsafe(parts.map((p) => toSql(p).text).join(separator));
}
