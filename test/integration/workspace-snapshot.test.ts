// Issue 12: a workspace reopens from a snapshot of its tables (an Arrow stream per table) instead
// of importing its files again. Opened in a fresh engine, as a reload would, every table and every
// analysis gives what the import gave; a snapshot of another manifest, another version, or a
// damaged one is refused with a problem and leaves the workspace in place untouched.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisRequest } from '../../src/analyses/request';
import type { FileSource } from '../../src/engine/duckdb-session';
import { DuckDBSession } from '../../src/engine/duckdb-session';
import type { Engine } from '../../src/engine/engine';
import { streamChunks } from '../../src/engine/snapshot-restore';
import { snapshotVersion } from '../../src/engine/workspace-snapshot';
import { createWasmBindings, createWasmEngine, bytes, expectOk, manifestOf } from '../helpers/wasm-engine';
import { seededRandom } from '../helpers/seeded-random';

const engineOf = () => createWasmEngine();
const blob = (b: Blob): FileSource => ({ kind: 'file', file: b });

// Events around midnight UTC in Europe/London across the 2024 summer-time switch, with a column
// of the file's own (country) and an identity map, so that the views over the stages, the
// per-user-per-day tables and the identity join all have to come back as they were.
const names = ['open', 'view', 'buy'];
const eventsCsv = (() => {
  const next = seededRandom(7);
  const lines = ['uid,time,name,country,price'];
  for (let u = 0; u < 40; u++) {
    const start = Math.floor(next() * 30);
    for (let d = start; d < 60; d++) {
      if (next() < 0.4) {
        const name = names[Math.floor(next() * 3)]!;
        const hour = next() < 0.5 ? 23 : 0;
        const t = new Date(Date.UTC(2024, 2, 1 + d, hour, Math.floor(next() * 60))).toISOString().replace('.000Z', 'Z');
        const id = u < 5 && d < start + 3 ? `anon${u}` : `u${u}`;
        lines.push(`${id},${t},${name},${next() < 0.5 ? 'GB' : 'FR'},${name === 'buy' ? Math.round(next() * 1000) / 10 : ''}`);
      }
    }
  }
  return lines.join('\n');
})();
const usersCsv = ['uid,plan', ...Array.from({ length: 45 }, (_, u) => `u${u},${u % 3 === 0 ? 'pro' : 'free'}`)].join('\n');
const identityCsv = ['anon,uid', ...Array.from({ length: 5 }, (_, u) => `anon${u},u${u}`)].join('\n');

