import { isValidTimeZone } from '../schema/time-zone';
import type { WeekStart } from '../schema/period';
import { fail, ok, type Result } from '../schema/problem';

export const manifestFormat = 'strata.workspace';
export const manifestVersion = 1;
const minSaltLength = 16;

/** An identity map pairs anonymous ids (device, cookie) with the user ids they belong to. */
export type FileRole = 'events' | 'users' | 'orders' | 'identity';
export const fileRoles: readonly FileRole[] = ['events', 'users', 'orders', 'identity'];

/** Roles whose rows are events (an orders row is a purchase). */
export function holdsEvents(role: FileRole): boolean {
  return role === 'events' || role === 'orders';
}

/** Which source column plays which canonical role. */
export interface ColumnMapping {
  userId: string;
  time?: string;
  event?: string;
  amount?: string;
  /** When set, amount = the amount column (a unit price) x this column. */
  quantity?: string;
  signupTime?: string;
  /** Identity maps: the anonymous id re-attributed to userId. */
  anonymousId?: string;
}

/** How fields are separated in text: a delimiter (quoted CSV), or runs of spaces (aligned columns). */
export type TextFormat = 'csv' | 'whitespace';
/** Text formats, JSON (an array of records, or one per line), Excel workbooks and Parquet. */
export type FileFormat = TextFormat | 'json' | 'ndjson' | 'xlsx' | 'parquet';
export const fileFormats: readonly FileFormat[] = ['csv', 'whitespace', 'json', 'ndjson', 'xlsx', 'parquet'];

/** Formats DuckDB-WASM cannot read here (no JSON or Parquet extension offline): converted to CSV first. */
export type TabularFormat = Exclude<FileFormat, TextFormat>;

export function isTabularFormat(format: FileFormat): format is TabularFormat {
  return format === 'json' || format === 'ndjson' || format === 'xlsx' || format === 'parquet';
}

export type ExcludeOperator = 'starts-with' | 'equals' | 'contains' | 'is-empty';
export const excludeOperators: readonly ExcludeOperator[] = ['starts-with', 'equals', 'contains', 'is-empty'];

/** An import rule: rows whose column matches are left out (and counted in the report). */
export interface ExcludeRule {
  column: string;
  op: ExcludeOperator;
  /** Compared as text; unused by is-empty. */
  value?: string;
}

export interface FileSpec {
  role: FileRole;
  /** Relative to the manifest (or a dropped file's name). */
  path: string;
  format: FileFormat;
  /** For xlsx: the sheet to read; the first when absent. */
  sheet?: string;
  /**
   * For xlsx: the 1-based row of the sheet holding the column names (a title or notes may
   * sit above it; those rows are left out); row 1 when absent.
   */
  headerRow?: number;
  columns: ColumnMapping;
  /**
   * Rows to leave out before anything is counted as loaded: every rule applies (a row is
   * kept only when it passes this rule and that one), so a row matching any rule is left out.
   */
  exclude?: ExcludeRule[];
  /** For events files without an event column (and orders): the constant event name. */
  eventName?: string;
  delimiter?: string;
  /**
   * Rows without a user id are dropped unless this is set; then they count as one user with
   * this id (how the R package `cohorts` treats Online Retail's missing CustomerIDs).
   */
  missingUserIdAs?: string;
  /** Text encoding of the file; UTF-8 (with or without BOM) when absent. */
  encoding?: FileEncoding;
  /**
   * An import rule for orders: a user's purchases on one day (in the workspace time zone)
   * are one occasion, one event at the first time with the amounts summed.
   */
  sameDayAsOne?: boolean;
}

export const fileEncodings = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type FileEncoding = (typeof fileEncodings)[number];

