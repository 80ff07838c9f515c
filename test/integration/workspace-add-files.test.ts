import { describe, expect, it } from 'vitest';
import { previewTabular } from '../../src/engine/tabular';
import type { WorkspaceInfo } from '../../src/engine/workspace-info';
import { draftFile } from '../../src/ingest/draft-file';
import type { FileSpec, WorkspaceManifest } from '../../src/ingest/manifest';
import { addToManifest, removeFromManifest } from '../../src/ingest/workspace-merge';
import { seededRandom } from '../helpers/seeded-random';
import { bytes, createWasmEngine, expectOk } from '../helpers/wasm-engine';

interface Row {
  user: string;
  time: string;
  event: string;
}

/** `n` events of users `from`..`to` over the 7 days from `start` (UTC). */
function eventRows(seed: number, n: number, from: number, to: number, start: string): Row[] {
  const random = seededRandom(seed);
  const names = ['view', 'add_to_cart', 'purchase'];
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, () => ({
    user: `u${from + Math.floor(random() * (to - from + 1))}`,
    time: new Date(t0 + Math.floor(random() * 7 * 86_400) * 1000).toISOString().slice(0, 19).replace('T', ' '),
    event: names[Math.floor(random() * names.length)]!,
  }));
}

const encode = (text: string) => new TextEncoder().encode(text);

// Week 2 is another export: its columns come in another order and it has one more.
const week1 = eventRows(1, 400, 1, 60, '2026-11-16');
const week2 = eventRows(2, 500, 40, 110, '2026-11-23');
const week1Csv = encode(['user_id,event_time,event_name', ...week1.map((r) => `${r.user},${r.time},${r.event}`)].join('\n'));
const week2Csv = encode(
  [
    'event_name,channel,event_time,user_id',
    ...week2.map((r, i) => `${r.event},${i % 2 ? 'app' : 'web'},${r.time},${r.user}`),
  ].join('\n'),
);
const signups = [...Array.from({ length: 30 }, (_, i) => `u${i + 1}`), ...Array.from({ length: 20 }, (_, i) => `u${200 + i}`)];
const usersCsv = encode(
  ['user_id,signup_time', ...signups.map((u, i) => `${u},2026-10-${String(1 + (i % 28)).padStart(2, '0')} 08:00:00`)].join('\n'),
);

/** Sniffs a file as a drop does: its spec, as the import preview would load it unchanged. */
async function specOf(name: string, content: Uint8Array): Promise<FileSpec> {
  const draft = await draftFile(new File([content as BlobPart], name), previewTabular);
  if (!draft.ok) throw new Error(draft.problem.code);
  return draft.value.spec;
}

/** A workspace of dropped files as the Data page names it. */
const workspaceOf = (name: string, files: FileSpec[]): WorkspaceManifest => ({
  format: 'strata.workspace',
  version: 1,
  name,
  timeZone: 'UTC',
  weekStart: 'monday',
  files,
});

function merged(current: WorkspaceManifest, added: FileSpec[]) {
  const r = addToManifest(current, added);
  if (!r.ok) throw new Error(r.problem.code);
  return r.value;
}

const distinct = (...lists: string[][]) => new Set(lists.flat()).size;

async function load(manifest: WorkspaceManifest, files: Record<string, Uint8Array>): Promise<WorkspaceInfo> {
  const engine = await createWasmEngine();
  return expectOk(
    await engine.loadWorkspace('l', manifest, new Map(Object.entries(files).map(([path, content]) => [path, bytes(content)]))),
  );
}

describe('adding files to the loaded workspace (issue 12, workspaces over time)', () => {
  it('adds a second export named like the first under a unique path, unioned by column name', async () => {
    const planned = workspaceOf('events.csv', [await specOf('events.csv', week1Csv)]);
    const before = await load(planned, { 'events.csv': week1Csv });
    expect([before.events, before.users]).toEqual([week1.length, distinct(week1.map((r) => r.user))]);

    const second = await specOf('events.csv', week2Csv);
    const { manifest, addedPaths, renamed } = merged(planned, [second]);
    expect(addedPaths).toEqual(['events (2).csv']);
    expect(renamed).toEqual([{ from: 'events.csv', to: 'events (2).csv' }]);
    expect(manifest.name).toBe(planned.name);
    const after = await load(manifest, { 'events.csv': week1Csv, 'events (2).csv': week2Csv });
    // Independent: every row of both files is one event; users are the distinct ids of both.
    expect(after.events).toBe(week1.length + week2.length);
    expect(after.users).toBe(
      distinct(
        week1.map((r) => r.user),
        week2.map((r) => r.user),
      ),
    );
    expect(after.files.map((f) => [f.path, f.rowsLoaded])).toEqual([
      ['events.csv', 400],
      ['events (2).csv', 500],
    ]);
    expect(new Date(after.firstDay!).toISOString().slice(0, 10)).toBe('2026-11-16');
    expect(new Date(after.lastDay!).toISOString().slice(0, 10)).toBe('2026-11-29');
    expect(after.eventColumns).toContain('channel');

    // Removing the first export leaves what the second alone holds.
    const removed = removeFromManifest(manifest, 'events.csv');
    if (!removed.ok) throw new Error(removed.problem.code);
    const back = await load(removed.value, { 'events (2).csv': week2Csv });
    expect([back.events, back.users]).toEqual([week2.length, distinct(week2.map((r) => r.user))]);
  }, 120_000);

  it('adds a users file to events already loaded: users with no events are counted, events are not changed', async () => {
    const current = workspaceOf('week1.csv', [await specOf('week1.csv', week1Csv)]);
    const users = await specOf('users.csv', usersCsv);
    expect(users.role).toBe('users');
    const { manifest, addedPaths } = merged(current, [users]);
    expect(addedPaths).toEqual(['users.csv']);
    const after = await load(manifest, { 'week1.csv': week1Csv, 'users.csv': usersCsv });
    expect(after.events).toBe(week1.length);
    expect(after.users).toBe(
      distinct(
        week1.map((r) => r.user),
        signups,
      ),
    );
    expect(after.users).toBeGreaterThan(distinct(week1.map((r) => r.user)));
    expect(after.files.map((f) => [f.path, f.role, f.rowsLoaded])).toEqual([
      ['week1.csv', 'events', 400],
      ['users.csv', 'users', 50],
    ]);
  }, 120_000);
});
