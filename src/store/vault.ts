import { fail, ok, type Result } from '../schema/problem';
import { isEnvelope, type Envelope } from './crypto/envelope';
import { deriveKey, kdfIterations, newSalt } from './crypto/kdf';
import { makeKeyCheck, verifyKeyCheck } from './crypto/key-check';
import type { SavedFile, StrataDb } from './db';
import { isSealed, openFile, openRecord, sealFile, sealRecord } from './sealed-record';
import { attempt } from './storage-problem';

/**
 * What an encrypted store keeps in the clear to unlock it: the PBKDF2 salt and iteration count,
 * and a key check. The passphrase is never stored.
 */
export interface VaultHeader {
  salt: Uint8Array;
  iterations: number;
  check: Envelope;
}

export const vaultKey = 'encryption';

const isBytes = (v: unknown): v is Uint8Array => Object.prototype.toString.call(v) === '[object Uint8Array]';

/** The vault header, or null when nothing is encrypted. */
export async function readVault(db: StrataDb): Promise<Result<VaultHeader | null>> {
  const read = await attempt(() => db.settings.get(vaultKey));
  if (!read.ok) return read;
  const value = read.value?.value as Partial<VaultHeader> | undefined;
  if (value === undefined) return ok(null);
  if (!isBytes(value.salt) || typeof value.iterations !== 'number' || !isEnvelope(value.check)) {
    return fail('storage.corruptRecord', { table: 'settings', key: vaultKey });
  }
  return ok({ salt: value.salt, iterations: value.iterations, check: value.check });
}

/** The key of a passphrase; `crypto.wrongPassphrase` when the key check does not open. */
export async function unlockVault(header: VaultHeader, passphrase: string): Promise<Result<CryptoKey>> {
  const key = await deriveKey(passphrase, header.salt, header.iterations);
  const right = await verifyKeyCheck(key, header.check);
  return right.ok ? ok(key) : right;
}

/**
 * Encrypts everything kept (workspaces, files, segments, reports) under a new passphrase and
 * writes the header, all in one transaction: a failure (storage full) leaves everything as it
 * was. Records already sealed are opened with `current` and sealed again.
 */
export async function encryptStore(
  db: StrataDb,
  passphrase: string,
  current: CryptoKey | null,
  iterations = kdfIterations,
): Promise<Result<CryptoKey>> {
  if (passphrase === '') return fail('backup.emptyPassphrase');
  const salt = newSalt();
  const key = await deriveKey(passphrase, salt, iterations);
  const header: VaultHeader = { salt, iterations, check: await makeKeyCheck(key) };
  const read = await attempt(async () => ({
    workspaces: (await db.workspaces.toArray()) as unknown[],
    files: (await db.files.toArray()) as unknown[],
    segments: (await db.segments.toArray()) as unknown[],
    reports: (await db.reports.toArray()) as unknown[],
  }));
  if (!read.ok) return read;
  // Opened and sealed outside the transaction: IndexedDB commits one that waits on WebCrypto.
  const reseal = async (table: 'workspaces' | 'segments' | 'reports', idField: string, visible: string[]) => {
    const out: unknown[] = [];
    for (const record of read.value[table]) {
      const id = String((record as Record<string, unknown>)[idField]);
      const opened = await openRecord(current, table, id, record);
      if (!opened.ok) return opened;
      out.push(await sealRecord(key, table, id, opened.value as Record<string, unknown>, visible));
    }
    return ok(out);
  };
  const workspaces = await reseal('workspaces', 'id', ['id', 'updatedAt']);
  if (!workspaces.ok) return workspaces;
  const segments = await reseal('segments', 'id', ['id', 'workspaceId', 'updatedAt']);
  if (!segments.ok) return segments;
  const reports = await reseal('reports', 'id', ['id', 'workspaceId', 'updatedAt']);
  if (!reports.ok) return reports;
  const files: unknown[] = [];
  for (const record of read.value.files) {
    const opened = await openFile(current, record);
    if (!opened.ok) return opened;
    files.push(await sealFile(key, opened.value as SavedFile));
  }
  const written = await attempt(() =>
    db.transaction('rw', [db.workspaces, db.files, db.settings, db.segments, db.reports], async () => {
      await db.workspaces.bulkPut(workspaces.value as never[]);
      await db.files.bulkPut(files as never[]);
      // A file kept in the clear while these were sealed (the answers or the snapshot of a load
      // just made) must not stay readable: it is dropped (answers are written again as panels
      // answer; without a snapshot a reopen imports the files).
      const sealedKeys = new Set((files as SavedFile[]).map((f) => f.key));
      const late = (await db.files.toArray()).filter((f) => !isSealed(f) && !sealedKeys.has(f.key));
      await db.files.bulkDelete(late.map((f) => f.key));
      await db.segments.bulkPut(segments.value as never[]);
      await db.reports.bulkPut(reports.value as never[]);
      await db.settings.put({ key: vaultKey, value: header });
    }),
  );
  return written.ok ? ok(key) : written;
}
