import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { WorkspaceManifest } from '../../../src/ingest/manifest';
import { readBackupContent, restoreBackupContent } from '../../../src/store/backup/backup-store';
import { openDb, type SavedReport, type SavedSegment, type StrataDb } from '../../../src/store/db';
import { listReports, putReport } from '../../../src/store/reports';
import { listSegments, putSegment } from '../../../src/store/segments';
import { encryptStore, readVault, unlockVault } from '../../../src/store/vault';
import { keptAnswersPath, readCurrentWorkspace, saveWorkspace, storedWorkspaces } from '../../../src/store/workspaces';

// Issue 14: what an encrypted store keeps is ciphertext, opens with the passphrase only, and
// turning encryption on is all or nothing. (Node, not jsdom: fake-indexeddb keeps Blobs here.)

const manifest: WorkspaceManifest = {
  format: 'strata.workspace',
  version: 1,
  name: 'shop',
  timeZone: 'Asia/Shanghai',
  weekStart: 'monday',
  files: [
    { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'CustomerID', time: 'InvoiceDate', event: 'Action' } },
  ],
};
const csv = 'CustomerID,InvoiceDate,Action\nC-17850,2024-01-01,下单\nC-13047,2024-01-02,浏览\n';
const id = 'local:shop';
const segment: SavedSegment = {
  id: 's1',
  workspaceId: id,
  name: '高价值',
  description: '',
  definition: { ids: ['C-17850'] },
  frozenAt: 2,
  createdAt: 1,
  updatedAt: 2,
};
const report: SavedReport = {
  id: 'r1',
  workspaceId: id,
  title: '周报',
  items: [{ id: 'n', type: 'note', text: 'C-13047 下单' }],
  createdAt: 1,
  updatedAt: 3,
};
/** Strings of the data that must not be readable in an encrypted store. */
const secrets = ['C-17850', 'C-13047', '下单', 'CustomerID', 'InvoiceDate', 'Action', '高价值', '周报', 'Asia/Shanghai'];
const iterations = 1000;

async function kept(): Promise<StrataDb> {
  const db = openDb(`enc-${Math.random()}`);
  await saveWorkspace(db, { id, manifest }, new Map([['e.csv', new Blob([csv])]]));
  await putSegment(db, segment);
  await putReport(db, report);
  return db;
}

/** Every stored record as text (typed arrays and Blobs as their bytes), to search for secrets. */
async function everything(db: StrataDb): Promise<string> {
  const parts: string[] = [];
  const decoder = new TextDecoder('utf-8');
  const walk = async (v: unknown): Promise<void> => {
    if (v instanceof Blob) parts.push(await v.text());
    else if (v instanceof Uint8Array) parts.push(decoder.decode(v), Buffer.from(v).toString('latin1'));
    else if (Array.isArray(v)) for (const x of v) await walk(x);
    else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) await walk(x);
    else parts.push(String(v));
  };
  for (const table of db.tables) await walk(await table.toArray());
  return parts.join('\n');
}

async function snapshot(db: StrataDb) {
  const out: Record<string, unknown> = {};
  for (const table of db.tables) {
    const rows = await table.toArray();
    out[table.name] = await Promise.all(
      rows.map(async (r: Record<string, unknown>) => (r.blob instanceof Blob ? { ...r, blob: await r.blob.text() } : r)),
    );
  }
  return out;
}