const manifest = manifestOf('snapshot', 'Europe/London', [
  { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name', amount: 'price' } },
  { role: 'users', path: 'u.csv', format: 'csv', columns: { userId: 'uid' } },
  { role: 'identity', path: 'i.csv', format: 'csv', columns: { anonymousId: 'anon', userId: 'uid' } },
]);
const files = () =>
  new Map([
    ['e.csv', bytes(eventsCsv)],
    ['u.csv', bytes(usersCsv)],
    ['i.csv', bytes(identityCsv)],
  ]);

const requests: AnalysisRequest[] = [
  { kind: 'summary', spec: {} },
  { kind: 'active-users', spec: { mauWindow: 30, coreEvents: [] } },
  { kind: 'revenue', spec: { grain: 'week', weekStart: 'monday' } },
  { kind: 'top-events', spec: { limit: 5 } },
  {
    kind: 'retention',
    spec: {
      startEvent: null,
      returnEvent: null,
      cohortType: 'first-time',
      cohortBy: 'first-event',
      grain: 'week',
      weekStart: 'monday',
      periodMode: 'calendar',
      measure: 'on',
      periods: 4,
      brackets: [],
      breakdown: null,
    },
  },
  { kind: 'lifecycle', spec: { grain: 'week', weekStart: 'monday', coreEvents: [] } },
  {
    kind: 'summary',
    spec: {},
    filters: [{ on: 'event', column: 'country', op: 'equals', values: ['FR'], min: null, max: null }],
  },
  {
    kind: 'stickiness',
    spec: { grain: 'week', weekStart: 'monday', coreEvents: [], span: null },
    filters: [{ on: 'user', column: 'plan', op: 'equals', values: ['pro'], min: null, max: null }],
  },
];

/** Every table and view an analysis may read, in a stable order. */
async function tables(engine: Engine) {
  const q = async (text: string) => expectOk(await engine.sql(text)).map((r) => JSON.stringify(r, (_, v: unknown) => v));
  return {
    events: await q('SELECT user_id, CAST(ts AS VARCHAR) AS ts, event, amount, country FROM events ORDER BY ALL'),
    wall: await q('SELECT user_id, CAST(local_ts AS VARCHAR) AS t, event FROM events_wall_time ORDER BY ALL'),
    users: await q('SELECT user_id, CAST(created_at AS VARCHAR) AS c, plan FROM users ORDER BY ALL'),
    userDayEvent: await q('SELECT user_id, CAST(day AS VARCHAR) d, event, n, amount FROM user_day_event ORDER BY ALL'),
    activity: await q('SELECT user_id, CAST(day AS VARCHAR) d, n, CAST(prev_day AS VARCHAR) p FROM activity ORDER BY ALL'),
    totals: await q('SELECT * FROM event_totals ORDER BY ALL'),
  };
}

async function results(engine: Engine) {
  const out = [];
  for (const request of requests) out.push(expectOk(await engine.run('q', request)).rows);
  return out;
}

describe('issue 12: reopen from a snapshot of the tables', () => {
  let loaded: Engine;
  let snapshot: Blob;
  beforeAll(async () => {
    loaded = await engineOf();
    expectOk(await loaded.loadWorkspace('l', manifest, files()));
    snapshot = expectOk(await loaded.exportSnapshot('s'));
  });

  it('opens in a fresh engine with the same tables, analyses and facts as the import', async () => {
    const reopened = await engineOf();
    const info = expectOk(await reopened.openSnapshot('o', manifest, blob(snapshot)));
    const { loadMs: _a, ...imported } = loaded.workspace!;
    const { loadMs: _b, openedMs, ...opened } = info;
    expect(opened).toEqual(imported);
    expect(openedMs).toBeGreaterThanOrEqual(0);
    // The identity map moved anon0..4's events to u0..4; the snapshot keeps that.
    const [moved] = expectOk(await reopened.sql("SELECT count(*) AS n FROM events WHERE user_id LIKE 'anon%'"));
    expect(Number(moved!.n)).toBe(0);
    expect(await tables(reopened)).toEqual(await tables(loaded));
    expect(await results(reopened)).toEqual(await results(loaded));
  });

  it('refuses a snapshot of another manifest, or a damaged one, and keeps the workspace in place', async () => {
    const engine = await engineOf();
    expectOk(await engine.openSnapshot('o', manifest, blob(snapshot)));
    const before = await results(engine);

    const otherZone = { ...manifest, timeZone: 'Asia/Shanghai' };
    const other = await engine.openSnapshot('o2', otherZone, blob(snapshot));
    expect(other.ok ? null : other.error.code).toBe('snapshot.otherManifest');

    const truncated = await engine.openSnapshot('o3', manifest, blob(snapshot.slice(0, Math.floor(snapshot.size / 2))));
    expect(truncated.ok ? null : truncated.error.code).toBe('snapshot.damaged');

    const noise = new Uint8Array(64 * 1024).map((_, i) => (i * 7919) % 251);
    const garbage = await engine.openSnapshot('o4', manifest, bytes(noise));
    expect(garbage.ok ? null : garbage.error.code).toBe('snapshot.damaged');

    // The header intact, a table's stream overwritten: refused when that table is restored.
    const whole = new Uint8Array(await snapshot.arrayBuffer());
    const spoiled = whole.slice();
    spoiled.fill(0x41, whole.length - 2000, whole.length - 1000);
    const broken = await engine.openSnapshot('o5', manifest, bytes(spoiled));
    expect(broken.ok ? null : broken.error.code).toBe('snapshot.damaged');

    // A snapshot written by another version of the app: the same bytes, the header's version changed.
    const older = whole.slice();
    const at = new TextDecoder('latin1').decode(whole.subarray(0, 64)).indexOf(`"version":${snapshotVersion}`);
    expect(at).toBeGreaterThan(0);
    older[at + '"version":'.length] = String((snapshotVersion + 1) % 10).charCodeAt(0);
    const stale = await engine.openSnapshot('o6', manifest, bytes(older));
    expect(stale.ok ? null : stale.error.code).toBe('snapshot.otherVersion');

    expect(await results(engine)).toEqual(before);
  });

  it('changes the zone of a workspace opened from a snapshot as of one imported', async () => {
    const engine = await engineOf();
    expectOk(await engine.openSnapshot('o', manifest, blob(snapshot)));
    expectOk(await engine.rezone('z', 'Asia/Shanghai'));
    const fresh = await engineOf();
    const shanghai = { ...manifest, timeZone: 'Asia/Shanghai' };
    expectOk(await fresh.loadWorkspace('l', shanghai, files()));
    expect(await tables(engine)).toEqual(await tables(fresh));
    // Kept again after the change, it is a snapshot of the workspace in its new zone.
    const kept = expectOk(await engine.exportSnapshot('s'));
    const reopened = await engineOf();
    const info = expectOk(await reopened.openSnapshot('o', shanghai, blob(kept)));
    expect([info.timeZone, info.rezonedMs]).toEqual(['Asia/Shanghai', undefined]);
    expect(await tables(reopened)).toEqual(await tables(fresh));
  });

  it('restores a workspace stored compressed the same way', async () => {
    const compressed = await createWasmEngine({ compressAboveBytes: 0 });
    expectOk(await compressed.loadWorkspace('l', manifest, files()));
    const kept = expectOk(await compressed.exportSnapshot('s'));
    const reopened = await createWasmEngine();
    expectOk(await reopened.openSnapshot('o', manifest, blob(kept)));
    expect(await tables(reopened)).toEqual(await tables(loaded));
    expect(await results(reopened)).toEqual(await results(loaded));
  });

  it('restores a table of many record batches a few at a time, to the same rows', async () => {
    const db = await createWasmBindings();
    const session = DuckDBSession.open(db);
    await session.query(
      `CREATE TABLE t AS SELECT range AS i, 'u' || (range % 997) AS u, range / 7.0 AS x, DATE '2024-01-01' + CAST(range % 300 AS INTEGER) AS d FROM range(300000)`,
    );
    const stream = await session.arrowStream('SELECT * FROM t');
    const whole = new Uint8Array(stream.reduce((n, p) => n + p.length, 0));
    stream.reduce((at, p) => (whole.set(p, at), at + p.length), 0);
    const chunks = streamChunks(
      whole,
      stream.map((p) => p.length),
      1,
    );
    // One batch a chunk: as many chunks as the result had batches.
    expect(chunks.length).toBe(stream.length - 2);
    expect(chunks.length).toBeGreaterThan(1);
    await session.query('CREATE SCHEMA r');
    for (const [i, chunk] of chunks.entries()) await session.insertArrowStream('r', 't', chunk, i > 0);
    const digest = async (table: string) =>
      (await session.query(`SELECT count(*) AS n, sum(hash(i, u, x, d)) AS h FROM ${table}`)).map((r) => JSON.stringify(r));
    expect(await digest('r.t')).toEqual(await digest('t'));
  });
});
