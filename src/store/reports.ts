import { validateReportDefinition, type ReportDefinition } from '../report/report-definition';
import { fail, ok, type Problem, type Result } from '../schema/problem';
import type { SavedReport, StrataDb } from './db';
import { openRecord, sealRecord } from './sealed-record';
import { attempt } from './storage-problem';
import type { ReadBack } from './workspaces';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A report as read back: another version or a damaged profile may have written it. */
export function validateSavedReport(record: unknown): Result<SavedReport> {
  const corrupt = () => fail('storage.corruptRecord', { table: 'reports', key: isRecord(record) ? String(record.id) : '?' });
  if (!isRecord(record)) return corrupt();
  const { workspaceId, createdAt, updatedAt } = record;
  if (typeof workspaceId !== 'string' || typeof createdAt !== 'number' || typeof updatedAt !== 'number') return corrupt();
  const definition = validateReportDefinition(record);
  if (!definition.ok) return corrupt();
  return ok({ ...definition.value, workspaceId, createdAt, updatedAt });
}

/** A workspace's reports, newest first; damaged records are skipped with a problem each. */
export async function listReports(
  db: StrataDb,
  workspaceId: string,
  key: CryptoKey | null = null,
): Promise<Result<ReadBack<SavedReport[]>>> {
  const read = await attempt(() => db.reports.where('workspaceId').equals(workspaceId).toArray() as Promise<unknown[]>);
  if (!read.ok) return read;
  const value: SavedReport[] = [];
  const skipped: Problem[] = [];
  for (const record of read.value) {
    const opened = await openRecord(key, 'reports', isRecord(record) ? String(record.id) : '?', record);
    const r = opened.ok ? validateSavedReport(opened.value) : opened;
    if (r.ok) value.push(r.value);
    else skipped.push(r.problem);
  }
  value.sort((a, b) => b.updatedAt - a.updatedAt);
  return ok({ value, skipped });
}

/** Fields an encrypted workspace keeps readable: what IndexedDB indexes. */
const visible = ['id', 'workspaceId', 'updatedAt'] as const;

/** Saves (creates or replaces) a report, sealed when there is a key. */
export async function putReport(db: StrataDb, report: SavedReport, key: CryptoKey | null = null): Promise<Result<void>> {
  const record = await sealRecord(key, 'reports', report.id, report, visible);
  return attempt(async () => {
    await db.reports.put(record as SavedReport);
  });
}

export function deleteReport(db: StrataDb, id: string): Promise<Result<void>> {
  return attempt(() => db.reports.delete(id));
}

/** A report as it travels in a workspace manifest: without its device-local bookkeeping. */
export function toPortableReport({ id, title, items }: SavedReport): ReportDefinition {
  return { id, title, items };
}

/**
 * Keeps the reports a manifest brings that this device does not have yet (by id); a damaged
 * one is skipped with a problem naming it, the others are kept.
 */
export async function importManifestReports(
  db: StrataDb,
  workspaceId: string,
  records: readonly unknown[],
  now: number,
  key: CryptoKey | null = null,
): Promise<Result<{ added: number; skipped: Problem[] }>> {
  const existing = await attempt(() => db.reports.where('workspaceId').equals(workspaceId).primaryKeys());
  if (!existing.ok) return existing;
  const known = new Set(existing.value.map(String));
  const skipped: Problem[] = [];
  const fresh: SavedReport[] = [];
  for (const record of records) {
    const checked = validateReportDefinition(record);
    if (!checked.ok) {
      const title = isRecord(record) && typeof record.title === 'string' ? record.title : '?';
      skipped.push({ code: 'manifest.badReport', vars: { title } });
    } else if (!known.has(checked.value.id)) fresh.push({ ...checked.value, workspaceId, createdAt: now, updatedAt: now });
  }
  const sealed = await Promise.all(fresh.map((f) => sealRecord(key, 'reports', f.id, f, visible)));
  const put = await attempt(() => db.reports.bulkPut(sealed as SavedReport[]));
  return put.ok ? ok({ added: fresh.length, skipped }) : put;
}
