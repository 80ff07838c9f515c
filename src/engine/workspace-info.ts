import type { Problem } from '../schema/problem';
import type { ExcludeRule, FileRole } from '../ingest/manifest';
import type { WeekStart } from '../schema/period';

/** A line the CSV reader skipped: where it is in the file, and its text. */
export interface RejectedLine {
  /**
   * `line`: the line number in the file. `record`: for files converted to CSV in the worker
   * (JSON, NDJSON, Parquet, xlsx), the record's number (a sheet's data rows without blank
   * ones, an NDJSON file's records without blank lines), and the text is the record as CSV.
   */
  unit: 'line' | 'record';
  line: number;
  column: string | null;
  text: string;
}

/** Lines skipped for one reason (DuckDB's error type), with the first few. */
export interface Rejection {
  reason: string;
  lines: number;
  examples: RejectedLine[];
}

export interface FileReport {
  path: string;
  role: FileRole;
  rowsRead: number;
  rowsLoaded: number;
  /** Left out by an import rule. */
  excluded: number;
  /**
   * Per import rule of the file, in order, the rows it matches; a row matching several rules
   * is left out once (counted once in `excluded`). Absent without rules.
   */
  excludedBy?: { rule: ExcludeRule; rows: number }[];
  nullUserIds: number;
  badTimes: number;
  nullEvents: number;
  duplicateIds: number;
  /** Malformed lines skipped, in total and by reason. */
  rejected: number;
  rejections: Rejection[];
  /** A few time values that did not parse (when some did not). */
  badTimeExamples: string[];
  /** Loaded rows whose amount (or price and quantity) is filled but no number: no amount. */
  badAmounts: number;
  badAmountExamples: string[];
  /** For a JSON object holding the records in one property (`{"data": [...]}`): that property. */
  recordsFrom?: string;
  /** For a sheet whose header is below row 1: that row, and the non-blank rows above it, left out. */
  headerRow?: { row: number; skipped: number };
  /** Rows folded into another purchase of the same user and day (the same-day rule). */
  mergedSameDay?: number;
  /** For identity maps: what re-attribution did (over all identity files together). */
  identity?: IdentityReport;
}

export interface IdentityReport {
  /** Anonymous ids with a user. */
  pairs: number;
  /** Anonymous ids paired with more than one user (the first user by id is used). */
  conflicts: number;
  /** Events whose id was an anonymous id, now counted for its user. */
  movedEvents: number;
  /** Distinct anonymous ids seen in the events. */
  movedIds: number;
}

/** What a loaded workspace is: settings echoed back and facts about the data. */
export interface WorkspaceInfo {
  name: string;
  timeZone: string;
  weekStart: WeekStart;
  files: FileReport[];
  events: number;
  /** Users of the events and of the users file, with or without an event. */
  users: number;
  /** Users with at least one event: fewer than `users` when the users file lists some without. */
  activeUsers: number;
  firstDay: number | null;
  lastDay: number | null;
  hasAmount: boolean;
  /** The most frequent event names, at most listedEventNames of them, most frequent first (what pickers offer). */
  eventNames: string[];
  /** How many distinct event names the events hold: more than eventNames lists when they are many. */
  eventNameCount: number;
  userAttributes: string[];
  /** The events files' own columns (beside user_id, ts, event, amount): what event property filters can test. */
  eventColumns: string[];
  loadMs: number;
  /**
   * Set once the time zone was changed after the import: how long rebuilding the tables that
   * depend on it took (the import itself, and `loadMs`, stay as they were).
   */
  rezonedMs?: number;
  /** Set when it was opened from a snapshot of its tables: how long that took (`loadMs` is the import's). */
  openedMs?: number;
  /** Opened from the snapshot published with its hosted manifest (not one kept on this device). */
  hostedTables?: boolean;
  /** Why a snapshot of its tables could not be used, so that its files were imported again. */
  snapshotProblem?: Problem;
}

/** How many event names a workspace lists for pickers, most frequent first. */
export const listedEventNames = 500;

/**
 * The workspace's event names when it lists them all, else null: a name it does not list may
 * still be in the data, so nothing may be called missing for not being in the list.
 */
export function allEventNames(info: Pick<WorkspaceInfo, 'eventNames' | 'eventNameCount'>): readonly string[] | null {
  return info.eventNames.length >= info.eventNameCount ? info.eventNames : null;
}
