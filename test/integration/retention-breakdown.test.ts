// Issue 13: retention broken down by any column — a user attribute, or an event column
// attributed per user as first or last touch — with the 10 values with most users kept and the
// rest as "(other)"; checked against plain computation over the generated rows.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RetentionSpec } from '../../src/analyses/retention/retention-query';
import type { Engine } from '../../src/engine/engine';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';
import { seededRandom } from '../helpers/seeded-random';

interface Event {
  user: string;
  day: number;
  minute: number;
  channel: string;
}

/** 300 users over 8 weeks from Monday 2024-01-01; 14 channels, unevenly used; some blank. */
const events: Event[] = (() => {
  const next = seededRandom(5);
  const out: Event[] = [];
  for (let u = 0; u < 300; u++) {
    const first = Math.floor(next() * 35);
    for (let d = first; d < 56; d++) {
      if (d !== first && next() > 0.25) continue;
      for (let k = 0; k < 1 + Math.floor(next() * 2); k++) {
        const c = Math.floor(next() ** 2 * 15);
        out.push({ user: `u${u}`, day: d, minute: Math.floor(next() * 1440), channel: c === 14 ? '' : `ch${c}` });
      }
    }
  }
  return out;
})();
const tiers = new Map(Array.from({ length: 300 }, (_, u) => [`u${u}`, `t${u % 12}`]));

const iso = (day: number, minute: number) =>
  new Date(Date.UTC(2024, 0, 1 + day, 0, minute)).toISOString().slice(0, 19).replace('T', ' ');
const csv = ['uid,time,name,channel', ...events.map((e) => `${e.user},${iso(e.day, e.minute)},visit,${e.channel}`)].join('\n');
const usersCsv = ['uid,tier', ...[...tiers].map(([u, t]) => `${u},${t}`)].join('\n');

const weekly: RetentionSpec = {
  startEvent: null,
  returnEvent: null,
  cohortType: 'first-time',
  cohortBy: 'first-event',
  grain: 'week',
  weekStart: 'monday',
  periodMode: 'calendar',
  measure: 'on',
  periods: 2,
  brackets: [],
  breakdown: null,
};

/** (cohort week index, group) -> [cohort size, retained in week +1] under a user -> value map. */
function expected(valueOf: (user: string) => string): Map<string, [number, number]> {
  const byUser = new Map<string, Event[]>();
  for (const e of events) byUser.set(e.user, [...(byUser.get(e.user) ?? []), e]);
  const usersOf = new Map<string, number>();
  for (const u of byUser.keys()) usersOf.set(valueOf(u), (usersOf.get(valueOf(u)) ?? 0) + 1);
  const ranked = [...usersOf].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
  const top = new Set(ranked.slice(0, 10));
  const out = new Map<string, [number, number]>();
  for (const [u, list] of byUser) {
    const value = valueOf(u);
    const group = value === '(none)' || top.has(value) ? value : '(other)';
    const weeks = new Set(list.map((e) => Math.floor(e.day / 7)));
    const cohort = Math.min(...weeks);
    const key = `${cohort}|${group}`;
    const cell = out.get(key) ?? [0, 0];
    cell[0] += 1;
    if (weeks.has(cohort + 1)) cell[1] += 1;
    out.set(key, cell);
  }
  return out;
}

const touch = (pick: 'first' | 'last') => (user: string) => {
  const mine = events
    .filter((e) => e.user === user)
    .sort(
      (a, b) =>
        a.day * 1440 + a.minute - (b.day * 1440 + b.minute) || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0),
    );
  const e =
    pick === 'first'
      ? mine[0]!
      : mine.filter((x) => x.day * 1440 + x.minute === mine.at(-1)!.day * 1440 + mine.at(-1)!.minute)[0]!;
  return e.channel === '' ? '(none)' : e.channel;
};

describe('retention broken down by any column', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createWasmEngine();
    const manifest = manifestOf('breakdown', 'UTC', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name' } },
      { role: 'users', path: 'u.csv', format: 'csv', columns: { userId: 'uid' } },
    ]);
    expectOk(
      await engine.loadWorkspace(
        'l',
        manifest,
        new Map([
          ['e.csv', bytes(csv)],
          ['u.csv', bytes(usersCsv)],
        ]),
      ),
    );
  });

  const shown = async (spec: RetentionSpec) => {
    const { rows } = expectOk(await engine.run('q', { kind: 'retention', spec }));
    const out = new Map<string, [number, number]>();
    for (const r of rows) {
      const cohort = Math.round((Number(r.cohort) - Date.UTC(2024, 0, 1)) / (7 * 86_400_000));
      const key = `${cohort}|${String(r.breakdown)}`;
      const cell = out.get(key) ?? [Number(r.cohort_size), 0];
      if (Number(r.period_n) === 1) cell[1] = Number(r.retained ?? 0);
      out.set(key, cell);
    }
    return out;
  };

  it('a user attribute with 12 values: the 10 with most users, and "(other)"', async () => {
    const result = await shown({ ...weekly, breakdown: 'tier', breakdownFrom: 'user' });
    const want = expected((u) => tiers.get(u)!);
    expect(result).toEqual(want);
    expect([...result.keys()].some((k) => k.endsWith('|(other)'))).toBe(true);
  });

  it("an event column, first touch: the value on each user's first event", async () => {
    const result = await shown({ ...weekly, breakdown: 'channel', breakdownFrom: 'first-touch' });
    expect(result).toEqual(expected(touch('first')));
    expect([...result.keys()].some((k) => k.endsWith('|(none)'))).toBe(true);
  });

  it("an event column, last touch: the value on each user's last event, which differs from the first", async () => {
    const result = await shown({ ...weekly, breakdown: 'channel', breakdownFrom: 'last-touch' });
    const last = expected(touch('last'));
    expect(result).toEqual(last);
    expect(last).not.toEqual(expected(touch('first')));
  });

  it("the users behind a cell of an event-column breakdown are that group's members", async () => {
    const spec = { ...weekly, breakdown: 'channel', breakdownFrom: 'first-touch' as const };
    const result = await shown(spec);
    const [key, [size]] = [...result].find(([k]) => k.startsWith('0|') && !k.endsWith('(other)'))!;
    const { rows } = expectOk(
      await engine.run('q', {
        kind: 'retention-users',
        spec: { ...spec, cell: { cohort: '2024-01-01', breakdown: key.split('|')[1]!, periodN: 0 } },
      }),
    );
    expect(rows.length).toBe(size);
    for (const r of rows) expect(touch('first')(String(r.user_id))).toBe(key.split('|')[1]);
  });
});
