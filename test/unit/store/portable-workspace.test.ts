import { describe, expect, it } from 'vitest';
import { validateManifest, type WorkspaceManifest } from '../../../src/ingest/manifest';
import { openDb, type SavedSegment } from '../../../src/store/db';
import { portableManifest } from '../../../src/store/portable-workspace';
import { importManifestSegments, listSegments } from '../../../src/store/segments';

const manifest: WorkspaceManifest = {
  format: 'strata.workspace',
  version: 1,
  name: 'w',
  timeZone: 'UTC',
  weekStart: 'monday',
  files: [{ role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'u', time: 't' } }],
  pseudonymise: { salt: 'a-salt-of-sixteen-chars' },
};
const segment: SavedSegment = {
  id: 'seg-1',
  workspaceId: 'local:w',
  name: '高价值 <b>',
  description: 'd',
  definition: { rule: { kind: 'seen', which: 'last', op: 'within', date: null, days: 7 } },
  frozenAt: null,
  createdAt: 1,
  updatedAt: 2,
};

describe('a workspace manifest that travels (issues 9 and 14)', () => {
  it('carries the segments and leaves the salt out unless asked', () => {
    const out = portableManifest(manifest, [segment], { includeSalt: false });
    expect(out.pseudonymise).toBeUndefined();
    expect(out.segments).toEqual([
      { id: 'seg-1', name: '高价值 <b>', description: 'd', definition: segment.definition, frozenAt: null },
    ]);
    expect(portableManifest(manifest, [], { includeSalt: true }).pseudonymise).toEqual(manifest.pseudonymise);
    // What is exported opens again.
    expect(validateManifest(JSON.parse(JSON.stringify(out))).ok).toBe(true);
  });

  it('brings its segments to another device: new ones kept, known ones left, damaged ones named', async () => {
    const db = openDb(`port-${Math.random()}`);
    const travelled = portableManifest(manifest, [segment], { includeSalt: false }).segments ?? [];
    const records = [
      ...travelled,
      { id: 'bad', name: '坏的', description: '', definition: { rule: { kind: 'x' } }, frozenAt: null },
    ];
    const first = await importManifestSegments(db, 'local:w', records, 100);
    expect(first).toEqual({ ok: true, value: { added: 1, skipped: [{ code: 'manifest.badSegment', vars: { name: '坏的' } }] } });
    const again = await importManifestSegments(db, 'local:w', travelled, 200);
    expect(again.ok && again.value.added).toBe(0);
    const listed = await listSegments(db, 'local:w');
    expect(listed.ok && listed.value.value.map((s) => [s.id, s.name, s.createdAt])).toEqual([['seg-1', '高价值 <b>', 100]]);
  });

  it('refuses segments that are not a list', () => {
    expect(validateManifest({ ...manifest, segments: 'x' })).toEqual({
      ok: false,
      problem: { code: 'manifest.badSegments', vars: { max: 1000 } },
    });
  });
});
