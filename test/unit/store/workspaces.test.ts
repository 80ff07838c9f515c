import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/store/db';
import { currentWorkspace, saveWorkspace, storedWorkspaces, wipeAll } from '../../../src/store/workspaces';
import type { WorkspaceManifest } from '../../../src/ingest/manifest';

const manifest: WorkspaceManifest = {
  format: 'strata.workspace',
  version: 1,
  name: 'w',
  timeZone: 'UTC',
  weekStart: 'monday',
  files: [{ role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'u', time: 't' } }],
};

describe('saved workspaces (IndexedDB through Dexie)', () => {
  it('keeps the current workspace with its dropped files, and wipes everything', async () => {
    const db = openDb(`test-${Math.random()}`);
    expect(await currentWorkspace(db)).toBeNull();
    await saveWorkspace(db, { id: 'local:w', manifest }, new Map([['e.csv', new Blob(['u,t\na,2024-01-01\n'])]]));
    const saved = await currentWorkspace(db);
    expect(saved?.workspace.manifest).toEqual(manifest);
    // (fake-indexeddb under jsdom does not keep Blob methods; Chromium does, see the e2e tests.)
    expect([...(saved?.files.keys() ?? [])]).toEqual(['e.csv']);
    // Saving again replaces the files rather than accumulating them.
    await saveWorkspace(db, { id: 'local:w', manifest }, new Map([['e.csv', new Blob(['x'])]]));
    expect((await db.files.toArray()).length).toBe(1);
    await wipeAll(db);
    expect(await currentWorkspace(db)).toBeNull();
    expect(await db.files.count()).toBe(0);
  });

  it('keeps only the workspace in use with its files, and lists what is stored with sizes', async () => {
    const db = openDb(`test-${Math.random()}`);
    await saveWorkspace(db, { id: 'local:a', manifest: { ...manifest, name: 'a' } }, new Map([['e.csv', new Blob(['12345'])]]));
    await saveWorkspace(
      db,
      { id: 'local:b', manifest: { ...manifest, name: 'b' } },
      new Map([['e.csv', new Blob(['1234567890'])]]),
    );
    const list = await storedWorkspaces(db);
    expect(list.map((w) => [w.name, w.current, w.files])).toEqual([['b', true, [{ path: 'e.csv', bytes: 10 }]]]);
    await wipeAll(db);
    expect(await storedWorkspaces(db)).toEqual([]);
  });
});
