import { ident, sql } from '../sql';
import { derivedTableQueries } from '../ingest/derived-tables';
import {
  csvSource,
  describeQuery,
  emptyUsersTableQuery,
  eventStageQuery,
  eventStageReportQuery,
  eventsTableQuery,
  userStageQuery,
  userStageReportQuery,
  usersTableQuery,
  type SourceColumn,
} from '../ingest/load-plan';
import { isTabularFormat, type FileSpec, type WorkspaceManifest } from '../ingest/manifest';
import { checkTextHead, isGzip } from '../ingest/text-check';
import { offsetSpans } from '../queries/time-zone';
import type { CancelToken, FileSource, SqlSession } from './duckdb-session';
import { EngineFailure } from './engine-error';
import { tabularToCsv } from './tabular';
import { toUtf8Csv } from './transcode';
import type { FileReport, WorkspaceInfo } from './workspace-info';

function inputError(message: string): EngineFailure {
  return new EngineFailure({ kind: 'input', message });
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

async function headOf(source: FileSource): Promise<{ head: Uint8Array; size: number }> {
  if (source.kind === 'bytes') return { head: source.bytes.subarray(0, 4096), size: source.bytes.length };
  const head = new Uint8Array(await source.file.slice(0, 4096).arrayBuffer());
  return { head, size: source.file.size };
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

  constructor(session: SqlSession, schema: string, token?: CancelToken) {
    this.session = session;
    this.schema = schema;
    this.token = token;
  }

  private run(text: { text: string } | string) {
    return this.session.query(typeof text === 'string' ? text : text.text, this.token);
  }

  private async stageFile(file: FileSpec, index: number, source: FileSource): Promise<StagedFile> {
    const { head, size } = await headOf(source);
    const blob = () => (source.kind === 'bytes' ? new Blob([source.bytes as BlobPart]) : source.file);
    const encoding = file.encoding ?? 'utf-8';
    let readable = source;
    let gzip = isGzip(head);
    if (isTabularFormat(file.format)) {
      if (size === 0) throw inputError(`${file.path}: the file is empty (0 bytes). Export it again with its rows.`);
      const converted = await tabularToCsv(blob(), {
        fileName: file.path,
        format: file.format,
        encoding,
        gzip,
        ...(file.sheet !== undefined ? { sheet: file.sheet } : {}),
      });
      if (!converted.ok) throw inputError(converted.reason);
      readable = { kind: 'file', file: converted.value.csv };
      gzip = false;
    } else {
      const kind = checkTextHead(file.path, head, size, encoding === 'utf-16le' || encoding === 'utf-16be');
      if (!kind.ok) throw inputError(kind.reason);
    }
    const wideOrLegacy = encoding !== 'utf-8' && !isTabularFormat(file.format);
    if (wideOrLegacy || file.format === 'whitespace') {
      readable = {
        kind: 'file',
        file: await toUtf8Csv(blob(), { encoding, gzip, whitespaceAligned: file.format === 'whitespace' }),
      };
      gzip = false;
    }
    const registeredName = `${this.schema}_${index}.csv${gzip ? '.gz' : ''}`;
    await this.session.registerFile(registeredName, readable);
    this.registered.push(registeredName);
    const from = csvSource(registeredName, file);
    let columns: SourceColumn[];
    try {
      const described = await this.run(describeQuery(from));
      columns = described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    } catch (e) {
      const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw inputError(`${file.path}: could not be read as CSV (${reason}).`);
    }
    const stage = `stage_${index}`;
    const isUsers = file.role === 'users';
    const create = isUsers ? userStageQuery(stage, from, file, columns) : eventStageQuery(stage, from, file, columns);
    if (!create.ok) throw inputError(create.reason);
    try {
      await this.run(create.value);
    } catch (e) {
      if (e instanceof EngineFailure && e.detail.kind === 'cancelled') throw e;
      const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw inputError(`${file.path}: could not be loaded (${reason}).`);
    }
    const [r] = await this.run(isUsers ? userStageReportQuery(stage) : eventStageReportQuery(stage));
    const rowsRead = num(r?.rows_read);
    if (rowsRead === 0) throw inputError(`${file.path}: the file has a header but no rows.`);
    const excluded = num(r?.excluded);
    const nullUserIds = num(r?.null_user_ids);
    const badTimes = num(r?.bad_times);
    const rowsLoaded = isUsers
      ? rowsRead - excluded - nullUserIds - num(r?.duplicate_ids)
      : rowsRead - excluded - nullUserIds - badTimes - num(r?.null_events);
    if (!isUsers && badTimes > 0 && badTimes === rowsRead - excluded - nullUserIds) {
      throw inputError(`${file.path}: no value of the time column "${file.columns.time ?? ''}" could be read as a time.`);
    }
    return {
      file,
      stage,
      minTs: typeof r?.min_ts === 'number' ? r.min_ts : null,
      maxTs: typeof r?.max_ts === 'number' ? r.max_ts : null,
      report: {
        path: file.path,
        role: file.role,
        rowsRead,
        rowsLoaded,
        excluded,
        nullUserIds,
        badTimes,
        duplicateIds: num(r?.duplicate_ids),
        nullEvents: num(r?.null_events),
      },
    };
  }

  async load(manifest: WorkspaceManifest, sources: ReadonlyMap<string, FileSource>): Promise<WorkspaceInfo> {
    const started = performance.now();
    try {
      const staged: StagedFile[] = [];
      for (const [i, file] of manifest.files.entries()) {
        const source = sources.get(file.path);
        if (!source) throw inputError(`${file.path}: the file is missing. Drop it again or check the manifest.`);
        staged.push(await this.stageFile(file, i, source));
      }
      const eventStages = staged.filter((s) => s.file.role !== 'users');
      const userStages = staged.filter((s) => s.file.role === 'users');
      const times = staged.flatMap((s) => [s.minTs, s.maxTs]).filter((t): t is number => t !== null);
      if (times.length === 0) throw inputError('no row has a readable time.');
      const spans = offsetSpans(manifest.timeZone, Math.min(...times), Math.max(...times));
      await this.run(
        eventsTableQuery(
          eventStages.map((s) => s.stage),
          spans,
        ),
      );
      await this.run(
        userStages.length
          ? usersTableQuery(
              userStages.map((s) => s.stage),
              spans,
            )
          : emptyUsersTableQuery(),
      );
      for (const q of derivedTableQueries(spans)) await this.run(q);
      for (const s of staged.filter((f) => f.file.role === 'users')) await this.run(sql`DROP TABLE IF EXISTS ${ident(s.stage)}`);
      return await this.describe(manifest, staged, performance.now() - started);
    } finally {
      for (const name of this.registered) this.session.dropFile(name);
    }
  }

  private async describe(manifest: WorkspaceManifest, staged: StagedFile[], loadMs: number): Promise<WorkspaceInfo> {
    // user_day_event holds every event once, so its sums count events without a rescan.
    const [facts] = await this.run(sql`SELECT
  (SELECT CAST(coalesce(sum(n), 0) AS BIGINT) FROM user_day_event) AS events,
  (SELECT count(*) FROM user_created) AS users,
  (SELECT min(day) FROM activity) AS first_day,
  (SELECT max(day) FROM activity) AS last_day,
  (SELECT coalesce(sum(amount_n), 0) > 0 FROM user_day_event) AS has_amount`);
    if (num(facts?.events) === 0) {
      throw inputError('no row could be loaded: every row lacks a user id, a readable time or an event name.');
    }
    const names = await this.run(sql`SELECT event FROM user_day_event GROUP BY event ORDER BY sum(n) DESC LIMIT 500`);
    const userColumns = await this.run(sql`SELECT column_name FROM (DESCRIBE users)`);
    return {
      name: manifest.name,
      timeZone: manifest.timeZone,
      weekStart: manifest.weekStart,
      files: staged.map((s) => s.report),
      events: num(facts?.events),
      users: num(facts?.users),
      firstDay: typeof facts?.first_day === 'number' ? facts.first_day : null,
      lastDay: typeof facts?.last_day === 'number' ? facts.last_day : null,
      hasAmount: facts?.has_amount === true,
      eventNames: names.map((r) => String(r.event)),
      userAttributes: userColumns.map((r) => String(r.column_name)).filter((c) => c !== 'user_id' && c !== 'created_at'),
      loadMs: Math.round(loadMs),
    };
  }
}
