// Issue 13: a date range that cuts nothing from the data reuses the answers the workspace already
// gave (a preset ending on the last day); one that does cut, or a segment's window, still counts.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';
import { seededRandom } from '../helpers/seeded-random';

interface Event {
  user: string;
  day: string;
  event: string;
}

const dayMs = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
const events: Event[] = (() => {
  const next = seededRandom(31);
  const out: Event[] = [];
  for (let u = 0; u < 50; u++) {
    for (let d = Math.floor(next() * 40); d < 60; d++) {
      if (next() < 0.3) out.push({ user: `u${u}`, day: addDays('2024-03-01', d), event: next() < 0.5 ? 'open' : 'buy' });
    }
  }
  return out;
})();
const lastDay = events
  .map((e) => e.day)
  .sort()
  .at(-1)!;
const firstDay = events.map((e) => e.day).sort()[0]!;
const from = addDays(lastDay, -29);
const lateSignup = addDays(lastDay, 5);

const eventsCsv = ['uid,time,name', ...events.map((e) => `${e.user},${e.day} 12:00:00,${e.event}`)].join('\n');
const usersCsv = `uid,signup\nlate,${lateSignup} 09:00:00\n`;

/** Active users on `day` over the `days` days ending on it, from the events. */
const active = (day: string, days: number) =>
  new Set(events.filter((e) => e.day <= day && e.day > addDays(day, -days)).map((e) => e.user)).size;

const openedInLastWeek = {
  kind: 'event',
  event: 'open',
  did: true,
  count: 'at-least',
  n: 1,
  measure: 'times',
  window: { kind: 'last', days: 7 },
  universe: 'all',
} as const;

describe('a date range that cuts nothing', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createWasmEngine();
    const manifest = manifestOf('reuse', 'UTC', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name' } },
      { role: 'users', path: 'u.csv', format: 'csv', columns: { userId: 'uid', signupTime: 'signup' } },
    ]);
    expectOk(
      await engine.loadWorkspace(
        'l',
        manifest,
        new Map([
          ['e.csv', bytes(eventsCsv)],
          ['u.csv', bytes(usersCsv)],
        ]),
      ),
    );
  });

  it('ending on the last day of the data (a signup here), gives DAU and MAU from the answer already computed, from its start', async () => {
    const spec = { mauWindow: 30, coreEvents: [] } as const;
    const all = expectOk(await engine.run('q', { kind: 'active-users', spec }));
    const ranged = expectOk(await engine.run('q', { kind: 'active-users', spec, from, to: lateSignup }));
    expect(ranged.statements[0]).toBe('-- the answer of an earlier run of the same request, on the same data');
    const days = Array.from({ length: 30 }, (_, i) => addDays(from, i));
    expect(ranged.rows.map((r) => ({ day: r.day, dau: Number(r.dau), mau: Number(r.mau) }))).toEqual(
      days.map((day) => ({ day: Date.parse(`${day}T00:00:00Z`), dau: active(day, 1), mau: active(day, 30) })),
    );
    expect(ranged.rows).toEqual(all.rows.filter((r) => Number(r.day) >= Date.parse(`${from}T00:00:00Z`)));
  });

  it('starting on or before the first day counts every event, as no range does', async () => {
    const ranged = expectOk(await engine.run('q', { kind: 'top-events', spec: { limit: 5 }, from: firstDay, to: lateSignup }));
    const expected = ['buy', 'open']
      .map((event) => {
        const of = events.filter((e) => e.event === event);
        return { event, events: of.length, users: new Set(of.map((e) => e.user)).size };
      })
      .sort((a, b) => b.events - a.events);
    expect(ranged.rows.map((r) => ({ event: r.event, events: Number(r.events), users: Number(r.users) }))).toEqual(expected);
    expect(ranged.sql).not.toContain('WHERE day');
  });

  it('ending on the last event day, still cuts a signup after it', async () => {
    const count = (rows: readonly Record<string, unknown>[]) => rows.reduce((n, r) => n + Number(r.new_users), 0);
    const spec = { grain: 'day', weekStart: 'monday' } as const;
    const all = expectOk(await engine.run('q', { kind: 'new-users', spec }));
    const ranged = expectOk(await engine.run('q', { kind: 'new-users', spec, to: lastDay }));
    const users = new Set(events.map((e) => e.user)).size;
    expect(count(all.rows)).toBe(users + 1);
    expect(count(ranged.rows)).toBe(users);
  });

  it('keeps a segment\'s window counting back from an "as of" after the last day', async () => {
    const segment = { rule: openedInLastWeek };
    const openers = new Set(events.filter((e) => e.event === 'open' && e.day > addDays(lastDay, -7)).map((e) => e.user));
    const atLast = expectOk(
      await engine.run('q', { kind: 'active-users', spec: { mauWindow: 30, coreEvents: [] }, segment, asOf: lastDay }),
    );
    expect(Number(atLast.rows.at(-1)!.mau)).toBe(openers.size);
    const later = expectOk(
      await engine.run('q', {
        kind: 'active-users',
        spec: { mauWindow: 30, coreEvents: [] },
        segment,
        asOf: addDays(lastDay, 10),
      }),
    );
    expect(later.rows).toEqual([]);
  });

  it('answers a new workspace from its own data', async () => {
    const spec = { limit: 5 } as const;
    const before = expectOk(await engine.run('q', { kind: 'top-events', spec }));
    const manifest = manifestOf('other', 'UTC', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name' } },
    ]);
    expectOk(
      await engine.loadWorkspace('l2', manifest, new Map([['e.csv', bytes('uid,time,name\na,2024-03-01 10:00:00,open\n')]])),
    );
    const after = expectOk(await engine.run('q', { kind: 'top-events', spec }));
    expect(before.rows.length).toBe(2);
    expect(after.rows.map((r) => [r.event, Number(r.events), Number(r.users)])).toEqual([['open', 1, 1]]);
    expect(after.statements[0]).not.toContain('earlier run');
  });
});
