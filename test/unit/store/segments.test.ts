import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { SegmentRule } from '../../../src/analyses/segment-rule';
import { openDb, type SavedSegment } from '../../../src/store/db';
import { deleteSegment, listSegments, putSegment } from '../../../src/store/segments';
import { wipeAll } from '../../../src/store/workspaces';

const rule: SegmentRule = { kind: 'attribute', column: 'city', op: 'equals', values: ['<script>上海'], min: null, max: null };
const segment = (id: string, updatedAt: number): SavedSegment => ({
  id,
  workspaceId: 'local:w',
  name: `"${id}" 高价值`,
  description: '',
  definition: { rule },
  frozenAt: null,
  createdAt: 1,
  updatedAt,
});

describe('saved segments (issue 9)', () => {
  it('saves, lists newest first per workspace, deletes and wipes', async () => {
    const db = openDb(`seg-${Math.random()}`);
    expect(await putSegment(db, segment('a', 1))).toEqual({ ok: true, value: undefined });
    await putSegment(db, segment('b', 2));
    await putSegment(db, { ...segment('c', 3), workspaceId: 'other', definition: { ids: ['u1', 'u2'] }, frozenAt: 5 });
    const listed = await listSegments(db, 'local:w');
    expect(listed.ok && listed.value.value.map((s) => s.id)).toEqual(['b', 'a']);
    expect(listed.ok && listed.value.value[0]).toEqual(segment('b', 2));
    await deleteSegment(db, 'b');
    const after = await listSegments(db, 'local:w');
    expect(after.ok && after.value.value.map((s) => s.id)).toEqual(['a']);
    await wipeAll(db);
    const wiped = await listSegments(db, 'other');
    expect(wiped.ok && wiped.value.value).toEqual([]);
  });

  it('skips a damaged or older-version record with a visible problem and keeps the rest', async () => {
    const db = openDb(`seg-${Math.random()}`);
    await putSegment(db, segment('good', 1));
    await db.segments.put({ ...segment('bad-rule', 2), definition: { rule: { kind: 'nope' } } } as unknown as SavedSegment);
    await db.segments.put({ id: 'old', workspaceId: 'local:w', rule: 'v0 text' } as unknown as SavedSegment);
    const listed = await listSegments(db, 'local:w');
    expect(listed.ok && listed.value.value.map((s) => s.id)).toEqual(['good']);
    expect(listed.ok && listed.value.skipped).toEqual([
      { code: 'storage.corruptRecord', vars: { table: 'segments', key: 'bad-rule' } },
      { code: 'storage.corruptRecord', vars: { table: 'segments', key: 'old' } },
    ]);
  });

  it('migrates a version-1 database: workspaces and files stay, segments are added', async () => {
    const name = `mig-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ workspaces: 'id, updatedAt', files: 'key, workspaceId', settings: 'key' });
    await v1.table('settings').put({ key: 'currentWorkspace', value: 'local:w' });
    v1.close();
    const db = openDb(name);
    expect(await db.settings.get('currentWorkspace')).toEqual({ key: 'currentWorkspace', value: 'local:w' });
    expect(db.verno).toBe(3);
    expect(await putSegment(db, segment('a', 1))).toEqual({ ok: true, value: undefined });
  });
});
