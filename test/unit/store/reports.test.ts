import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb, type SavedReport } from '../../../src/store/db';
import { portableManifest } from '../../../src/store/portable-workspace';
import { deleteReport, importManifestReports, listReports, putReport } from '../../../src/store/reports';
import { wipeAll } from '../../../src/store/workspaces';
import type { WorkspaceManifest } from '../../../src/ingest/manifest';

const report = (id: string, updatedAt: number): SavedReport => ({
  id,
  workspaceId: 'local:w',
  title: `"${id}" <script>周报</script>`,
  items: [
    { id: 'i1', type: 'panel', route: '#/retention?grain=month&segment=seg-1', panel: 'panel-retention', title: '留存' },
    { id: 'i2', type: 'note', text: '**bold** \u202Ertl' },
  ],
  createdAt: 1,
  updatedAt,
});

describe('saved reports (issue 11)', () => {
  it('saves, lists newest first per workspace, deletes and wipes', async () => {
    const db = openDb(`rep-${Math.random()}`);
    expect(await putReport(db, report('a', 1))).toEqual({ ok: true, value: undefined });
    await putReport(db, report('b', 2));
    await putReport(db, { ...report('c', 3), workspaceId: 'other' });
    const listed = await listReports(db, 'local:w');
    expect(listed.ok && listed.value.value.map((r) => r.id)).toEqual(['b', 'a']);
    expect(listed.ok && listed.value.value[0]).toEqual(report('b', 2));
    await deleteReport(db, 'b');
    const after = await listReports(db, 'local:w');
    expect(after.ok && after.value.value.map((r) => r.id)).toEqual(['a']);
    await wipeAll(db);
    const wiped = await listReports(db, 'other');
    expect(wiped.ok && wiped.value.value).toEqual([]);
  });

  it('skips a damaged record, and one whose item points outside the app, with a visible problem', async () => {
    const db = openDb(`rep-${Math.random()}`);
    await putReport(db, report('good', 1));
    await db.reports.put({ ...report('bad', 2), items: [{ id: 'x', type: 'panel' }] } as unknown as SavedReport);
    const outside = report('outside', 3);
    await db.reports.put({ ...outside, items: [{ ...outside.items[0]!, route: 'https://example.com/' }] } as SavedReport);
    const listed = await listReports(db, 'local:w');
    expect(listed.ok && listed.value.value.map((r) => r.id)).toEqual(['good']);
    expect(listed.ok && listed.value.skipped.map((p) => p.vars?.key)).toEqual(['bad', 'outside']);
  });

  it('migrates a version-2 database: segments stay, reports are added', async () => {
    const name = `mig-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores({ workspaces: 'id, updatedAt', files: 'key, workspaceId', settings: 'key' });
    v2.version(2).stores({ segments: 'id, workspaceId, updatedAt' });
    await v2.table('segments').put({ id: 's', workspaceId: 'local:w' });
    v2.close();
    const db = openDb(name);
    expect(db.verno).toBe(3);
    expect(await db.segments.get('s')).toEqual({ id: 's', workspaceId: 'local:w' });
    expect(await putReport(db, report('a', 1))).toEqual({ ok: true, value: undefined });
  });

  it('travels in the workspace manifest and is kept once where the manifest is opened', async () => {
    const manifest = { format: 'strata.workspace', version: 1, name: 'w', timeZone: 'UTC', weekStart: 'monday', files: [] };
    const portable = portableManifest(manifest as unknown as WorkspaceManifest, [], {
      includeSalt: false,
      reports: [report('a', 1)],
    });
    expect(portable.reports).toEqual([{ id: 'a', title: report('a', 1).title, items: report('a', 1).items }]);
    const db = openDb(`rep-${Math.random()}`);
    const records = [...JSON.parse(JSON.stringify(portable.reports)), { id: 'broken', title: 'Broken', items: 'no' }];
    const first = await importManifestReports(db, 'local:w', records, 10);
    expect(first).toEqual({
      ok: true,
      value: { added: 1, skipped: [{ code: 'manifest.badReport', vars: { title: 'Broken' } }] },
    });
    const again = await importManifestReports(db, 'local:w', records, 11);
    expect(again.ok && again.value.added).toBe(0);
    const listed = await listReports(db, 'local:w');
    expect(listed.ok && listed.value.value).toEqual([{ ...report('a', 1), createdAt: 10, updatedAt: 10 }]);
  });
});
