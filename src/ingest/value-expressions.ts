import { raw, sql, type Sql } from '../sql';

/** DuckDB type names as DESCRIBE reports them. */
export type ColumnType = string;

const integerTypes = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const numericTypes = /^(FLOAT|DOUBLE|REAL|DECIMAL.*)$/;

export function isIntegerType(type: ColumnType): boolean {
  return integerTypes.test(type);
}
export function isNumericType(type: ColumnType): boolean {
  return isIntegerType(type) || numericTypes.test(type);
}

/**
 * A text value without edge spaces, empty as NULL. trim() runs only on values that start
 * or end with a space: on millions of clean values that test costs almost nothing, where
 * trim() itself costs as much as reading the column.
 */
export function trimmedText(column: Sql): Sql {
  const text = sql`CAST(${column} AS VARCHAR)`;
  return sql`CASE WHEN ${text} LIKE ' %' OR ${text} LIKE '% ' THEN nullif(trim(${text}), '') ELSE nullif(${text}, '') END`;
}

/**
 * A user id as canonical text: trimmed, empty as NULL, and ids written as floats
 * (`17850.0`, what spreadsheets export) as the integer they mean.
 */
export function userIdExpression(column: Sql, type: ColumnType): Sql {
  if (isIntegerType(type)) return sql`CAST(${column} AS VARCHAR)`;
  if (numericTypes.test(type)) {
    return sql`CASE WHEN ${column} = trunc(${column}) THEN CAST(CAST(${column} AS HUGEINT) AS VARCHAR) ELSE CAST(${column} AS VARCHAR) END`;
  }
  const text = trimmedText(column);
  // The regex runs only on ids with a dot: on millions of rows it is most of this expression's cost.
  return sql`CASE WHEN contains(${text}, '.') THEN regexp_replace(${text}, '^(-?[0-9]+)\\.0+$', '\\1') ELSE ${text} END`;
}

/** Text formats tried, in order, for a time column DuckDB did not type by itself. */
export const timeFormats: readonly string[] = [
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%dT%H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%Y/%m/%d %H:%M:%S',
  '%Y/%m/%d %H:%M',
  '%Y/%m/%d',
  '%Y-%m-%d',
  '%Y%m%d',
  '%Y年%m月%d日 %H:%M:%S',
  '%Y年%m月%d日 %H:%M',
  '%Y年%m月%d日',
];

/**
 * A time column as TIMESTAMP parts, NULL where it does not parse: `local` is naive wall time
 * in the dataset's zone, `utc` an instant already known (offsets, Unix epochs). The event
 * time is whichever of the two is present.
 */
export interface TimeExpression {
  local: Sql;
  utc: Sql;
}

const none = raw('CAST(NULL AS TIMESTAMP)');

export function timeExpression(column: Sql, type: ColumnType): TimeExpression {
  if (type === 'TIMESTAMP WITH TIME ZONE') return { local: none, utc: sql`CAST(${column} AS TIMESTAMP)` };
  if (type.startsWith('TIMESTAMP') || type === 'DATE') return { local: sql`CAST(${column} AS TIMESTAMP)`, utc: none };
  if (isNumericType(type)) {
    // 8-digit integers are YYYYMMDD dates; larger values are Unix seconds or milliseconds.
    return {
      local: sql`CASE WHEN ${column} BETWEEN 10000101 AND 99991231 THEN try_strptime(CAST(CAST(${column} AS BIGINT) AS VARCHAR), '%Y%m%d') END`,
      utc: sql`CASE
    WHEN ${column} >= 100000000000 THEN make_timestamp(CAST(${column} * 1000 AS BIGINT))
    WHEN ${column} >= 100000000 THEN make_timestamp(CAST(${column} * 1000000 AS BIGINT))
  END`,
    };
  }
  const formats = raw(`[${timeFormats.map((f) => `'${f}'`).join(', ')}]`);
  const text = sql`trim(CAST(${column} AS VARCHAR))`;
  // ISO 8601 with an offset or Z is an instant; without one it is wall time.
  const hasOffset = sql`regexp_matches(${text}, '[0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$')`;
  return {
    local: sql`CASE WHEN NOT ${hasOffset} THEN try_strptime(${text}, ${formats}) END`,
    utc: sql`CASE WHEN ${hasOffset} THEN CAST(TRY_CAST(${text} AS TIMESTAMPTZ) AS TIMESTAMP) END`,
  };
}

/** An amount as DOUBLE, NULL where the text is not a number. */
export function amountExpression(column: Sql, type: ColumnType): Sql {
  if (isNumericType(type)) return sql`CAST(${column} AS DOUBLE)`;
  return sql`TRY_CAST(replace(trim(CAST(${column} AS VARCHAR)), ',', '') AS DOUBLE)`;
}
