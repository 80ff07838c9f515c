import { describe, expect, it, vi } from 'vitest';
import type { WorkspaceManifest } from '../../../src/ingest/manifest';
import type { Result } from '../../../src/schema/problem';
import { openDb } from '../../../src/store/db';
import { storageProblem } from '../../../src/store/storage-problem';
import { vaultKey } from '../../../src/store/vault';
import {
  keepAnswers,
  keptAnswersPath,
  readCurrentWorkspace,
  saveWorkspace,
  storedWorkspaces,
  wipeAll,
  type ReadBack,
} from '../../../src/store/workspaces';

const manifest: WorkspaceManifest = {
  format: 'strata.workspace',
  version: 1,
  name: 'w',
  timeZone: 'UTC',
  weekStart: 'monday',
  files: [{ role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'u', time: 't' } }],
};

function valueOf<T>(result: Result<ReadBack<T>>): T {
  if (!result.ok) throw new Error(result.problem.code);
  expect(result.value.skipped).toEqual([]);
  return result.value.value;
}

describe('saved workspaces (IndexedDB through Dexie)', () => {
  it('keeps the current workspace with its dropped files, and wipes everything', async () => {
    const db = openDb(`test-${Math.random()}`);
    expect(valueOf(await readCurrentWorkspace(db))).toBeNull();
    const saved = await saveWorkspace(db, { id: 'local:w', manifest }, new Map([['e.csv', new Blob(['u,t\na,2024-01-01\n'])]]));
    expect(saved).toEqual({ ok: true, value: undefined });
    const current = valueOf(await readCurrentWorkspace(db));
    expect(current?.workspace.manifest).toEqual(manifest);
    // (fake-indexeddb under jsdom does not keep Blob methods; Chromium does, see the e2e tests.)
    expect([...(current?.files.keys() ?? [])]).toEqual(['e.csv']);
    // Saving again replaces the files rather than accumulating them.
    await saveWorkspace(db, { id: 'local:w', manifest }, new Map([['e.csv', new Blob(['x'])]]));
    expect((await db.files.toArray()).length).toBe(1);
    expect(await wipeAll(db)).toEqual({ ok: true, value: undefined });
    expect(valueOf(await readCurrentWorkspace(db))).toBeNull();
    expect(await db.files.count()).toBe(0);
  });

  it('leaves a file read back from its record in place when the workspace is kept again, instead of writing its bytes again', async () => {
    const db = openDb(`test-${Math.random()}`);
    const first = new Map([
      ['e.csv', new Blob(['u,t\na,2024-01-01\n'])],
      ['old.csv', new Blob(['o'])],
    ]);
    await saveWorkspace(db, { id: 'local:w', manifest, generation: 'g-1' }, first);
    const kept = valueOf(await readCurrentWorkspace(db))?.files.get('e.csv');
    if (!kept) throw new Error('e.csv was not kept');
    const put = vi.spyOn(db.files, 'put');
    const files = new Map([
      ['e.csv', kept],
      ['u.csv', new Blob(['n'])],
    ]);
    expect(await saveWorkspace(db, { id: 'local:w', manifest, generation: 'g-2' }, files)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(put.mock.calls.map(([f]) => f.path)).toEqual(['u.csv']);
    expect((await db.files.toArray()).map((f) => f.key).sort()).toEqual(['local:w/e.csv', 'local:w/u.csv']);
    expect(valueOf(await readCurrentWorkspace(db))?.workspace.generation).toBe('g-2');
    // Kept under another workspace, the same Blob is written to that one's record.
    put.mockClear();
    await saveWorkspace(db, { id: 'local:x', manifest }, files);
    expect(put.mock.calls.map(([f]) => f.path).sort()).toEqual(['e.csv', 'u.csv']);
    expect((await db.files.toArray()).map((f) => f.key).sort()).toEqual(['local:x/e.csv', 'local:x/u.csv']);
  });

  it('keeps the answers of the workspace in use with its generation, never those of another, nor unsealed once encrypted', async () => {
    const db = openDb(`test-${Math.random()}`);
    await saveWorkspace(db, { id: 'local:w', manifest, generation: 'g-1' }, new Map([['e.csv', new Blob(['x'])]]));
    expect(await keepAnswers(db, 'local:other', new Blob(['{}']))).toEqual({ ok: true, value: false });
    expect(await keepAnswers(db, 'local:w', new Blob(['{}']))).toEqual({ ok: true, value: true });
    const current = valueOf(await readCurrentWorkspace(db));
    expect(current?.workspace.generation).toBe('g-1');
    expect([...(current?.files.keys() ?? [])].sort()).toEqual(['e.csv', keptAnswersPath]);
    // A save of new tables drops the answers given on the old ones.
    await saveWorkspace(db, { id: 'local:w', manifest, generation: 'g-2' }, new Map([['e.csv', new Blob(['x'])]]));
    expect((await db.files.toArray()).map((f) => f.path)).toEqual(['e.csv']);
    // Encryption turned on meanwhile: answers made in the clear are not written.
    await db.settings.put({ key: vaultKey, value: {} });
    expect(await keepAnswers(db, 'local:w', new Blob(['{}']))).toEqual({ ok: true, value: false });
    expect((await db.files.toArray()).map((f) => f.path)).toEqual(['e.csv']);
  });

  it('keeps only the workspace in use with its files, and lists what is stored with sizes', async () => {
    const db = openDb(`test-${Math.random()}`);
    await saveWorkspace(db, { id: 'local:a', manifest: { ...manifest, name: 'a' } }, new Map([['e.csv', new Blob(['12345'])]]));
    await saveWorkspace(
      db,
      { id: 'local:b', manifest: { ...manifest, name: 'b' } },
      new Map([['e.csv', new Blob(['1234567890'])]]),
    );
    const list = valueOf(await storedWorkspaces(db));
    expect(list.map((w) => [w.name, w.current, w.files])).toEqual([
      ['b', true, [{ path: 'e.csv', bytes: 10, encrypted: false }]],
    ]);
    await wipeAll(db);
    expect(valueOf(await storedWorkspaces(db))).toEqual([]);
  });

  it('lists a workspace with its name in each language when the manifest gives them', async () => {
    const db = openDb(`test-${Math.random()}`);
    const names = { zh: '演示：购物 App', en: 'Demo: shopping app' };
    await saveWorkspace(db, { id: 'local:d', manifest: { ...manifest, name: `${names.zh} / ${names.en}`, names } });
    const [listed] = valueOf(await storedWorkspaces(db));
    expect([listed?.name, listed?.names]).toEqual(['演示：购物 App / Demo: shopping app', names]);
    await saveWorkspace(db, { id: 'local:w', manifest });
    expect(valueOf(await storedWorkspaces(db))[0]).not.toHaveProperty('names');
  });

  it('returns a full quota as the problem storage.full instead of throwing', async () => {
    const db = openDb(`test-${Math.random()}`);
    vi.spyOn(db.workspaces, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const saved = await saveWorkspace(db, { id: 'local:w', manifest }, new Map([['e.csv', new Blob(['x'])]]));
    expect(saved).toEqual({ ok: false, problem: { code: 'storage.full' } });
    // The transaction was rolled back: nothing half-saved is left behind.
    expect(await db.files.count()).toBe(0);
  });

  it('skips a damaged record with a problem and still reads the rest', async () => {
    const db = openDb(`test-${Math.random()}`);
    await saveWorkspace(db, { id: 'local:w', manifest }, new Map([['e.csv', new Blob(['x'])]]));
    await db.files.put({ key: 'local:w/broken', workspaceId: 'local:w', path: 42 } as never);
    const read = await readCurrentWorkspace(db);
    expect(read.ok && read.value.skipped).toEqual([
      { code: 'storage.corruptRecord', vars: { table: 'files', key: 'local:w/broken' } },
    ]);
    expect(read.ok && [...(read.value.value?.files.keys() ?? [])]).toEqual(['e.csv']);

    await db.workspaces.put({ id: 'old', manifest: { format: 'strata.workspace', version: 0 }, updatedAt: 1 } as never);
    const listed = await storedWorkspaces(db);
    expect(listed.ok && listed.value.value.map((w) => w.id)).toEqual(['local:w']);
    expect(listed.ok && listed.value.skipped.map((p) => p.vars)).toEqual([
      { table: 'workspaces', key: 'old' },
      { table: 'files', key: 'local:w/broken' },
    ]);
  });

  it('names what an IndexedDB failure means: full, newer version, unavailable', () => {
    expect(storageProblem(new DOMException('', 'QuotaExceededError'))).toEqual({ code: 'storage.full' });
    // Dexie wraps the browser's error as its `inner`.
    expect(storageProblem({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toEqual({ code: 'storage.full' });
    expect(storageProblem({ name: 'OpenFailedError', inner: { name: 'VersionError' } })).toEqual({ code: 'storage.version' });
    expect(storageProblem({ name: 'DatabaseClosedError' })).toEqual({ code: 'storage.unavailable' });
    expect(storageProblem({ name: 'MissingAPIError' })).toEqual({ code: 'storage.unavailable' });
    expect(storageProblem(new Error('?'))).toEqual({ code: 'storage.failed', vars: { error: 'Error' } });
  });
});