describe('encryption at rest (issue 14)', () => {
  it('seals everything kept; it reads back the same with the key and not at all without', async () => {
    const db = await kept();
    const plain = await everything(db);
    for (const s of secrets) expect(plain).toContain(s);
    const sealed = await encryptStore(db, 'correct horse', null, iterations);
    if (!sealed.ok) throw new Error(sealed.problem.code);
    const stored = await everything(db);
    for (const s of secrets) expect(stored).not.toContain(s);

    const header = await readVault(db);
    if (!header.ok || !header.value) throw new Error('no vault header');
    expect(header.value.iterations).toBe(iterations);
    expect(await unlockVault(header.value, 'wrong')).toEqual({ ok: false, problem: { code: 'crypto.wrongPassphrase' } });
    const key = await unlockVault(header.value, 'correct horse');
    if (!key.ok) throw new Error(key.problem.code);

    const current = await readCurrentWorkspace(db, key.value);
    expect(current.ok && current.value.skipped).toEqual([]);
    expect(current.ok && current.value.value?.workspace.manifest).toEqual(manifest);
    expect(current.ok && (await current.value.value?.files.get('e.csv')?.text())).toBe(csv);
    expect(await listSegments(db, id, key.value)).toEqual({ ok: true, value: { value: [segment], skipped: [] } });
    expect(await listReports(db, id, key.value)).toEqual({ ok: true, value: { value: [report], skipped: [] } });

    const locked = await readCurrentWorkspace(db);
    expect(locked).toEqual({ ok: true, value: { value: null, skipped: [{ code: 'vault.locked' }] } });
    const lockedSegments = await listSegments(db, id);
    expect(lockedSegments.ok && lockedSegments.value.skipped).toEqual([{ code: 'vault.locked' }]);
  });

  it('keeps what is saved after it sealed, and lists per item its size and that it is encrypted', async () => {
    const db = await kept();
    const key = await encryptStore(db, 'p', null, iterations);
    if (!key.ok) throw new Error(key.problem.code);
    await putSegment(db, { ...segment, id: 's2', name: '新分群 C-99999' }, key.value);
    await saveWorkspace(db, { id, manifest }, new Map([['e.csv', new Blob([csv])]]), key.value);
    const stored = await everything(db);
    for (const s of [...secrets, 'C-99999']) expect(stored).not.toContain(s);
    const list = await storedWorkspaces(db, key.value);
    const w = list.ok ? list.value.value[0] : undefined;
    expect(w?.name).toBe('shop');
    expect(w?.manifest.encrypted).toBe(true);
    expect(w?.files).toEqual([{ path: 'e.csv', bytes: new Blob([csv]).size, encrypted: true }]);
    expect([w?.segments.count, w?.segments.encrypted, w?.reports.count, w?.reports.encrypted]).toEqual([2, true, 1, true]);
    // Sealed records take their plain JSON plus IV, tag and version byte.
    expect(w?.reports.bytes).toBe(new TextEncoder().encode(JSON.stringify(report)).length + 12 + 16 + 1);
    const lockedList = await storedWorkspaces(db);
    expect(lockedList.ok && lockedList.value.value[0]?.name).toBeNull();
    const unencrypted = await storedWorkspaces(await kept());
    expect(unencrypted.ok && unencrypted.value.value[0]?.files[0]?.encrypted).toBe(false);
  });

  it('drops a file kept in the clear while the store was being sealed (answers of a load just made, issue 12)', async () => {
    const db = await kept();
    const read = db.files.toArray.bind(db.files) as () => Promise<unknown[]>;
    // The app writes the answers its panels were given between the sealing's read and its write.
    vi.spyOn(db.files as { toArray: () => Promise<unknown[]> }, 'toArray').mockImplementationOnce(async () => {
      const before = await read();
      const answers = new Blob(['{"rows":[{"user":"C-55555"}]}']);
      await db.files.put({
        key: `${id}/${keptAnswersPath}`,
        workspaceId: id,
        path: keptAnswersPath,
        blob: answers,
        size: answers.size,
      });
      return before;
    });
    const key = await encryptStore(db, 'p', null, iterations);
    if (!key.ok) throw new Error(key.problem.code);
    expect(await everything(db)).not.toContain('C-55555');
    const current = await readCurrentWorkspace(db, key.value);
    expect(current.ok && [...(current.value.value?.files.keys() ?? [])]).toEqual(['e.csv']);
  });

  it('changes the passphrase: the old one stops working, the data stays', async () => {
    const db = await kept();
    const first = await encryptStore(db, 'old', null, iterations);
    if (!first.ok) throw new Error(first.problem.code);
    const second = await encryptStore(db, 'new', first.value, iterations);
    if (!second.ok) throw new Error(second.problem.code);
    const header = await readVault(db);
    if (!header.ok || !header.value) throw new Error('no header');
    expect((await unlockVault(header.value, 'old')).ok).toBe(false);
    expect((await listSegments(db, id, second.value)).ok && (await listSegments(db, id, second.value))).toEqual({
      ok: true,
      value: { value: [segment], skipped: [] },
    });
    // The old key no longer opens what is kept.
    const stale = await listSegments(db, id, first.value);
    expect(stale.ok && stale.value.skipped).toEqual([{ code: 'crypto.authFailed' }]);
  });

  it('refuses an empty passphrase, and is all or nothing when storage fills up', async () => {
    const db = await kept();
    expect(await encryptStore(db, '', null, iterations)).toEqual({ ok: false, problem: { code: 'backup.emptyPassphrase' } });
    const before = await snapshot(db);
    vi.spyOn(db.reports, 'bulkPut').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    expect(await encryptStore(db, 'p', null, iterations)).toEqual({ ok: false, problem: { code: 'storage.full' } });
    vi.restoreAllMocks();
    expect(await snapshot(db)).toEqual(before);
    expect(await readVault(db)).toEqual({ ok: true, value: null });
  });

  it('a sealed record copied into another slot does not open', async () => {
    const db = await kept();
    const key = await encryptStore(db, 'p', null, iterations);
    if (!key.ok) throw new Error(key.problem.code);
    const sealed = await db.segments.get('s1');
    await db.segments.put({ ...sealed!, id: 's-copy' });
    const listed = await listSegments(db, id, key.value);
    expect(listed.ok && listed.value.value.map((s) => s.id)).toEqual(['s1']);
    expect(listed.ok && listed.value.skipped).toEqual([{ code: 'crypto.authFailed' }]);
  });

  it('backs up an encrypted workspace (opened with the key) and restores it sealed', async () => {
    const db = await kept();
    const key = await encryptStore(db, 'p', null, iterations);
    if (!key.ok) throw new Error(key.problem.code);
    const content = await readBackupContent(db, id, { includeFiles: true }, key.value);
    if (!content.ok) throw new Error(content.problem.code);
    expect(content.value.workspace.manifest).toEqual(manifest);
    expect(new TextDecoder().decode(content.value.files[0]?.bytes)).toBe(csv);
    expect(content.value.settings).toEqual([]);
    expect(await restoreBackupContent(db, content.value, key.value)).toEqual({ ok: true, value: undefined });
    const stored = await everything(db);
    for (const s of secrets) expect(stored).not.toContain(s);
    const current = await readCurrentWorkspace(db, key.value);
    expect(current.ok && (await current.value.value?.files.get('e.csv')?.text())).toBe(csv);
  });
});
