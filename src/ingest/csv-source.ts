import { ident, join, sql, type Sql } from '../sql';
import type { FileSpec } from './manifest';

export interface CsvReadOptions {
  /** Read these columns as text whatever they look like (ids: `00123`, or digits then `u-9`). */
  textColumns?: readonly string[];
  /**
   * Skip malformed lines (too many or too few fields, values that do not fit the column
   * type) and record each in the temporary table `<name>_errors` instead of failing.
   */
  rejects?: string;
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

/** The file's columns and their types as DuckDB reads them. */
export function describeQuery(source: Sql): Sql {
  return sql`DESCRIBE SELECT * FROM ${source}`;
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

/**
 * Columns whose values did not all fit the type DuckDB sampled (a CAST rejection), so
 * that they can be read again as text.
 */
export function castRejectedColumnsQuery(rejects: string): Sql {
  return sql`SELECT DISTINCT column_name FROM ${ident(`${rejects}_errors`)}
WHERE CAST(error_type AS VARCHAR) = 'CAST' AND column_name IS NOT NULL`;
}

export function dropRejectsQueries(rejects: string): Sql[] {
  return [sql`DROP TABLE IF EXISTS ${ident(`${rejects}_errors`)}`, sql`DROP TABLE IF EXISTS ${ident(`${rejects}_scans`)}`];
}
