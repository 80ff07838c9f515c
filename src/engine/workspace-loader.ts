import Papa from 'papaparse';
import { ident, lit, sql, type Sql } from '../sql';
import { dropTableQuery } from '../ingest/canonical-tables';
import {
  castRejectedColumnsQuery,
  csvSniffQuery,
  csvSource,
  describeQuery,
  dialectOfSniff,
  type CsvDialect,
  type CsvReadOptions,
  dropRejectsQueries,
  rejectedQuotesQuery,
  rejectsReportQuery,
  sniffMaxColumns,
  uniqueHeader,
} from '../ingest/csv-source';
import { eventStageColumns, sameDayStageQuery } from '../ingest/event-stage';
import { identityTableQuery } from '../ingest/identity-stage';
import { stageBuilders } from '../ingest/stage-builders';
import { excludedByCountsQuery, stageColumnName, type IdPseudonyms, type SourceColumn } from '../ingest/stage-columns';
import { identityReportQuery, nonFiniteAmountsQueries, unreadableAmountsQueries } from '../ingest/stage-reports';
import { holdsEvents, isTabularFormat, type FileSpec, type WorkspaceManifest } from '../ingest/manifest';
import { checkTextHead, isGzip } from '../ingest/text-check';
import { LongRecordScanner, withoutRecords } from '../ingest/long-records';
import { decodeHead } from '../ingest/sniff';
import { excelSeparatorLine, hasMixedLineEndings, hasNul, unclosedFinalQuote } from '../ingest/text-shape';
import { isNumericType, timeExpression } from '../ingest/value-expressions';
import { offsetSpans, type OffsetSpan } from '../schema/time-zone';
import type { CancelToken, FileSource, SqlSession } from './duckdb-session';
import { problem, type Problem } from '../schema/problem';
import { EngineFailure, errorText, inputFailure } from './engine-error';
import { fileLoadProblem } from './load-failure';
import { bytesOf, sizeOf } from './file-source';
import { tabularToCsv } from './tabular';
import { byteReporter, type LoadPhase, type LoadProgress, type ProgressListener } from './load-progress';
import { furthestReadReporter, ReadObservedBlob } from './read-observed-blob';
import { toUtf8Csv } from './transcode';
import { listedEventNames, type FileReport, type RejectedLine, type Rejection, type WorkspaceInfo } from './workspace-info';
import { buildZonedTables, type ZoneSources } from './zoned-tables';

/**
 * DuckDB's `max_line_size` when its reader failed on a longer line: it then names line 1 (in
 * its sniffer) whatever line it was, and loads nothing of the file.
 */
function lineSizeLimit(e: unknown): number | null {
  const text = e instanceof EngineFailure ? (e.detail.detail ?? '') : errorText(e);
  const m = /Maximum line size of (\d+) bytes exceeded/.exec(text);
  return m ? Number(m[1]) : null;
}

const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** DuckDB's own text of a failure (first line), kept as an error's detail. */
function rawText(e: unknown): string {
  return e instanceof EngineFailure ? errorText(e.detail.detail ?? e.detail.code) : errorText(e);
}

/**
 * Any other failure while one file is read (a query of the report, the conversion) as a
 * problem naming that file; input problems, cancellations and size limits stay as they are.
 */
function asFileProblem(e: unknown, file: string): unknown {
  if (e instanceof EngineFailure && (e.detail.kind === 'input' || e.detail.kind === 'cancelled')) return e;
  const text = rawText(e);
  if (/out of memory|NotReadableError/i.test(text)) return e;
  return inputFailure(fileLoadProblem(file, 'load', text), text);
}

/** A cancelled load stays cancelled: it must not turn into a message about the file. */
function throwIfCancelled(e: unknown): void {
  if (e instanceof EngineFailure && e.detail.kind === 'cancelled') throw e;
}

/**
 * The limits of a browser tab are properties of the data's size, so say so and what helps,
 * instead of DuckDB's or the browser's wording: DuckDB-WASM has one 32-bit heap (about 3 GB
 * for data) and nowhere to spill, and the browser may refuse to keep a converted copy of a
 * file of gigabytes (it then reports a "NotReadableError" when DuckDB reads it).
 */
