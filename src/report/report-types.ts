/** A table as it was shown and as "Download CSV" writes it: header and formatted cells. */
export interface ReportTable {
  columns: string[];
  rows: string[][];
  /** One row per user (the table has a `user_id` column): left out unless asked for. */
  perUser: boolean;
}

/** One analysis panel as it was on screen when the report was made. */
export interface PanelSnapshot {
  type: 'panel';
  title: string;
  /** The page and its settings, `#/retention?grain=month`: re-running it reproduces the panel. */
  route: string;
  /** Which panel of that page (its test id, stable across versions). */
  panel: string;
  /** The segment filter in words, when the page was filtered by one. */
  segment: string | null;
  definition: string;
  /** Sanitised markup of the panel's body (charts as inline SVG); not kept in the file's data block. */
  body: string;
  /** null: the analysis has no table, or its per-user rows were left out. */
  table: ReportTable | null;
  /** Rows left out because they are per user (privacy). */
  omittedRows: number;
  sql: string;
  /** The panel's problem in words, when it had one instead of a result. */
  error: string | null;
}

/** Text between panels: plain text or the small Markdown subset of ./note-markup.ts. */
export interface NoteSnapshot {
  type: 'note';
  text: string;
}

export type ReportItemSnapshot = PanelSnapshot | NoteSnapshot;

/** What data the numbers came from, so a reader can tell whether two reports are comparable. */
export interface DataFingerprint {
  files: { name: string; role: string; rows: number }[];
  events: number;
  users: number;
  /** Local days, YYYY-MM-DD. */
  firstDay: string | null;
  lastDay: string | null;
  timeZone: string;
  /** A hash of the loaded tables' content (not of the files' bytes); see data-fingerprint. */
  contentHash: string;
}

export const reportFormat = 'strata-report';
export const reportVersion = 1;

export interface ReportSnapshot {
  format: typeof reportFormat;
  version: number;
  title: string;
  /** ISO time when it was made. */
  madeAt: string;
  appVersion: string;
  language: 'zh' | 'en';
  fingerprint: DataFingerprint;
  items: ReportItemSnapshot[];
}
