import { fail, ok, type Result } from '../../schema/problem';
import { open, seal, toEnvelopeBytes, tryParseEnvelope } from '../crypto/envelope';
import { deriveKey, kdfIterations, newSalt } from '../crypto/kdf';
import { makeKeyCheck, verifyKeyCheck } from '../crypto/key-check';
import { toContentBytes, tryParseContent, type BackupContent } from './backup-content';

/**
 * A Strata backup file (issue 14). What every version keeps, so that any version can say why
 * it will not read a file: it starts with `magic`, has its format version as a big-endian u16
 * at byte 12, and ends with the SHA-256 of every byte before those last 32.
 *
 * Version 1 after the magic and version: flags (u8; bit 0: encrypted), a zero byte, the file's
 * total length (u64). Encrypted: PBKDF2 iterations (u32), salt (16), key check length (u16) and
 * key check envelope. Then the content: as it is, or as one AES-GCM envelope.
 */
export const magic = new Uint8Array([0x53, 0x54, 0x52, 0x41, 0x54, 0x41, 0x42, 0x4b, 0x0d, 0x0a, 0x1a, 0x0a]); // STRATABK\r\n\x1a\n
export const backupVersion = 1;
const digestBytes = 32;
const fixedHeader = 24;
const encryptedFlag = 1;
const contentContext = new TextEncoder().encode('strata backup content');

export interface BackupOptions {
  /** Encrypts the backup with this passphrase. */
  passphrase?: string;
  /** Lower only in tests. */
  iterations?: number;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The whole backup file's bytes. */
export async function encodeBackup(content: BackupContent, options: BackupOptions = {}): Promise<Uint8Array> {
  const plain = toContentBytes(content);
  let crypt = new Uint8Array(0);
  let body = plain;
  if (options.passphrase !== undefined) {
    const iterations = options.iterations ?? kdfIterations;
    const salt = newSalt();
    const key = await deriveKey(options.passphrase, salt, iterations);
    const check = toEnvelopeBytes(await makeKeyCheck(key));
    crypt = new Uint8Array(4 + salt.length + 2 + check.length);
    const view = new DataView(crypt.buffer);
    view.setUint32(0, iterations);
    crypt.set(salt, 4);
    view.setUint16(4 + salt.length, check.length);
    crypt.set(check, 6 + salt.length);
    body = toEnvelopeBytes(await seal(key, plain, contentContext));
  }
  const header = new Uint8Array(fixedHeader);
  header.set(magic);
  const view = new DataView(header.buffer);
  view.setUint16(12, backupVersion);
  view.setUint8(14, options.passphrase !== undefined ? encryptedFlag : 0);
  view.setBigUint64(16, BigInt(fixedHeader + crypt.length + body.length + digestBytes));
  const before = concat([header, crypt, body]);
  return concat([before, await sha256(before)]);
}

/** What a backup says about itself before it is opened. */
export interface BackupHeader {
  version: number;
  encrypted: boolean;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Checks a file is an intact Strata backup this version reads: `backup.notStrata` (another
 * app's file), `backup.truncated` (shorter than it says), `backup.damaged` (a byte changed:
 * the checksum differs), `backup.newerVersion`.
 */
export async function inspectBackup(bytes: Uint8Array): Promise<Result<BackupHeader>> {
  const head = bytes.subarray(0, magic.length);
  const differing = magic.reduce((n, b, i) => n + (i < head.length && head[i] !== b ? 1 : 0), 0);
  // A few changed bytes in the magic are damage; a different start is another kind of file.
  if (head.length > 0 && differing > Math.min(2, head.length - 1)) return fail('backup.notStrata');
  if (bytes.length < fixedHeader + digestBytes) return fail('backup.truncated', { size: bytes.length });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = Number(view.getBigUint64(16));
  const intact = sameBytes(
    await sha256(bytes.subarray(0, bytes.length - digestBytes)),
    bytes.subarray(bytes.length - digestBytes),
  );
  if (!intact) return bytes.length < declared ? fail('backup.truncated', { size: bytes.length }) : fail('backup.damaged');
  const version = view.getUint16(12);
  if (version > backupVersion) return fail('backup.newerVersion', { version, supported: backupVersion });
  if (differing > 0 || declared !== bytes.length || version < 1) return fail('backup.damaged');
  return ok({ version, encrypted: (view.getUint8(14) & encryptedFlag) !== 0 });
}

/**
 * A backup file's content. An encrypted one needs its passphrase: `backup.needsPassphrase`
 * without one, `crypto.wrongPassphrase` with a wrong one (its key check does not open).
 */
export async function decodeBackup(bytes: Uint8Array, passphrase?: string): Promise<Result<BackupContent>> {
  const header = await inspectBackup(bytes);
  if (!header.ok) return header;
  const end = bytes.length - digestBytes;
  if (!header.value.encrypted) return tryParseContent(bytes.subarray(fixedHeader, end));
  if (passphrase === undefined) return fail('backup.needsPassphrase');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (end < fixedHeader + 22) return fail('backup.damaged');
  const iterations = view.getUint32(fixedHeader);
  const salt = bytes.slice(fixedHeader + 4, fixedHeader + 20);
  const checkLength = view.getUint16(fixedHeader + 20);
  const bodyAt = fixedHeader + 22 + checkLength;
  if (iterations < 1 || iterations > 10_000_000 || bodyAt > end) return fail('backup.damaged');
  const check = tryParseEnvelope(bytes.subarray(fixedHeader + 22, bodyAt));
  const body = tryParseEnvelope(bytes.subarray(bodyAt, end));
  if (!check.ok || !body.ok) return fail('backup.damaged');
  const key = await deriveKey(passphrase, salt, iterations);
  const right = await verifyKeyCheck(key, check.value);
  if (!right.ok) return right;
  const plain = await open(key, body.value, contentContext);
  if (!plain.ok) return plain.problem.code === 'crypto.authFailed' ? fail('backup.damaged') : plain;
  return tryParseContent(plain.value);
}
