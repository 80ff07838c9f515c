import { validateSegmentScope } from '../analyses/segment-rule';
import { fail, ok, type Problem, type Result } from '../schema/problem';
import type { SavedSegment, StrataDb } from './db';
import { openRecord, sealRecord } from './sealed-record';
import { attempt } from './storage-problem';
import type { ReadBack } from './workspaces';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A segment as read back: another version or a damaged profile may have written it. */
export function validateSavedSegment(record: unknown): Result<SavedSegment> {
  const corrupt = () => fail('storage.corruptRecord', { table: 'segments', key: isRecord(record) ? String(record.id) : '?' });
  if (!isRecord(record)) return corrupt();
  const { id, workspaceId, name, description, frozenAt, createdAt, updatedAt } = record;
  if (typeof id !== 'string' || typeof workspaceId !== 'string' || typeof name !== 'string' || typeof description !== 'string') {
    return corrupt();
  }
  if ((frozenAt !== null && typeof frozenAt !== 'number') || typeof createdAt !== 'number' || typeof updatedAt !== 'number') {
    return corrupt();
  }
  const definition = validateSegmentScope(record.definition);
  if (!definition.ok) return corrupt();
  return ok({ id, workspaceId, name, description, definition: definition.value, frozenAt, createdAt, updatedAt });
}

/** A workspace's segments, newest first; damaged records are skipped with a problem each. */
export async function listSegments(
  db: StrataDb,
  workspaceId: string,
  key: CryptoKey | null = null,
): Promise<Result<ReadBack<SavedSegment[]>>> {
  const read = await attempt(() => db.segments.where('workspaceId').equals(workspaceId).toArray() as Promise<unknown[]>);
  if (!read.ok) return read;
  const value: SavedSegment[] = [];
  const skipped = [];
  for (const record of read.value) {
    const opened = await openRecord(key, 'segments', idOf(record), record);
    const r = opened.ok ? validateSavedSegment(opened.value) : opened;
    if (r.ok) value.push(r.value);
    else skipped.push(r.problem);
  }
  value.sort((a, b) => b.updatedAt - a.updatedAt);
  return ok({ value, skipped });
}

const idOf = (record: unknown) => (isRecord(record) ? String(record.id) : '?');

/** Fields an encrypted workspace keeps readable: what IndexedDB indexes. */
const visible = ['id', 'workspaceId', 'updatedAt'] as const;

/** Saves (creates or replaces) a segment, sealed when there is a key. */
export async function putSegment(db: StrataDb, segment: SavedSegment, key: CryptoKey | null = null): Promise<Result<void>> {
  const record = await sealRecord(key, 'segments', segment.id, segment, visible);
  return attempt(async () => {
    await db.segments.put(record as SavedSegment);
  });
}

export function deleteSegment(db: StrataDb, id: string): Promise<Result<void>> {
  return attempt(() => db.segments.delete(id));
}

/** A segment as it travels in a workspace manifest: without its device-local bookkeeping. */
export interface PortableSegment {
  id: string;
  name: string;
  description: string;
  definition: SavedSegment['definition'];
  frozenAt: number | null;
}

export function toPortableSegment({ id, name, description, definition, frozenAt }: SavedSegment): PortableSegment {
  return { id, name, description, definition, frozenAt };
}

/**
 * Keeps the segments a manifest brings that this device does not have yet (by id); a
 * damaged one is skipped with a problem naming it, the others are kept.
 */
export async function importManifestSegments(
  db: StrataDb,
  workspaceId: string,
  records: readonly unknown[],
  now: number,
  key: CryptoKey | null = null,
): Promise<Result<{ added: number; skipped: Problem[] }>> {
  const existing = await attempt(() => db.segments.where('workspaceId').equals(workspaceId).primaryKeys());
  if (!existing.ok) return existing;
  const known = new Set(existing.value.map(String));
  const skipped: Problem[] = [];
  const fresh: SavedSegment[] = [];
  for (const record of records) {
    const candidate = isRecord(record) ? { ...record, workspaceId, createdAt: now, updatedAt: now } : record;
    const checked = validateSavedSegment(candidate);
    if (!checked.ok) {
      const name = isRecord(record) && typeof record.name === 'string' ? record.name : '?';
      skipped.push({ code: 'manifest.badSegment', vars: { name } });
    } else if (!known.has(checked.value.id)) fresh.push(checked.value);
  }
  const sealed = await Promise.all(fresh.map((f) => sealRecord(key, 'segments', f.id, f, visible)));
  const put = await attempt(() => db.segments.bulkPut(sealed as SavedSegment[]));
  return put.ok ? ok({ added: fresh.length, skipped }) : put;
}
