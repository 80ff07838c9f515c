import { validateManifest } from '../ingest/manifest';
import { fail, ok, type Result } from '../schema/problem';
import type { SavedFile, SavedWorkspace } from './db';

/** Records read back from IndexedDB are input too: another version or a damaged profile wrote them. */

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** A record's key as shown in a problem (whatever it holds). */
function keyOf(record: unknown, key: string): string {
  const value = isRecord(record) ? record[key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '?';
}

const corrupt = (table: string, record: unknown, key: string) =>
  fail('storage.corruptRecord', { table, key: keyOf(record, key) });

/** A saved workspace as read back: its id, a valid manifest, where its files come from. */
export function validateSavedWorkspace(record: unknown): Result<SavedWorkspace> {
  if (!isRecord(record) || !isText(record.id) || typeof record.updatedAt !== 'number') return corrupt('workspaces', record, 'id');
  if (record.manifestUrl !== undefined && !isText(record.manifestUrl)) return corrupt('workspaces', record, 'id');
  if (record.generation !== undefined && !isText(record.generation)) return corrupt('workspaces', record, 'id');
  const manifest = validateManifest(record.manifest);
  if (!manifest.ok) return corrupt('workspaces', record, 'id');
  return ok({
    id: record.id,
    manifest: manifest.value,
    updatedAt: record.updatedAt,
    ...(record.manifestUrl !== undefined ? { manifestUrl: record.manifestUrl } : {}),
    ...(record.generation !== undefined ? { generation: record.generation } : {}),
  });
}

/** A kept file as read back. Its blob is only checked to be an object: stores clone Blobs their own way. */
export function validateSavedFile(record: unknown): Result<SavedFile> {
  if (!isRecord(record) || !isText(record.key) || !isText(record.workspaceId) || !isText(record.path)) {
    return corrupt('files', record, 'key');
  }
  const { blob, size } = record;
  if (typeof blob !== 'object' || blob === null || (size !== undefined && typeof size !== 'number')) {
    return corrupt('files', record, 'key');
  }
  return ok({
    key: record.key,
    workspaceId: record.workspaceId,
    path: record.path,
    blob: blob as Blob,
    ...(size !== undefined ? { size } : {}),
  });
}
