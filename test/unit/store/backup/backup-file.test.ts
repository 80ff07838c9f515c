import { describe, expect, it } from 'vitest';
import type { WorkspaceManifest } from '../../../../src/ingest/manifest';
import type { BackupContent } from '../../../../src/store/backup/backup-content';
import { backupVersion, decodeBackup, encodeBackup, inspectBackup, magic } from '../../../../src/store/backup/backup-file';

const manifest: WorkspaceManifest = {
  format: 'strata.workspace',
  version: 1,
  name: '演示 "O\'Brien"',
  timeZone: 'Asia/Shanghai',
  weekStart: 'monday',
  files: [{ role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'u', time: 't' } }],
};

const content: BackupContent = {
  workspace: { id: 'local:w', manifest, updatedAt: 5 },
  segments: [
    {
      id: 's1',
      workspaceId: 'local:w',
      name: '复购',
      description: '',
      definition: { ids: ['u1', 'u2'] },
      frozenAt: 3,
      createdAt: 1,
      updatedAt: 3,
    },
  ],
  reports: [
    {
      id: 'r1',
      workspaceId: 'local:w',
      title: '周报',
      items: [{ id: 'n', type: 'note', text: 'hi' }],
      createdAt: 1,
      updatedAt: 2,
    },
  ],
  settings: [{ key: 'idleMinutes', value: 15 }],
  files: [
    { path: 'e.csv', bytes: new TextEncoder().encode('u,t\nu1,2024-01-01\n') },
    { path: 'empty.csv', bytes: new Uint8Array(0) },
  ],
};

const quick = { iterations: 1 };

/** Bytes as plain arrays: jsdom's and Node's Uint8Array differ to toEqual. */
const normal = (r: Awaited<ReturnType<typeof decodeBackup>>) =>
  r.ok ? { ...r.value, files: r.value.files.map((f) => ({ path: f.path, bytes: [...f.bytes] })) } : r;
const expected = { ...content, files: content.files.map((f) => ({ path: f.path, bytes: [...f.bytes] })) };

/** A byte string with its SHA-256 trailer recomputed, as a newer writer would leave it. */
async function resealed(bytes: Uint8Array): Promise<Uint8Array> {
  const body = bytes.slice(0, bytes.length - 32);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  const out = new Uint8Array(bytes.length);
  out.set(body);
  out.set(digest, body.length);
  return out;
}

const problemOf = async (bytes: Uint8Array, passphrase?: string) => {
  const r = await decodeBackup(bytes, passphrase);
  return r.ok ? 'ok' : r.problem.code;
};

describe('backup files (issue 14)', () => {
  it('round-trips the content, plain and encrypted, and starts with the magic', async () => {
    const plain = await encodeBackup(content);
    expect([...plain.slice(0, magic.length)]).toEqual([...magic]);
    expect(normal(await decodeBackup(plain))).toEqual(expected);
    expect(await inspectBackup(plain)).toEqual({ ok: true, value: { version: backupVersion, encrypted: false } });
    const sealed = await encodeBackup(content, { passphrase: '口令 pass', ...quick });
    expect(await inspectBackup(sealed)).toEqual({ ok: true, value: { version: 1, encrypted: true } });
    expect(normal(await decodeBackup(sealed, '口令 pass'))).toEqual(expected);
    // Nothing of the content is readable in the encrypted file.
    const text = new TextDecoder('latin1').decode(sealed);
    for (const secret of ['u1,2024', 'Asia/Shanghai', 'local:w', '复购']) expect(text).not.toContain(secret);
    expect(new TextDecoder('latin1').decode(plain)).toContain('u1,2024');
  });

  it('asks for the passphrase of an encrypted backup and refuses a wrong or empty one', async () => {
    const sealed = await encodeBackup(content, { passphrase: 'right', ...quick });
    expect(await problemOf(sealed)).toBe('backup.needsPassphrase');
    expect(await problemOf(sealed, 'wrong')).toBe('crypto.wrongPassphrase');
    expect(await problemOf(sealed, '')).toBe('crypto.wrongPassphrase');
  });

  it('uses 600,000 PBKDF2 iterations unless told otherwise', async () => {
    const sealed = await encodeBackup(content, { passphrase: 'p' });
    expect(new DataView(sealed.buffer).getUint32(24)).toBe(600_000);
  });

  it('says "truncated" for a backup cut at any byte', async () => {
    for (const bytes of [await encodeBackup(content), await encodeBackup(content, { passphrase: 'p', ...quick })]) {
      for (let n = 0; n < bytes.length; n++) {
        const r = await decodeBackup(bytes.slice(0, n), 'p');
        expect(r.ok ? 'ok' : r.problem.code, `cut at ${n}`).toBe('backup.truncated');
      }
    }
  });

  it('says "damaged" for one flipped byte anywhere (the length field may read as truncated)', async () => {
    for (const bytes of [await encodeBackup(content), await encodeBackup(content, { passphrase: 'p', ...quick })]) {
      for (let at = 0; at < bytes.length; at++) {
        const flipped = bytes.slice();
        flipped[at]! ^= 0x04;
        const codes = at >= 16 && at < 24 ? ['backup.damaged', 'backup.truncated'] : ['backup.damaged'];
        expect(codes, `flipped at ${at}`).toContain(await problemOf(flipped, 'p'));
      }
    }
  });

  it('tells a backup of another app, and one from a newer version', async () => {
    expect(await problemOf(new TextEncoder().encode('PK\u0003\u0004 a zip file, not a backup'))).toBe('backup.notStrata');
    expect(await problemOf(new TextEncoder().encode('{"format":"strata.workspace"}'))).toBe('backup.notStrata');
    const newer = await encodeBackup(content);
    new DataView(newer.buffer).setUint16(12, backupVersion + 1);
    expect(await decodeBackup(await resealed(newer))).toEqual({
      ok: false,
      problem: { code: 'backup.newerVersion', vars: { version: 2, supported: 1 } },
    });
  });

  it('refuses content that passes the checksum but is not valid (a faulty writer)', async () => {
    const bad = { ...content, segments: [{ ...content.segments[0]!, workspaceId: 'other' }] };
    expect(await decodeBackup(await encodeBackup(bad))).toEqual({
      ok: false,
      problem: { code: 'backup.invalid', vars: { part: 'segments' } },
    });
    const noManifest = { ...content, workspace: { ...content.workspace, manifest: {} as WorkspaceManifest } };
    expect(await problemOf(await encodeBackup(noManifest))).toBe('backup.invalid');
  });
});
