import { fail, ok, type Result } from '../../schema/problem';

/** Envelope format version; bump it (and keep reading the old one) to change the layout. */
export const envelopeVersion = 1;
export const ivBytes = 12;
const tagBytes = 16;

/** One sealed record: AES-GCM 256 with a fresh random 96-bit IV. `ciphertext` ends with the GCM tag. */
export interface Envelope {
  v: number;
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

/**
 * Encrypts `plain` under a fresh random IV. Random IVs stay below NIST SP 800-38D's 2^-32
 * collision bound for up to 2^32 records under one key, far beyond what a workspace keeps.
 * `context` (additional data) binds the record to where it belongs, so a sealed record moved
 * to another key or slot fails to open.
 */
export async function seal(key: CryptoKey, plain: Uint8Array, context?: Uint8Array): Promise<Envelope> {
  const iv = crypto.getRandomValues(new Uint8Array(ivBytes));
  const params: AesGcmParams = { name: 'AES-GCM', iv, ...(context ? { additionalData: context as BufferSource } : {}) };
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt(params, key, plain as BufferSource));
  return { v: envelopeVersion, iv, ciphertext };
}

/** Decrypts an envelope; `crypto.authFailed` when the key is wrong or any byte was changed. */
export async function open(key: CryptoKey, envelope: Envelope, context?: Uint8Array): Promise<Result<Uint8Array>> {
  if (envelope.v !== envelopeVersion) return fail('crypto.newerVersion', { version: envelope.v, supported: envelopeVersion });
  const params: AesGcmParams = {
    name: 'AES-GCM',
    iv: envelope.iv as BufferSource,
    ...(context ? { additionalData: context as BufferSource } : {}),
  };
  try {
    return ok(new Uint8Array(await crypto.subtle.decrypt(params, key, envelope.ciphertext as BufferSource)));
  } catch {
    return fail('crypto.authFailed');
  }
}

/** An envelope as bytes: version (1 byte), IV (12), ciphertext with tag. */
export function toEnvelopeBytes({ v, iv, ciphertext }: Envelope): Uint8Array {
  const out = new Uint8Array(1 + ivBytes + ciphertext.length);
  out[0] = v;
  out.set(iv, 1);
  out.set(ciphertext, 1 + ivBytes);
  return out;
}

/** Bytes back as an envelope; `crypto.damaged` when they are too short to be one. */
export function tryParseEnvelope(bytes: Uint8Array): Result<Envelope> {
  if (bytes.length < 1 + ivBytes + tagBytes) return fail('crypto.damaged');
  return ok({ v: bytes[0]!, iv: bytes.slice(1, 1 + ivBytes), ciphertext: bytes.slice(1 + ivBytes) });
}

// By tag, not instanceof: a structured clone may come from another realm.
const isBytes = (v: unknown): v is Uint8Array => Object.prototype.toString.call(v) === '[object Uint8Array]';

/** An envelope read back from storage (structured clone keeps typed arrays), checked. */
export function isEnvelope(v: unknown): v is Envelope {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.v === 'number' && isBytes(e.iv) && isBytes(e.ciphertext);
}
