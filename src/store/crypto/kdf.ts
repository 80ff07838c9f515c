/**
 * PBKDF2-HMAC-SHA-256 through WebCrypto (issue 14). Chosen over Argon2id because WebCrypto
 * has it in every browser and in Node 20 with no dependency; 600,000 iterations is OWASP's
 * 2023 figure for PBKDF2-SHA-256 (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html).
 */
export const kdfIterations = 600_000;
export const saltBytes = 16;

const utf8 = new TextEncoder();

/** The raw PBKDF2-HMAC-SHA-256 output: `bytes` bytes of the passphrase (UTF-8) stretched over the salt. */
export async function pbkdf2Sha256(passphrase: string, salt: Uint8Array, iterations: number, bytes: number): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', utf8.encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    base,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

/**
 * The AES-GCM 256 key of a passphrase and salt. Non-extractable: once imported, no script
 * can read the key's bytes back, only use it.
 */
export async function deriveKey(passphrase: string, salt: Uint8Array, iterations = kdfIterations): Promise<CryptoKey> {
  const raw = await pbkdf2Sha256(passphrase, salt, iterations, 32);
  try {
    return await crypto.subtle.importKey('raw', raw as BufferSource, { name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
  } finally {
    raw.fill(0);
  }
}

/** A fresh random salt, stored beside what it protects. */
export const newSalt = (): Uint8Array => crypto.getRandomValues(new Uint8Array(saltBytes));