export interface WorkspaceManifest {
  format: typeof manifestFormat;
  version: typeof manifestVersion;
  name: string;
  timeZone: string;
  weekStart: WeekStart;
  files: FileSpec[];
  /**
   * Replace every user and anonymous id by a salted SHA-256 pseudonym as it is read; the
   * files themselves are then not kept on the device. Whoever has the salt and an id can
   * recompute its pseudonym, so share the manifest only with people who may see ids.
   */
  pseudonymise?: { salt: string };
  /**
   * Saved segments that travel with the workspace (issue 9), as records
   * `{ id, name, description, definition, frozenAt }`; each is checked where it is kept
   * (src/store/segments.ts), so one damaged segment never stops the data from loading.
   */
  segments?: readonly unknown[];
  /** The name in each language the app speaks (`name` stays the fallback and the key). */
  names?: { zh?: string; en?: string };
  /** A demo: the Overview says so, and how to analyse one's own export instead. */
  demo?: boolean;
  /**
   * Saved reports that travel with the workspace (issue 11), as records `{ id, title, items }`
   * (src/report/report-definition.ts), each checked where it is kept (src/store/reports.ts).
   */
  reports?: readonly unknown[];
  /**
   * A snapshot of the workspace's tables published beside its files (a path like theirs, see
   * src/engine/workspace-snapshot.ts), restored instead of importing the files when it was
   * made from this very manifest by this version of the app; otherwise the files are imported.
   */
  snapshot?: string;
  /**
   * The answers the build that published `snapshot` computed on its tables (the Overview at its
   * defaults, see src/ui/workspace/kept-answers.ts), drawn while the snapshot loads. Named, not
   * guessed beside the snapshot: a server that publishes none is asked for nothing.
   */
  answers?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isOneOf = <T extends string>(v: unknown, options: readonly T[]): v is T =>
  typeof v === 'string' && (options as readonly string[]).includes(v);

const notOneOf = (field: string, options: readonly string[]) => fail('manifest.notOneOf', { field, options: options.join(', ') });

function optionalString(o: Record<string, unknown>, key: string, at: string): Result<string | undefined> {
  const v = o[key];
  if (v === undefined) return ok(undefined);
  return typeof v === 'string' && v.length > 0 ? ok(v) : fail('manifest.notText', { field: `${at}${key}` });
}

function validateColumns(v: unknown, role: FileRole, where: string): Result<ColumnMapping> {
  const at = `${where}.columns.`;
  if (!isRecord(v)) return fail('manifest.notObject', { field: `${where}.columns` });
  if (typeof v.userId !== 'string' || v.userId === '') return fail('manifest.required', { field: `${at}userId` });
  const mapping: ColumnMapping = { userId: v.userId };
  for (const key of ['time', 'event', 'amount', 'quantity', 'signupTime', 'anonymousId'] as const) {
    const r = optionalString(v, key, at);
    if (!r.ok) return r;
    if (r.value !== undefined) mapping[key] = r.value;
  }
  if (holdsEvents(role) && !mapping.time) return fail('manifest.needsTime', { field: `${at}time`, role });
  if (role === 'identity' && !mapping.anonymousId) return fail('manifest.needsAnonymousId', { field: `${at}anonymousId` });
  if (mapping.quantity && !mapping.amount) return fail('manifest.quantityNeedsAmount', { field: `${at}quantity` });
  return ok(mapping);
}

/** Rules per file; each is a bit of a stage's `excluded_by` mask (an INTEGER). */
export const maxExcludeRules = 20;

function validateExclude(v: unknown, where: string): Result<ExcludeRule[]> {
  if (!Array.isArray(v)) return fail('manifest.notList', { field: `${where}.exclude` });
  if (v.length > maxExcludeRules) return fail('manifest.tooManyRules', { field: `${where}.exclude`, max: maxExcludeRules });
  const rules: ExcludeRule[] = [];
  for (const [i, r] of v.entries()) {
    const at = `${where}.exclude[${i}]`;
    if (!isRecord(r) || typeof r.column !== 'string' || r.column === '')
      return fail('manifest.required', { field: `${at}.column` });
    if (!isOneOf(r.op, excludeOperators)) return notOneOf(`${at}.op`, excludeOperators);
    const op = r.op;
    if (op !== 'is-empty' && (typeof r.value !== 'string' || r.value === '')) {
      return fail('manifest.ruleNeedsValue', { field: `${at}.value`, op });
    }
    rules.push(op === 'is-empty' ? { column: r.column, op } : { column: r.column, op, value: String(r.value) });
  }
  return ok(rules);
}

/** Excel's limit. */
const maxSheetRows = 1_048_576;

function validateFile(v: unknown, index: number): Result<FileSpec> {
  const where = `files[${index}]`;
  if (!isRecord(v)) return fail('manifest.notObject', { field: where });
  if (!isOneOf(v.role, fileRoles)) return notOneOf(`${where}.role`, fileRoles);
  const fileRole = v.role;
  if (typeof v.path !== 'string' || v.path === '') return fail('manifest.required', { field: `${where}.path` });
  if (!isOneOf(v.format, fileFormats)) return notOneOf(`${where}.format`, fileFormats);
  const columns = validateColumns(v.columns, fileRole, where);
  if (!columns.ok) return columns;
  const file: FileSpec = { role: fileRole, path: v.path, format: v.format, columns: columns.value };
  if (v.exclude !== undefined) {
    const rules = validateExclude(v.exclude, where);
    if (!rules.ok) return rules;
    if (rules.value.length) file.exclude = rules.value;
  }
  for (const key of ['eventName', 'delimiter', 'missingUserIdAs', 'sheet'] as const) {
    const r = optionalString(v, key, `${where}.`);
    if (!r.ok) return r;
    if (r.value !== undefined) file[key] = r.value;
  }
  if (v.sameDayAsOne !== undefined) {
    if (typeof v.sameDayAsOne !== 'boolean') return fail('manifest.notBoolean', { field: `${where}.sameDayAsOne` });
    if (v.sameDayAsOne) file.sameDayAsOne = true;
  }
  if (v.headerRow !== undefined) {
    const row = v.headerRow;
    if (typeof row !== 'number' || !Number.isInteger(row) || row < 1 || row > maxSheetRows) {
      return fail('manifest.notRowNumber', { field: `${where}.headerRow`, max: maxSheetRows });
    }
    if (row > 1) file.headerRow = row;
  }
  if (v.encoding !== undefined) {
    if (!isOneOf(v.encoding, fileEncodings)) return notOneOf(`${where}.encoding`, fileEncodings);
    file.encoding = v.encoding;
  }
  return ok(file);
}

/** Validates a workspace manifest read from JSON (a hosted file, an export, IndexedDB). */
const maxSegments = 1000;

export function validateManifest(input: unknown): Result<WorkspaceManifest> {
  if (!isRecord(input)) return fail('manifest.notJsonObject');
  if (input.format !== manifestFormat) return fail('manifest.wrongFormat', { expected: manifestFormat });
  if (input.version !== manifestVersion) {
    return fail('manifest.unsupportedVersion', { version: String(input.version), supported: manifestVersion });
  }
  if (typeof input.name !== 'string') return fail('manifest.nameNotText');
  if (typeof input.timeZone !== 'string' || !isValidTimeZone(input.timeZone)) {
    return fail('manifest.badTimeZone', { value: JSON.stringify(input.timeZone) ?? String(input.timeZone) });
  }
  const weekStart = input.weekStart ?? 'monday';
  if (weekStart !== 'monday' && weekStart !== 'sunday') return fail('manifest.badWeekStart');
  if (!Array.isArray(input.files) || input.files.length === 0) return fail('manifest.noFiles');
  const files: FileSpec[] = [];
  for (const [i, f] of input.files.entries()) {
    const r = validateFile(f, i);
    if (!r.ok) return r;
    files.push(r.value);
  }
  if (!files.some((f) => holdsEvents(f.role))) return fail('manifest.noEventsFile');
  const manifest: WorkspaceManifest = {
    format: manifestFormat,
    version: manifestVersion,
    name: input.name,
    timeZone: input.timeZone,
    weekStart,
    files,
  };
  if (input.pseudonymise !== undefined) {
    const p = input.pseudonymise;
    if (!isRecord(p) || typeof p.salt !== 'string' || p.salt.length < minSaltLength) {
      return fail('manifest.badPseudonymise', { min: minSaltLength });
    }
    manifest.pseudonymise = { salt: p.salt };
  }
  if (input.segments !== undefined) {
    if (!Array.isArray(input.segments) || input.segments.length > maxSegments)
      return fail('manifest.badSegments', { max: maxSegments });
    manifest.segments = input.segments as unknown[];
  }
  if (input.names !== undefined) {
    const n = input.names;
    if (!isRecord(n) || Object.values(n).some((v) => typeof v !== 'string')) return fail('manifest.badNames');
    manifest.names = {
      ...(typeof n.zh === 'string' ? { zh: n.zh } : {}),
      ...(typeof n.en === 'string' ? { en: n.en } : {}),
    };
  }
  if (input.demo === true) manifest.demo = true;
  if (input.reports !== undefined) {
    if (!Array.isArray(input.reports) || input.reports.length > maxSegments)
      return fail('manifest.badReports', { max: maxSegments });
    manifest.reports = input.reports as unknown[];
  }
  if (input.snapshot !== undefined) {
    if (typeof input.snapshot !== 'string' || input.snapshot === '') return fail('manifest.required', { field: 'snapshot' });
    manifest.snapshot = input.snapshot;
  }
  if (input.answers !== undefined) {
    if (typeof input.answers !== 'string' || input.answers === '') return fail('manifest.required', { field: 'answers' });
    manifest.answers = input.answers;
  }
  return ok(manifest);
}
