import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { WorkspaceManifest } from '../../../src/ingest/manifest';
import { decodeBackup, encodeBackup } from '../../../src/store/backup/backup-file';
import { readBackupContent, restoreBackupContent } from '../../../src/store/backup/backup-store';
import { openDb, type SavedReport, type SavedSegment, type StrataDb } from '../../../src/store/db';
import { listReports, putReport } from '../../../src/store/reports';
import { listSegments, putSegment } from '../../../src/store/segments';
import { readCurrentWorkspace, saveWorkspace, wipeAll } from '../../../src/store/workspaces';

// Node, not jsdom: fake-indexeddb keeps Blobs here, so kept files' bytes can be read back.

const manifest = (name: string): WorkspaceManifest => ({
  format: 'strata.workspace',
  version: 1,
  name,
  timeZone: 'UTC',
  weekStart: 'monday',
  files: [{ role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'u', time: 't' } }],
});

const csv = 'u,t,event\nu1,2024-01-01,下单\nu2,2024-01-02,view\n';

const segment = (workspaceId: string, id: string): SavedSegment => ({
  id,
  workspaceId,
  name: `seg ${id}`,
  description: 'd',
  definition: { ids: ['u1'] },
  frozenAt: 2,
  createdAt: 1,
  updatedAt: 2,
});

const report = (workspaceId: string, id: string): SavedReport => ({
  id,
  workspaceId,
  title: `report ${id}`,
  items: [{ id: 'p', type: 'panel', route: '#/retention?grain=month', panel: 'panel-retention', title: 'R' }],
  createdAt: 1,
  updatedAt: 3,
});

async function keptWorkspace(db: StrataDb, name: string, text: string): Promise<string> {
  const id = `local:${name}`;
  await saveWorkspace(db, { id, manifest: manifest(name) }, new Map([['e.csv', new Blob([text])]]));
  await putSegment(db, segment(id, `s-${name}`));
  await putReport(db, report(id, `r-${name}`));
  await db.settings.put({ key: 'idleMinutes', value: 7 });
  return id;
}

/** Everything the database holds, to compare before and after. */
async function snapshot(db: StrataDb) {
  const files = await db.files.toArray();
  return {
    workspaces: await db.workspaces.toArray(),
    files: await Promise.all(files.map(async (f) => ({ ...f, blob: await f.blob.text() }))),
    settings: await db.settings.toArray(),
    segments: await db.segments.toArray(),
    reports: await db.reports.toArray(),
  };
}

describe('backup and restore through IndexedDB (issue 14)', () => {
  it('backs up a kept workspace with its files, wipes, restores it as the workspace in use', async () => {
    const db = openDb(`bk-${Math.random()}`);
    const id = await keptWorkspace(db, 'shop', csv);
    const content = await readBackupContent(db, id, { includeFiles: true });
    if (!content.ok) throw new Error(content.problem.code);
    expect(content.value.files.map((f) => [f.path, new TextDecoder().decode(f.bytes)])).toEqual([['e.csv', csv]]);
    expect(content.value.settings).toEqual([{ key: 'idleMinutes', value: 7 }]);
    const file = await encodeBackup(content.value, { passphrase: 'pass', iterations: 1000 });
    const before = await snapshot(db);

    await wipeAll(db);
    expect(await db.workspaces.count()).toBe(0);
    const decoded = await decodeBackup(file, 'pass');
    if (!decoded.ok) throw new Error(decoded.problem.code);
    expect(await restoreBackupContent(db, decoded.value)).toEqual({ ok: true, value: undefined });
    expect(await snapshot(db)).toEqual(before);
    const current = await readCurrentWorkspace(db);
    expect(current.ok && current.value.value?.workspace.manifest.name).toBe('shop');
    expect(current.ok && (await current.value.value?.files.get('e.csv')?.text())).toBe(csv);
    const segments = await listSegments(db, id);
    expect(segments.ok && segments.value.value.map((s) => s.name)).toEqual(['seg s-shop']);
    const reports = await listReports(db, id);
    expect(reports.ok && reports.value.value.map((r) => r.title)).toEqual(['report r-shop']);
  });

  it('leaves the files out unless chosen; restoring replaces the kept workspace and keeps other workspaces’ segments', async () => {
    const db = openDb(`bk-${Math.random()}`);
    const id = await keptWorkspace(db, 'a', csv);
    const content = await readBackupContent(db, id, { includeFiles: false });
    if (!content.ok) throw new Error(content.problem.code);
    expect(content.value.files).toEqual([]);
    // Another workspace is now in use; its segment must survive the restore of "a".
    await keptWorkspace(db, 'b', 'u,t\n');
    await putSegment(db, { ...segment(id, 's-a'), name: 'edited after the backup' });
    expect(await restoreBackupContent(db, content.value)).toEqual({ ok: true, value: undefined });
    const current = await readCurrentWorkspace(db);
    expect(current.ok && current.value.value?.workspace.id).toBe(id);
    expect(current.ok && current.value.value?.files.size).toBe(0);
    const a = await listSegments(db, id);
    expect(a.ok && a.value.value.map((s) => s.name)).toEqual(['seg s-a']);
    const b = await listSegments(db, 'local:b');
    expect(b.ok && b.value.value.map((s) => s.id)).toEqual(['s-b']);
  });

  it('says so when the workspace is not kept here', async () => {
    const db = openDb(`bk-${Math.random()}`);
    expect(await readBackupContent(db, 'local:nothing', { includeFiles: true })).toEqual({
      ok: false,
      problem: { code: 'backup.nothingKept' },
    });
  });

  it('rolls back a restore that runs out of storage halfway: the workspace in use is untouched', async () => {
    const db = openDb(`bk-${Math.random()}`);
    const id = await keptWorkspace(db, 'shop', csv);
    const content = await readBackupContent(db, id, { includeFiles: true });
    if (!content.ok) throw new Error(content.problem.code);
    await keptWorkspace(db, 'in use', 'u,t\nx,2024-01-01\n');
    const before = await snapshot(db);
    // The quota runs out after the old workspace was cleared and the new one written.
    vi.spyOn(db.reports, 'bulkPut').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    expect(await restoreBackupContent(db, content.value)).toEqual({ ok: false, problem: { code: 'backup.storageFull' } });
    vi.restoreAllMocks();
    expect(await snapshot(db)).toEqual(before);
  });
});
