import { fail, ok, type Result } from '../schema/problem';
import { isEnvelope, open, seal, type Envelope } from './crypto/envelope';

/**
 * A record as an encrypted workspace keeps it (issue 14): only the fields IndexedDB indexes
 * stay readable (`visible`); the whole record is sealed as JSON, bound to its table and key
 * so that a sealed record copied into another slot does not open.
 */
export type SealedRecord = Record<string, unknown> & { sealed: Envelope };

const utf8 = new TextEncoder();
const context = (table: string, key: string) => utf8.encode(`${table}/${key}`);

/** The record as kept: sealed when there is a key, as it is otherwise. */
export async function sealRecord<T extends object>(
  key: CryptoKey | null,
  table: string,
  primaryKey: string,
  record: T,
  visible: readonly (keyof T & string)[],
): Promise<T | SealedRecord> {
  if (key === null) return record;
  const kept: Record<string, unknown> = {};
  for (const field of visible) kept[field] = record[field];
  return { ...kept, sealed: await seal(key, utf8.encode(JSON.stringify(record)), context(table, primaryKey)) };
}

export const isSealed = (record: unknown): record is SealedRecord =>
  typeof record === 'object' && record !== null && isEnvelope((record as { sealed?: unknown }).sealed);

/**
 * A record as read back, opened when sealed: `vault.locked` without a key, `crypto.authFailed`
 * when it was changed. A record kept in the clear is returned as it is.
 */
export async function openRecord(
  key: CryptoKey | null,
  table: string,
  primaryKey: string,
  record: unknown,
): Promise<Result<unknown>> {
  if (!isSealed(record)) return ok(record);
  if (key === null) return fail('vault.locked');
  const plain = await open(key, record.sealed, context(table, primaryKey));
  if (!plain.ok) return plain;
  try {
    return ok(JSON.parse(new TextDecoder().decode(plain.value)));
  } catch {
    return fail('crypto.damaged');
  }
}

/** A kept file's bytes as stored: sealed, with the plain size and path beside them. */
export interface SealedFile {
  key: string;
  workspaceId: string;
  path: string;
  size: number;
  sealed: Envelope;
}

export async function sealFile(
  key: CryptoKey,
  file: { key: string; workspaceId: string; path: string; blob: Blob },
): Promise<SealedFile> {
  const bytes = new Uint8Array(await file.blob.arrayBuffer());
  const sealed = await seal(key, bytes, context('files', file.key));
  return { key: file.key, workspaceId: file.workspaceId, path: file.path, size: bytes.length, sealed };
}

/** A kept file's record with its blob, opened when sealed. */
export async function openFile(key: CryptoKey | null, record: unknown): Promise<Result<unknown>> {
  if (!isSealed(record)) return ok(record);
  const id = typeof record.key === 'string' ? record.key : '?';
  if (key === null) return fail('vault.locked');
  const plain = await open(key, record.sealed, context('files', id));
  if (!plain.ok) return plain;
  const { sealed: _sealed, ...rest } = record;
  return ok({ ...rest, blob: new Blob([plain.value as BlobPart]) });
}

/** Bytes a record takes, for the list of what is kept: its ciphertext, or its JSON. */
export function recordBytes(record: unknown): number {
  if (isSealed(record)) return record.sealed.ciphertext.length + record.sealed.iv.length + 1;
  return utf8.encode(JSON.stringify(record) ?? '').length;
}