export function sizeLimitAsInput(e: unknown, manifest: WorkspaceManifest): unknown {
  const text = e instanceof EngineFailure ? (e.detail.detail ?? '') : e instanceof Error ? e.message : String(e);
  const files = manifest.files.map((f) => f.path).join(', ');
  if (/out of memory/i.test(text)) return inputFailure(problem('load.outOfMemory', { files }), errorText(text));
  if (/NotReadableError/.test(text)) return inputFailure(problem('load.notReadableBack', { files }), errorText(text));
  return e;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/**
 * Rows of rejectsReportQuery (up to three per reason) as one Rejection per reason. A file
 * converted to CSV in the worker is told by record (the converted CSV's line less its header):
 * its original has no lines that the converted one keeps.
 */
function toRejections(rows: readonly Record<string, unknown>[], unit: RejectedLine['unit']): Rejection[] {
  const byReason = new Map<string, Rejection>();
  for (const row of rows) {
    const reason = String(row.reason);
    let r = byReason.get(reason);
    if (!r) {
      r = { reason, lines: num(row.lines), examples: [] };
      byReason.set(reason, r);
    }
    r.examples.push({
      unit,
      line: unit === 'record' ? num(row.line) - 1 : num(row.line),
      column: typeof row.column_name === 'string' ? row.column_name : null,
      text: String(row.text ?? ''),
    });
  }
  return [...byReason.values()];
}

/** Every row of a file was rejected: why, how often, and the first one. */
function allRejected(file: string, r: Rejection): Problem {
  const first = r.examples[0];
  return problem(first?.unit === 'record' ? 'file.allRejectedRecords' : 'file.allRejected', {
    file,
    reason: r.reason,
    lines: r.lines,
    line: first?.line ?? 0,
    column: first?.column ?? '–',
    text: JSON.stringify((first?.text ?? '').slice(0, 120)),
  });
}

/** How much of a file's start and end is looked at for its shape (as the import preview sniffs). */
const shapeBytes = 64 * 1024;

function sliceOf(source: FileSource, end: number): FileSource {
  return source.kind === 'bytes'
    ? { kind: 'bytes', bytes: source.bytes.subarray(0, end) }
    : { kind: 'file', file: source.file.slice(0, end) };
}

/** Line breaks before `end`, read in slices (only for a file whose last line is broken). */
async function linesBefore(source: FileSource, end: number): Promise<number> {
  let n = 0;
  for (let at = 0; at < end; at += 16 * 1024 * 1024) {
    const part = await bytesOf(source, at, Math.min(end, at + 16 * 1024 * 1024));
    for (let i = part.indexOf(0x0a); i >= 0; i = part.indexOf(0x0a, i + 1)) n++;
  }
  return n;
}

/** A file as DuckDB reads it, with the lines found wrong before it did. */
interface ReadableCsv {
  source: FileSource;
  /** Lines before the header (Excel's `sep=;`). */
  skip: number;
  rejections: Rejection[];
  /** For a JSON object holding the records in one property: that property. */
  recordsFrom?: string;
  /** For a sheet whose header is below row 1: that row, and the rows above it left out. */
  headerRow?: { row: number; skipped: number };
}

/**
 * The header of a file too wide for DuckDB's sniffer (it takes minutes over thousands of
 * columns, in one step that cannot answer the watchdog), to read it as text; null otherwise.
 */
async function wideHeader(readable: ReadableCsv, delimiter: string): Promise<string[] | null> {
  const head = await bytesOf(readable.source, 0, 4 * 1024 * 1024);
  let text = new TextDecoder().decode(head.subarray(0, shapeBytes));
  if (readable.skip) text = text.slice(text.indexOf('\n') + 1);
  const firstBreak = text.indexOf('\n');
  const firstLine = firstBreak < 0 ? text : text.slice(0, firstBreak);
  if (firstLine.split(delimiter).length <= sniffMaxColumns) return null;
  let full = new TextDecoder().decode(head);
  if (readable.skip) full = full.slice(full.indexOf('\n') + 1);
  const [header = []] = Papa.parse<string[]>(full, { delimiter, preview: 1 }).data;
  return uniqueHeader(header);
}

function lineRejection(reason: string, lines: readonly { line: number; text: string }[], count = lines.length): Rejection {
  return {
    reason,
    lines: count,
    examples: lines
      .slice(0, 3)
      .map((l) => ({ unit: 'line', line: l.line, column: null, text: l.text.replaceAll('\0', '\u2400') })),
  };
}

/** How a CSV is read: its columns and their types, those read as text, and its dialect (none for a file read all as text). */
interface CsvRead {
  columns: SourceColumn[];
  textColumns: string[];
  dialect?: CsvDialect;
}

function readOptionsOf(read: CsvRead, skip: number, allText: string[] | null): CsvReadOptions {
  return {
    skip,
    textColumns: read.textColumns,
    ...(allText ? { allText } : {}),
    ...(read.dialect ? { sniffed: { dialect: read.dialect, columns: read.columns } } : {}),
  };
}

interface StagedFile {
  file: FileSpec;
  stage: string;
  report: FileReport;
  minTs: number | null;
  maxTs: number | null;
}

/**
 * Loads a workspace into its own schema on its own connection, so that a failed load
 * leaves the workspace already loaded untouched; the caller switches over on success.
 */
export class WorkspaceLoader {
  private readonly session: SqlSession;
  private readonly schema: string;
  private readonly token: CancelToken | undefined;
  private readonly registered: string[] = [];
  private readonly onProgress: ProgressListener;
  private fileCount = 0;
  private pseudonyms: IdPseudonyms | undefined;
  private rowsSoFar = 0;
  private zoned: ZoneSources | null = null;
  /** Says that the file being staged is read again from its start (see observedReads). */
  private readingAgain: () => void = () => undefined;

  constructor(session: SqlSession, schema: string, token?: CancelToken, onProgress?: ProgressListener) {
    this.session = session;
    this.schema = schema;
    this.token = token;
    this.onProgress = onProgress ?? (() => undefined);
  }

  private run(text: { text: string } | string) {
    return this.session.query(typeof text === 'string' ? text : text.text, this.token);
  }

  /**
   * The file as UTF-8 CSV, which is what DuckDB reads here: other encodings, aligned text,
   * gzip, JSON, Parquet and xlsx are turned into that in this worker first; so are files
   * whose shape DuckDB's sniffer gets wrong (mixed line endings, stray NUL bytes), whose
   * damaged lines are then reported, as is a final line whose quote never closes.
   */
  private async utf8Csv(file: FileSpec, source: FileSource, at: Omit<LoadProgress, 'phase'>): Promise<ReadableCsv> {
    const size = sizeOf(source);
    const head = await bytesOf(source, 0, shapeBytes);
    const converting = (done: number) => this.onProgress({ ...at, phase: 'convert', bytesDone: done, bytesTotal: size });
    const blob = () => (source.kind === 'bytes' ? new Blob([source.bytes as BlobPart]) : source.file);
    const encoding = file.encoding ?? 'utf-8';
    const gzip = isGzip(head);
    if (isTabularFormat(file.format)) {
      if (size === 0) throw inputFailure(problem('file.empty', { file: file.path }));
      converting(0);
      const converted = await tabularToCsv(blob(), {
        fileName: file.path,
        format: file.format,
        encoding,
        gzip,
        ...(file.sheet !== undefined ? { sheet: file.sheet } : {}),
        ...(file.headerRow !== undefined ? { headerRow: file.headerRow } : {}),
      });
      if (!converted.ok) throw inputFailure(converted.problem);
      const { csv, recordsFrom, sheetHeader } = converted.value;
      return {
        source: { kind: 'file', file: csv },
        skip: 0,
        rejections: [],
        ...(recordsFrom !== undefined ? { recordsFrom } : {}),
        ...(sheetHeader && sheetHeader.row > 1 ? { headerRow: { row: sheetHeader.row, skipped: sheetHeader.skipped } } : {}),
      };
    }
    const wide = encoding === 'utf-16le' || encoding === 'utf-16be';
    const kind = checkTextHead(file.path, head, size, wide);
    if (!kind.ok) throw inputFailure(kind.problem);
    const text = gzip ? '' : decodeHead(head, encoding, size <= head.length);
    const skip = excelSeparatorLine(text) ? 1 : 0;
    const cleanLines = !gzip && ((!wide && hasNul(head)) || hasMixedLineEndings(text));
    const nulLines: { line: number; text: string }[] = [];
    let nulCount = 0;
    let readable = source;
    if (encoding !== 'utf-8' || gzip || file.format === 'whitespace' || cleanLines) {
      converting(0);
      try {
        const csv = await toUtf8Csv(blob(), {
          encoding,
          gzip,
          whitespaceAligned: file.format === 'whitespace',
          ...(cleanLines
            ? {
                cleanLines: {
                  onNulLine: (line: number, lineText: string) => {
                    if (++nulCount <= 3) nulLines.push({ line, text: lineText.slice(0, 200) });
                  },
                },
              }
            : {}),
          onBytes: byteReporter(size, converting),
          cancelled: () => this.token?.cancelled === true,
        });
        readable = { kind: 'file', file: csv };
      } catch (e) {
        throwIfCancelled(e);
        const found = gzip
          ? problem('gzip.damaged', { file: file.path })
          : problem('file.notDecodable', { file: file.path, encoding });
        throw inputFailure(found, errorText(e));
      }
    }
    const rejections = nulCount > 0 ? [lineRejection('NUL BYTES', nulLines, nulCount)] : [];
    if (file.format !== 'csv') return { source: readable, skip, rejections };
    // DuckDB's sniffer takes a file whose last quote never closes for one without quotes
    // (and splits quoted fields above it): that line is cut off and reported instead.
    const end = sizeOf(readable);
    const from = Math.max(0, end - shapeBytes);
    const broken = unclosedFinalQuote(await bytesOf(readable, from, end), file.delimiter ?? ',', from === 0);
    if (!broken) return { source: readable, skip, rejections };
    const cut = from + broken.start;
    const line = (await linesBefore(readable, cut)) + 1;
    rejections.push(lineRejection('UNCLOSED QUOTE', [{ line, text: broken.text.slice(0, 200) }]));
    return { source: sliceOf(readable, cut), skip, rejections };
  }

  private async stageFile(file: FileSpec, index: number, source: FileSource): Promise<StagedFile> {
    const at = { file: file.path, fileIndex: index, fileCount: this.fileCount, rows: this.rowsSoFar };
    const readable = await this.utf8Csv(file, source, at);
    try {
      return await this.stageReadable(file, index, readable, at);
    } catch (e) {
      const limit = lineSizeLimit(e);
      if (limit === null) throw e;
      this.releaseFiles();
      return this.stageReadable(file, index, await this.withoutLongRecords(file, readable, limit), at);
    }
  }

  /**
   * The file without its records longer than DuckDB reads (`limit` bytes), each reported at its
   * line. A header that long leaves nothing to read: the file is refused, naming line 1.
   */
  private async withoutLongRecords(file: FileSpec, readable: ReadableCsv, limit: number): Promise<ReadableCsv> {
    const scanner = new LongRecordScanner(limit);
    const size = sizeOf(readable.source);
    const step = 16 * 1024 * 1024;
    for (let from = 0; from < size; from += step) {
      scanner.feed(await bytesOf(readable.source, from, Math.min(size, from + step)));
      if (this.token?.cancelled) throw new EngineFailure({ kind: 'cancelled', code: 'engine.cancelled' });
    }
    const long = scanner.finish();
    // Lines before the header (`sep=;`) are not the file's records.
    const header = long.find((r) => r.line === readable.skip + 1);
    if (header || long.length === 0)
      throw inputFailure(problem('csv.unreadableAt', { file: file.path, line: header?.line ?? 1 }));
    const blob = readable.source.kind === 'bytes' ? new Blob([readable.source.bytes as BlobPart]) : readable.source.file;
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const lines = long.map((r) => ({ line: r.line, text: `${decode(r.head)}… (${formatMb(r.end - r.start)})` }));
    return {
      ...readable,
      source: { kind: 'file', file: withoutRecords(blob, long) },
      rejections: [...readable.rejections, lineRejection('LINE SIZE OVER MAXIMUM', lines)],
    };
  }

  private async stageReadable(
    file: FileSpec,
    index: number,
    readable: ReadableCsv,
    at: Omit<LoadProgress, 'phase'>,
  ): Promise<StagedFile> {
    const { skip } = readable;
    const allText = await wideHeader(readable, file.format === 'csv' ? (file.delimiter ?? ',') : ',');
    this.onProgress({ ...at, phase: 'read' });
    const registeredName = `${this.schema}_${index}.csv`;
    const observed = this.observedReads(readable.source, at);
    await this.session.registerFile(registeredName, observed.source);
    this.readingAgain = observed.readingAgain;
    this.registered.push(registeredName);
    const rejects = `${this.schema}_rejects_${index}`;
    // Sniffed with rejects too: ragged lines must not derail the sniffer. The file is then
    // read with what the sniff found, not sniffed a second time.
    let columns: SourceColumn[];
    let dialect: CsvDialect | undefined;
    try {
      if (allText) {
        const rows = await this.run(describeQuery(csvSource(registeredName, file, { rejects, skip, allText })));
        columns = rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
      } else {
        const sniffed = dialectOfSniff(await this.run(csvSniffQuery(registeredName, file, { rejects, skip })));
        ({ dialect } = sniffed);
        columns = sniffed.columns.map((c) => ({ ...c }));
      }
      for (const q of dropRejectsQueries(rejects)) await this.run(q);
    } catch (e) {
      throwIfCancelled(e);
      if (lineSizeLimit(e) !== null) throw e;
      throw inputFailure(fileLoadProblem(file.path, 'sniff', rawText(e)), rawText(e));
    }
    // Ids are read as text whatever they look like (`00123`, or digits until a `u-9`).
    const idColumns = columns.filter((c) => c.name === file.columns.userId || c.name === file.columns.anonymousId);
    for (const c of idColumns) c.type = 'VARCHAR';
    let read: CsvRead = { columns, textColumns: idColumns.map((c) => c.name), ...(dialect ? { dialect } : {}) };
    const source = (rejectsTable: string, as: CsvRead) =>
      csvSource(registeredName, file, { rejects: rejectsTable, ...readOptionsOf(as, skip, allText) });
    const stage = `stage_${index}`;
    const builder = stageBuilders[file.role];
    await this.createStageInRounds(file, stage, rejects, read, (as) => source(rejects, as));
    let kept = rejects;
    const quoted = await this.quotedReadIfBetter(file, stage, rejects, read, source);
    if (quoted) {
      for (const q of dropRejectsQueries(rejects)) await this.run(q);
      ({ read, rejects: kept } = quoted);
    }
    const unit = isTabularFormat(file.format) ? 'record' : 'line';
    const rejections = [...readable.rejections, ...toRejections(await this.run(rejectsReportQuery(kept)), unit)];
    for (const q of dropRejectsQueries(kept)) await this.run(q);
    const rejected = rejections.reduce((sum, r) => sum + r.lines, 0);
    const [r = {}] = await this.run(builder.report(stage));
    const staged = num(r.rows_read);
    if (staged === 0 && rejected === 0) throw inputFailure(problem('file.headerOnly', { file: file.path }));
    if (staged === 0) throw inputFailure(allRejected(file.path, rejections[0]!));
    const rowsRead = staged + rejected;
    this.rowsSoFar += rowsRead;
    const excluded = num(r.excluded);
    const excludedBy = await this.countByRule(file, stage, excluded);
    const nullUserIds = num(r.null_user_ids);
    const badTimes = num(r.bad_times);
    const rowsLoaded = builder.rowsLoaded(r);
    const timeColumn = file.columns.time ?? '';
    let badTimeExamples: string[] = [];
    if (badTimes > 0) {
      const again = `${rejects}_times`;
      badTimeExamples = await this.badTimeExamples(source(again, read), read.columns, timeColumn);
      for (const q of dropRejectsQueries(again)) await this.run(q);
    }
    const badAmounts = holdsEvents(file.role)
      ? await this.unreadableAmounts(file, stage, read.columns, num(r.non_finite_amounts))
      : { n: 0, examples: [] };
    if (holdsEvents(file.role) && badTimes > 0 && badTimes === staged - excluded - nullUserIds) {
      throw inputFailure(
        problem('time.unreadable', {
          file: file.path,
          column: timeColumn,
          examples: badTimeExamples.map((v) => JSON.stringify(v)).join(', '),
        }),
      );
    }
    return {
      file,
      stage,
      minTs: typeof r.min_ts === 'number' ? r.min_ts : null,
      maxTs: typeof r.max_ts === 'number' ? r.max_ts : null,
      report: {
        path: file.path,
        role: file.role,
        rowsRead,
        rowsLoaded,
        excluded,
        ...(excludedBy ? { excludedBy } : {}),
        nullUserIds,
        badTimes,
        duplicateIds: num(r.duplicate_ids),
        nullEvents: num(r.null_events),
        rejected,
        rejections,
        badTimeExamples,
        badAmounts: badAmounts.n,
        badAmountExamples: badAmounts.examples,
        ...(readable.recordsFrom !== undefined ? { recordsFrom: readable.recordsFrom } : {}),
        ...(readable.headerRow ? { headerRow: readable.headerRow } : {}),
      },
    };
  }

  /**
   * Creates `stage` from the file as `read` says (`source`: its read_csv that way). DuckDB types
   * columns from a sample of the first rows; a value further down that does not fit would cost
   * its row. Such columns are read again as text, and `read` says so: an amount that is no
   * number is then no amount, and a column of numbers with a word further down is text.
   */
  private async createStageInRounds(
    file: FileSpec,
    stage: string,
    rejects: string,
    read: CsvRead,
    source: (as: CsvRead) => Sql,
  ): Promise<void> {
    for (let round = 0; ; round++) {
      if (round > 0) this.readingAgain();
      await this.createStage(file, stage, source(read), read.columns);
      const retyped = round < 3 ? await this.lateMistypedColumns(rejects, file, read.textColumns) : [];
      if (retyped.length === 0) break;
      for (const c of read.columns) if (retyped.includes(c.name)) c.type = 'VARCHAR';
      read.textColumns.push(...retyped);
      for (const q of dropRejectsQueries(rejects)) await this.run(q);
    }
  }

  /**
   * A file whose first quoted field lies past the rows DuckDB's sniffer looks at is sniffed as
   * one without quotes, and each later line with a quoted separator is rejected as ragged. When
   * a rejected line holds a quote, the file is read again with RFC 4180's quote into another
   * stage, which replaces `stage` only if it holds more rows: a stray opening quote instead
   * swallows the lines up to the next quote, which the first read kept. Returns the read kept
   * and its rejects table, or null for the first.
   */
  private async quotedReadIfBetter(
    file: FileSpec,
    stage: string,
    rejects: string,
    read: CsvRead,
    source: (rejectsTable: string, as: CsvRead) => Sql,
  ): Promise<{ read: CsvRead; rejects: string } | null> {
    if (read.dialect?.quote !== '') return null;
    const [found] = await this.run(rejectedQuotesQuery(rejects));
    if (found?.quoted !== true) return null;
    const quoted: CsvRead = {
      columns: read.columns.map((c) => ({ ...c })),
      textColumns: [...read.textColumns],
      dialect: { ...read.dialect, quote: '"', escape: '"' },
    };
    const other = `${stage}_quoted`;
    const otherRejects = `${rejects}_quoted`;
    const dropOther = async () => {
      await this.run(dropTableQuery(other));
      for (const q of dropRejectsQueries(otherRejects)) await this.run(q);
    };
    try {
      this.readingAgain();
      await this.createStageInRounds(file, other, otherRejects, quoted, (as) => source(otherRejects, as));
    } catch (e) {
      throwIfCancelled(e);
      await dropOther();
      return null;
    }
    const rowsOf = async (table: string) => num((await this.run(sql`SELECT count(*) AS n FROM ${ident(table)}`))[0]?.n);
    if ((await rowsOf(other)) <= (await rowsOf(stage))) {
      await dropOther();
      return null;
    }
    await this.run(dropTableQuery(stage));
    await this.run(sql`ALTER TABLE ${ident(other)} RENAME TO ${ident(stage)}`);
    return { read: quoted, rejects: otherRejects };
  }

  /** Each import rule's rows; with several, from the stage's mask, which is then dropped. */
  private async countByRule(file: FileSpec, stage: string, excluded: number): Promise<FileReport['excludedBy']> {
    const rules = file.exclude ?? [];
    if (rules.length === 0) return undefined;
    if (rules.length === 1) return [{ rule: rules[0]!, rows: excluded }];
    const [counts = {}] = await this.run(excludedByCountsQuery(stage, rules.length));
    await this.run(sql`ALTER TABLE ${ident(stage)} DROP COLUMN excluded_by`);
    return rules.map((rule, i) => ({ rule, rows: num(counts[`rule_${i}`]) }));
  }

  private async createStage(file: FileSpec, stage: string, from: Sql, columns: readonly SourceColumn[]): Promise<void> {
    const create = stageBuilders[file.role].create(stage, from, file, columns, this.pseudonyms);
    if (!create.ok) throw inputFailure(create.problem);
    try {
      await this.run(create.value);
    } catch (e) {
      throwIfCancelled(e);
      if (lineSizeLimit(e) !== null) throw e;
      throw inputFailure(fileLoadProblem(file.path, 'load', rawText(e)), rawText(e));
    }
  }

  /**
   * Columns whose values did not all fit the type DuckDB sampled, and that can be read as
   * text instead. Not the time columns: their text path knows fewer formats than DuckDB's
   * sniffer, and a row without a readable time is no event either way.
   */
  private async lateMistypedColumns(rejects: string, file: FileSpec, textColumns: readonly string[]): Promise<string[]> {
    const rows = await this.run(castRejectedColumnsQuery(rejects));
    const times = [file.columns.time, file.columns.signupTime];
    return rows.map((r) => String(r.column_name)).filter((c) => !textColumns.includes(c) && !times.includes(c));
  }

  /**
   * The file, reporting the bytes DuckDB has read of it as the read phase's progress. A file
   * read again whole (a column retyped, quotes found late) starts that progress over, as the
   * 'reread' phase, instead of leaving it at 100% for as long as the second read takes.
   */
  private observedReads(readable: FileSource, at: Omit<LoadProgress, 'phase'>): { source: FileSource; readingAgain: () => void } {
    if (readable.kind !== 'file') return { source: readable, readingAgain: () => this.onProgress({ ...at, phase: 'reread' }) };
    const total = readable.file.size;
    const reporterFor = (phase: LoadPhase) =>
      furthestReadReporter(total, (done) => this.onProgress({ ...at, phase, bytesDone: done, bytesTotal: total }));
    let reporter = reporterFor('read');
    return {
      source: { kind: 'file', file: new ReadObservedBlob(readable.file, (end) => reporter(end)) },
      readingAgain: () => {
        reporter = reporterFor('reread');
        this.onProgress({ ...at, phase: 'reread', bytesDone: 0, bytesTotal: total });
      },
    };
  }

  /** Applies the same-day rule to a stage and counts the rows it folded into others. */
  private async mergeSameDay(staged: StagedFile, spans: readonly OffsetSpan[]): Promise<void> {
    const described = await this.run(sql`SELECT column_name FROM (DESCRIBE ${ident(staged.stage)})`);
    const others = described.map((r) => String(r.column_name)).filter((c) => !eventStageColumns.includes(c));
    await this.run(sameDayStageQuery(staged.stage, others, spans));
    const [r] = await this.run(sql`SELECT count(*) AS n FROM ${ident(staged.stage)}`);
    staged.report.mergedSameDay = staged.report.rowsLoaded - num(r?.n);
  }

  /**
   * Unregisters the files this load registered. A cancelled query can hold its file until
   * its connection closes, so what cannot be dropped yet is kept for a later call.
   */
  releaseFiles(): void {
    const held: string[] = [];
    for (const name of this.registered) {
      try {
        this.session.dropFile(name);
      } catch {
        held.push(name);
      }
    }
    this.registered.splice(0, this.registered.length, ...held);
  }

  /**
   * Loaded rows whose amount columns hold something that is no number: text, or what DuckDB
   * reads as a number but revenue cannot sum (NaN, infinities), which is made no amount here;
   * `nonFinite` is the stage report's count of the latter.
   */
  private async unreadableAmounts(
    file: FileSpec,
    stage: string,
    columns: readonly SourceColumn[],
    nonFinite: number,
  ): Promise<{ n: number; examples: string[] }> {
    const typeOf = (name: string | undefined) => columns.find((c) => c.name === name)?.type;
    const { amount, quantity } = file.columns;
    const amountType = typeOf(amount);
    const quantityType = typeOf(quantity);
    if (!amount || amountType === undefined) return { n: 0, examples: [] };
    const nonFiniteQueries = nonFiniteAmountsQueries(stage);
    const examples = nonFinite > 0 ? (await this.run(nonFiniteQueries.examples)).map((r) => String(r.value)) : [];
    if (nonFinite > 0) await this.run(nonFiniteQueries.clear);
    // A column DuckDB typed as numbers throughout holds nothing else that is no number.
    if (isNumericType(amountType) && (quantityType === undefined || isNumericType(quantityType)))
      return { n: nonFinite, examples };
    const queries = unreadableAmountsQueries(stage, {
      amount: stageColumnName(amount),
      ...(quantity && quantityType !== undefined ? { quantity: stageColumnName(quantity) } : {}),
    });
    // Counted after the clearing above, so non-finite text (`NaN`) is counted here, as written.
    const [counted] = await this.run(queries.count);
    const fromText = num(counted?.n);
    return { n: fromText, examples: fromText > 0 ? (await this.run(queries.examples)).map((r) => String(r.value)) : [] };
  }

  /** A few values of the time column that did not parse, for the report and messages. */
  private async badTimeExamples(from: Sql, columns: readonly SourceColumn[], name: string): Promise<string[]> {
    const column = columns.find((c) => c.name === name);
    if (!column) return [];
    const t = timeExpression(ident(column.name), column.type);
    try {
      const rows = await this.run(sql`SELECT DISTINCT CAST(${ident(column.name)} AS VARCHAR) AS value FROM ${from}
WHERE ${ident(column.name)} IS NOT NULL AND ${t.local} IS NULL AND ${t.utc} IS NULL LIMIT 3`);
      return rows.map((row) => String(row.value));
    } catch (e) {
      // Examples are a courtesy; without them the count still stands.
      throwIfCancelled(e);
      return [];
    }
  }

  /** What a change of time zone rebuilds from, once `load` has succeeded. */
  get zoneSources(): ZoneSources | null {
    return this.zoned;
  }

  async load(manifest: WorkspaceManifest, sources: ReadonlyMap<string, FileSource>): Promise<WorkspaceInfo> {
    const started = performance.now();
    this.fileCount = manifest.files.length;
    this.pseudonyms = manifest.pseudonymise;
    try {
      const staged: StagedFile[] = [];
      for (const [i, file] of manifest.files.entries()) {
        const source = sources.get(file.path);
        if (!source) throw inputFailure(problem('file.missing', { file: file.path }));
        staged.push(await this.stageFile(file, i, source).catch((e: unknown) => Promise.reject(asFileProblem(e, file.path))));
      }
      const eventStages = staged.filter((s) => holdsEvents(s.file.role));
      const userStages = staged.filter((s) => s.file.role === 'users');
      const identityStages = staged.filter((s) => s.file.role === 'identity');
      if (identityStages.length) {
        await this.run(identityTableQuery(identityStages.map((s) => s.stage)));
        const [moved] = await this.run(identityReportQuery(eventStages.map((s) => s.stage)));
        for (const s of identityStages) {
          s.report.identity = {
            pairs: num(moved?.pairs),
            conflicts: num(moved?.conflicts),
            movedEvents: num(moved?.moved_events),
            movedIds: num(moved?.moved_ids),
          };
        }
      }
      const times = staged.flatMap((s) => [s.minTs, s.maxTs]).filter((t): t is number => t !== null);
      if (times.length === 0) throw inputFailure(problem('load.noTimes'));
      const minTs = Math.min(...times);
      const maxTs = Math.max(...times);
      const spans = offsetSpans(manifest.timeZone, minTs, maxTs);
      const merged = eventStages.filter((e) => e.file.sameDayAsOne);
      for (const s of merged) await this.mergeSameDay(s, spans);
      // Users stages are kept (unlike identity stages), as tables of the workspace: a change of
      // zone rebuilds users from them on a connection of its own, which sees no TEMP tables.
      const userTables: string[] = [];
      for (const s of userStages) {
        const kept = `${s.stage}_users`;
        await this.run(sql`CREATE OR REPLACE TABLE ${ident(kept)} AS SELECT * FROM ${ident(s.stage)}`);
        await this.run(dropTableQuery(s.stage));
        userTables.push(kept);
      }
      this.zoned = {
        eventStages: eventStages.map((s) => s.stage),
        userStages: userTables,
        withIdentity: identityStages.length > 0,
        minTs,
        maxTs,
        mergedByDay: merged.length > 0,
      };
      await buildZonedTables(
        (q) => this.run(q),
        this.zoned,
        manifest.timeZone,
        () => this.onProgress({ phase: 'derive', fileCount: this.fileCount, rows: this.rowsSoFar }),
        'first',
      );
      for (const s of identityStages) await this.run(dropTableQuery(s.stage));
      return await this.describe(manifest, staged, performance.now() - started);
    } catch (e) {
      throw sizeLimitAsInput(e, manifest);
    } finally {
      this.releaseFiles();
    }
  }

  private async describe(manifest: WorkspaceManifest, staged: StagedFile[], loadMs: number): Promise<WorkspaceInfo> {
    // activity holds every event once, so its sums count events without a rescan; user_day_event
    // and event_totals come after the workspace is in use (laterZonedTables).
    const [facts] = await this.run(sql`SELECT
  (SELECT CAST(coalesce(sum(n), 0) AS BIGINT) FROM activity) AS events,
  (SELECT count(*) FROM user_created) AS users,
  (SELECT count(first_active_day) FROM user_created) AS active_users,
  (SELECT min(day) FROM activity) AS first_day,
  (SELECT max(day) FROM activity) AS last_day,
  (SELECT count(amount) > 0 FROM activity) AS has_amount`);
    if (num(facts?.events) === 0) {
      throw inputFailure(problem('load.noRows'));
    }
    // The count is taken over every name before the LIMIT keeps the most frequent.
    const names = await this.run(
      sql`SELECT event, count(*) OVER () AS names FROM events GROUP BY event ORDER BY count(*) DESC, event LIMIT ${lit(listedEventNames)}`,
    );
    const userColumns = await this.run(sql`SELECT column_name FROM (DESCRIBE users)`);
    const eventColumns = await this.run(
      sql`SELECT column_name FROM (DESCRIBE events) WHERE column_name NOT IN ('user_id', 'ts', 'event', 'amount')`,
    );
    return {
      name: manifest.name,
      timeZone: manifest.timeZone,
      weekStart: manifest.weekStart,
      files: staged.map((s) => s.report),
      events: num(facts?.events),
      users: num(facts?.users),
      activeUsers: num(facts?.active_users),
      firstDay: typeof facts?.first_day === 'number' ? facts.first_day : null,
      lastDay: typeof facts?.last_day === 'number' ? facts.last_day : null,
      hasAmount: facts?.has_amount === true,
      eventNames: names.map((r) => String(r.event)),
      eventNameCount: num(names[0]?.names),
      userAttributes: userColumns.map((r) => String(r.column_name)).filter((c) => c !== 'user_id' && c !== 'created_at'),
      eventColumns: eventColumns.map((r) => String(r.column_name)),
      loadMs: Math.round(loadMs),
    };
  }
}
