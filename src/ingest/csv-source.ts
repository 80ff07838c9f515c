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
  /** Lines to skip before the header (Excel's `sep=;` line). */
  skip?: number;
  /**
   * Read these columns (the file's header, in order) as text with the standard dialect (`"`
   * quotes), without DuckDB's sniffer: for files so wide (thousands of columns) that
   * sniffing them takes minutes.
   */
  allText?: readonly string[];
  /**
   * Read with this dialect and these columns, as DuckDB's sniffer found them (see
   * csvSniffQuery), instead of sniffing the file again: the sniff of a large file costs as
   * much as a tenth of its read. Types given here replace textColumns.
   */
  sniffed?: { dialect: CsvDialect; columns: readonly { name: string; type: string }[] };
}

/** How DuckDB's sniffer says a file is written: what read_csv needs to read it without sniffing. */
export interface CsvDialect {
  delimiter: string;
  /** '' for none, as for escape and comment. */
  quote: string;
  escape: string;
  /** As DuckDB writes it: `\n`, `\r\n` or `\r`. */
  newLine: string;
  comment: string;
  skipRows: number;
  dateFormat: string | null;
  timestampFormat: string | null;
}

/** Columns beyond which a file is read as text (see CsvReadOptions.allText). */
export const sniffMaxColumns = 1000;

/**
 * Header names as DuckDB would make them unique and fill them in: a repeated name gets
 * `_1`, `_2`..., a missing one `column<i>`.
 */
export function uniqueHeader(header: readonly string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    let name = raw === '' ? `column${i}` : raw;
    for (let k = 1; seen.has(name.toLowerCase()); k++) name = `${raw}_${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** A read_csv call over a file registered with the engine under `registeredName`. */
export function csvSource(registeredName: string, file: Pick<FileSpec, 'delimiter' | 'format'>, read: CsvReadOptions = {}): Sql {
  return sql`read_csv(${registeredName}, ${join(csvOptions(file, read))})`;
}

/**
 * The dialect and columns DuckDB's sniffer finds in the file, as csvSource with the same
 * options would read it, one row per column in order (see dialectOfSniff).
 */
export function csvSniffQuery(
  registeredName: string,
  file: Pick<FileSpec, 'delimiter' | 'format'>,
  read: CsvReadOptions = {},
): Sql {
  return sql`SELECT Delimiter AS delimiter, Quote AS quote, Escape AS escape, NewLineDelimiter AS new_line,
  Comment AS comment, SkipRows AS skip_rows, DateFormat AS date_format, TimestampFormat AS timestamp_format,
  UNNEST(Columns, recursive := true)
FROM sniff_csv(${registeredName}, ${join(csvOptions(file, read))})`;
}

/** sniff_csv writes "(empty)" for a quote, escape or comment that the file does not use. */
const sniffedChar = (v: unknown) => (v === '(empty)' || v === null || v === undefined ? '' : String(v));

/** csvSniffQuery's rows as a dialect and the file's columns. */
export function dialectOfSniff(rows: readonly Record<string, unknown>[]): NonNullable<CsvReadOptions['sniffed']> {
  const [first = {}] = rows;
  const format = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    dialect: {
      delimiter: String(first.delimiter ?? ','),
      quote: sniffedChar(first.quote),
      escape: sniffedChar(first.escape),
      newLine: String(first.new_line ?? '\\n'),
      comment: sniffedChar(first.comment),
      skipRows: Number(first.skip_rows ?? 0),
      dateFormat: format(first.date_format),
      timestampFormat: format(first.timestamp_format),
    },
    columns: rows.map((r) => ({ name: String(r.name), type: String(r.type) })),
  };
}

function csvOptions(file: Pick<FileSpec, 'delimiter' | 'format'>, read: CsvReadOptions): Sql[] {
  if (read.sniffed && !read.allText) return [...sniffedOptions(read.sniffed), ...rejectsOptions(read)];
  // The separator the preview showed, so a ragged file cannot mislead DuckDB's sniffer;
  // converted formats (aligned text, JSON, xlsx) reach the reader comma-separated.
  const delimiter = file.format === 'csv' ? (file.delimiter ?? ',') : ',';
  const options: Sql[] = [sql`header = true`, sql`sample_size = 20480`, sql`delim = ${delimiter}`];
  if (read.skip) options.push(sql`skip = ${read.skip}`);
  if (read.allText) {
    const columns = join(read.allText.map((c) => sql`${c}: 'VARCHAR'`));
    options.push(sql`auto_detect = false, quote = '"', escape = '"', columns = {${columns}}`);
  }
  if (read.textColumns?.length && !read.allText) {
    options.push(sql`types = {${join(read.textColumns.map((c) => sql`${c}: 'VARCHAR'`))}}`);
  }
  return [...options, ...rejectsOptions(read)];
}

/** What the sniffer found, as the options its own read would use (sniff_csv's "Prompt"). */
function sniffedOptions({ dialect: d, columns }: NonNullable<CsvReadOptions['sniffed']>): Sql[] {
  const options = [
    sql`auto_detect = false, header = true, delim = ${d.delimiter}, quote = ${d.quote}, escape = ${d.escape}`,
    sql`new_line = ${d.newLine}, comment = ${d.comment}, skip = ${d.skipRows}`,
    sql`columns = {${join(columns.map((c) => sql`${c.name}: ${c.type}`))}}`,
  ];
  if (d.dateFormat !== null) options.push(sql`dateformat = ${d.dateFormat}`);
  if (d.timestampFormat !== null) options.push(sql`timestampformat = ${d.timestampFormat}`);
  return options;
}

function rejectsOptions(read: CsvReadOptions): Sql[] {
  if (read.rejects === undefined) return [];
  return [sql`store_rejects = true, rejects_table = ${`${read.rejects}_errors`}, rejects_scan = ${`${read.rejects}_scans`}`];
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

/** Whether a rejected line holds a double quote (`quoted`): a sign the file quotes fields further down. */
export function rejectedQuotesQuery(rejects: string): Sql {
  return sql`SELECT count(*) > 0 AS quoted FROM ${ident(`${rejects}_errors`)} WHERE contains(csv_line, '"')`;
}

export function dropRejectsQueries(rejects: string): Sql[] {
  return [sql`DROP TABLE IF EXISTS ${ident(`${rejects}_errors`)}`, sql`DROP TABLE IF EXISTS ${ident(`${rejects}_scans`)}`];
}
