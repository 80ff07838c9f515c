// Issue 13: a date range (from..to, inclusive local days) narrows every analysis through the
// request envelope; checked against plain computation over the generated events.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';
import { seededRandom } from '../helpers/seeded-random';

interface Event {
  user: string;
  utc: Date;
  event: string;
}

const names = ['open', 'view', 'buy'];
const generated: Event[] = (() => {
  const next = seededRandom(7);
  const out: Event[] = [];
  for (let u = 0; u < 60; u++) {
    const start = Math.floor(next() * 50);
    for (let d = start; d < 70; d++) {
      if (next() < 0.35) {
        const hour = Math.floor(next() * 24);
        out.push({ user: `u${u}`, utc: new Date(Date.UTC(2024, 2, 1 + d, hour, 15)), event: names[Math.floor(next() * 3)]! });
      }
    }
  }
  return out;
})();

const csv = [
  'uid,time,name',
  ...generated.map((e) => `${e.user},${e.utc.toISOString().replace('T', ' ').slice(0, 19)},${e.event}`),
].join('\n');
/** Times without an offset are wall-clock times in the workspace's zone (DATA.md): the day is as written. */
const localDay = (e: Event) => e.utc.toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const addDays = (iso: string, n: number) => new Date(dayMs(iso) + n * 86_400_000).toISOString().slice(0, 10);

const from = '2024-04-01';
const to = '2024-04-20';

describe('a date range on every analysis', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createWasmEngine();
    const manifest = manifestOf('range', 'Asia/Shanghai', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name' } },
    ]);
    expectOk(await engine.loadWorkspace('l', manifest, new Map([['e.csv', bytes(csv)]])));
  });

  it('DAU and MAU for the days in the range; MAU at the range start still counts the 30 days before it', async () => {
    const result = expectOk(await engine.run('q', { kind: 'active-users', spec: { mauWindow: 30, coreEvents: [] }, from, to }));
    const expected = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      const active = (lo: string) =>
        new Set(generated.filter((e) => localDay(e) >= lo && localDay(e) <= day).map((e) => e.user)).size;
      expected.push({ day: dayMs(day), dau: active(day), mau: active(addDays(day, -29)) });
    }
    expect(result.rows.map((r) => ({ day: r.day, dau: Number(r.dau), mau: Number(r.mau) }))).toEqual(expected);
    expect(result.sql).toContain(`WHERE day <= CAST('${to}' AS DATE)`);
  });

  it('top events count only the events inside the range', async () => {
    const result = expectOk(await engine.run('q', { kind: 'top-events', spec: { limit: 10 }, from, to }));
    const inside = generated.filter((e) => localDay(e) >= from && localDay(e) <= to);
    const expected = names
      .map((event) => {
        const of = inside.filter((e) => e.event === event);
        return { event, events: of.length, users: new Set(of.map((e) => e.user)).size };
      })
      .sort((a, b) => b.events - a.events || a.event.localeCompare(b.event));
    expect(result.rows.map((r) => ({ event: r.event, events: Number(r.events), users: Number(r.users) }))).toEqual(expected);
  });

  it('daily new users inside the range: users whose first active day falls in it', async () => {
    const result = expectOk(await engine.run('q', { kind: 'new-users', spec: { grain: 'day', weekStart: 'monday' }, from, to }));
    const first = new Map<string, string>();
    for (const e of generated) {
      const d = localDay(e);
      if (!first.has(e.user) || d < first.get(e.user)!) first.set(e.user, d);
    }
    const counts = new Map<string, number>();
    for (const d of first.values()) if (d >= from && d <= to) counts.set(d, (counts.get(d) ?? 0) + 1);
    const got = result.rows.filter((r) => Number(r.new_users) > 0).map((r) => [r.period, Number(r.new_users)]);
    expect(got).toEqual([...counts.entries()].sort().map(([d, n]) => [dayMs(d), n]));
    expect(result.rows.every((r) => Number(r.period) >= dayMs(from) && Number(r.period) <= dayMs(to))).toBe(true);
  });

  it('weekly lifecycle: the week that contains the start is kept whole, states use the weeks before the range', async () => {
    const spec = { grain: 'week' as const, weekStart: 'monday' as const, coreEvents: [] };
    const ranged = expectOk(await engine.run('q', { kind: 'lifecycle', spec, from, to }));
    const asOf = expectOk(await engine.run('q', { kind: 'lifecycle', spec, asOf: to }));
    // 2024-04-01 is a Monday: the weeks from it on, with states as the data up to `to` gives them.
    expect(ranged.rows).toEqual(asOf.rows.filter((r) => Number(r.period) >= dayMs(from)));
    expect(ranged.rows.map((r) => new Date(Number(r.period)).toISOString().slice(0, 10))).toEqual([
      '2024-04-01',
      '2024-04-08',
      '2024-04-15',
    ]);
    const midWeek = expectOk(await engine.run('q', { kind: 'lifecycle', spec, from: '2024-04-03', to }));
    expect(midWeek.rows).toEqual(ranged.rows);
  });

  it('refuses a range that ends before it starts', async () => {
    const outcome = await engine.run('q', { kind: 'top-events', spec: { limit: 3 }, from: to, to: from });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'range.reversed' } });
  });
});
