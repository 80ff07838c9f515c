import { describe, expect, it } from 'vitest';
import { open, seal, toEnvelopeBytes, tryParseEnvelope, ivBytes } from '../../../../src/store/crypto/envelope';
import { deriveKey, kdfIterations, newSalt, pbkdf2Sha256 } from '../../../../src/store/crypto/kdf';
import { makeKeyCheck, verifyKeyCheck } from '../../../../src/store/crypto/key-check';

const ascii = (s: string) => new TextEncoder().encode(s);
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const spaced = (s: string) => s.replace(/\s+/g, '');

/** A key fast enough for tests: the iteration count is under test separately. */
const quickKey = (passphrase = 'correct horse') => deriveKey(passphrase, ascii('0123456789abcdef'), 1);

describe('key derivation (issue 14)', () => {
  // RFC 7914 section 11, PBKDF2-HMAC-SHA-256 test vectors.
  it('matches RFC 7914: P="passwd", S="salt", c=1, dkLen=64', async () => {
    const dk = await pbkdf2Sha256('passwd', ascii('salt'), 1, 64);
    expect(hex(dk)).toBe(
      spaced(`55 ac 04 6e 56 e3 08 9f ec 16 91 c2 25 44 b6 05 f9 41 85 21 6d de 04 65 e6 8b 9d 57 c2 0d ac bc
              49 ca 9c cc f1 79 b6 45 99 16 64 b3 9d 77 ef 31 7c 71 b8 45 b1 e3 0b d5 09 11 20 41 d3 a1 97 83`),
    );
  });

  it('matches RFC 7914: P="Password", S="NaCl", c=80000, dkLen=64', async () => {
    const dk = await pbkdf2Sha256('Password', ascii('NaCl'), 80_000, 64);
    expect(hex(dk)).toBe(
      spaced(`4d dc d8 f6 0b 98 be 21 83 0c ee 5e f2 27 01 f9 64 1a 44 18 d0 4c 04 14 ae ff 08 87 6b 34 ab 56
              a1 d4 25 a1 22 58 33 54 9a db 84 1b 51 c9 b3 17 6a 27 2b de bb a1 d0 78 47 8f 62 b3 97 f3 3c 8d`),
    );
  });

  it('stretches at least 600,000 times over a random 16-byte salt, into a key no script can read', async () => {
    expect(kdfIterations).toBeGreaterThanOrEqual(600_000);
    const a = newSalt();
    const b = newSalt();
    expect(a.length).toBe(16);
    expect(hex(a)).not.toBe(hex(b));
    const key = await deriveKey('pass', a);
    expect(key.algorithm).toEqual({ name: 'AES-GCM', length: 256 });
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });
});

describe('AES-GCM envelopes (issue 14)', () => {
  it('round-trips, with a fresh 96-bit IV every time (none repeats over 10,000 seals)', async () => {
    const key = await quickKey();
    const plain = ascii('用户 u1 did purchase');
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const e = await seal(key, plain);
      expect(e.iv.length).toBe(ivBytes);
      seen.add(hex(e.iv));
    }
    expect(seen.size).toBe(10_000);
    const e = await seal(key, plain);
    const parsed = tryParseEnvelope(toEnvelopeBytes(e));
    expect(parsed.ok).toBe(true);
    const opened = parsed.ok ? await open(key, parsed.value) : null;
    expect(opened?.ok && new TextDecoder().decode(opened.value)).toBe('用户 u1 did purchase');
    // The same text sealed twice gives different ciphertexts.
    expect(hex((await seal(key, plain)).ciphertext)).not.toBe(hex(e.ciphertext));
  });

  it('fails authentication when any one byte is flipped (IV, ciphertext or tag), or the context differs', async () => {
    const key = await quickKey();
    const bytes = toEnvelopeBytes(await seal(key, ascii('segment rule'), ascii('segments/s1')));
    for (let at = 1; at < bytes.length; at++) {
      const flipped = bytes.slice();
      flipped[at]! ^= 0x01;
      const parsed = tryParseEnvelope(flipped);
      expect(parsed.ok && (await open(key, parsed.value, ascii('segments/s1')))).toEqual({
        ok: false,
        problem: { code: 'crypto.authFailed' },
      });
    }
    const intact = tryParseEnvelope(bytes);
    expect(intact.ok && (await open(key, intact.value, ascii('segments/s2')))).toEqual({
      ok: false,
      problem: { code: 'crypto.authFailed' },
    });
    expect(intact.ok && (await open(key, intact.value, ascii('segments/s1'))).ok).toBe(true);
  });

  it('names a newer envelope version and a too-short envelope', async () => {
    const key = await quickKey();
    const e = await seal(key, ascii('x'));
    expect(await open(key, { ...e, v: 2 })).toEqual({
      ok: false,
      problem: { code: 'crypto.newerVersion', vars: { version: 2, supported: 1 } },
    });
    expect(tryParseEnvelope(new Uint8Array(20))).toEqual({ ok: false, problem: { code: 'crypto.damaged' } });
  });

  it('tells a wrong passphrase (key check fails) from damaged data (key check opens, data does not)', async () => {
    const right = await quickKey('right');
    const wrong = await quickKey('wrong');
    const check = await makeKeyCheck(right);
    expect(await verifyKeyCheck(right, check)).toEqual({ ok: true, value: undefined });
    expect(await verifyKeyCheck(wrong, check)).toEqual({ ok: false, problem: { code: 'crypto.wrongPassphrase' } });
    const data = await seal(right, ascii('rows'));
    data.ciphertext[0]! ^= 0x80;
    expect(await open(right, data)).toEqual({ ok: false, problem: { code: 'crypto.authFailed' } });
  });
});
