import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../../helpers/wasm-engine';

// Issues 9 and 13: the users behind a stickiness bucket and a lifecycle bar, on CDNOW master,
// are exactly the users a plain reading of the file puts there, as many as the number shown.
const masterPath = path.resolve(__dirname, '../../../../shared/data/cdnow/CDNOW_master.txt');
const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const monthOf = (d: number) => iso(d).slice(0, 7) + '-01';
// Monday-start weeks: 1970-01-01 was a Thursday.
const weekOf = (d: number) => iso(d - ((d + 3) % 7));
const dayOf = (s: string) => Date.parse(`${s}T00:00:00Z`) / DAY;

/** Each customer's purchase days (days since 1970-01-01, UTC). */
function readDays(): Map<string, Set<number>> {
  const days = new Map<string, Set<number>>();
  for (const line of readFileSync(masterPath, 'utf8').trim().split(/\r?\n/).slice(1)) {
    const [id, date] = line.trim().split(/\s+/) as [string, string];
    const set = days.get(id) ?? new Set<number>();
    set.add(Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)) / DAY);
    days.set(id, set);
  }
  return days;
}

/** Lifecycle states per period, from the definition in METRICS.md, with no users file (created = first day). */
function expectedLifecycle(days: Map<string, Set<number>>, periodOf: (d: number) => string, previous: (p: string) => string) {
  const all = [...days.values()].flatMap((s) => [...s]);
  const first = Math.min(...all);
  const last = Math.max(...all);
  const calendar = [...new Set(Array.from({ length: last - first + 1 }, (_, i) => periodOf(first + i)))];
  const active = new Map<string, Set<string>>();
  const created = new Map<string, string>();
  for (const [id, set] of days) {
    created.set(id, periodOf(Math.min(...set)));
    for (const d of set) {
      const p = periodOf(d);
      const users = active.get(p) ?? new Set<string>();
      users.add(id);
      active.set(p, users);
    }
  }
  const sorted = (ids: Iterable<string>) => [...ids].sort();
  return calendar.map((p) => {
    const now = active.get(p) ?? new Set<string>();
    const before = active.get(previous(p)) ?? new Set<string>();
    const inNow = [...now];
    return {
      period: p,
      new: sorted(inNow.filter((u) => !before.has(u) && created.get(u) === p)),
      returning: sorted(inNow.filter((u) => before.has(u))),
      resurrecting: sorted(inNow.filter((u) => !before.has(u) && created.get(u) !== p)),
      dormant: sorted([...before].filter((u) => !now.has(u))),
    };
  });
}

const previousMonth = (p: string) => {
  const [y, m] = p.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
};
const previousWeek = (p: string) => iso(dayOf(p) - 7);

describe('the users behind lifecycle bars and stickiness buckets, CDNOW master', () => {
  let engine: Engine;
  let days: Map<string, Set<number>>;
  beforeAll(async () => {
    days = readDays();
    engine = await createWasmEngine();
    const manifest = manifestOf('cdnow', 'UTC', [
      {
        role: 'orders',
        path: 'CDNOW_master.txt',
        format: 'whitespace',
        columns: { userId: 'customer_id', time: 'date', amount: 'dollar_value' },
      },
    ]);
    expectOk(
      await engine.loadWorkspace('l', manifest, new Map([['CDNOW_master.txt', bytes(new Uint8Array(readFileSync(masterPath)))]])),
    );
  }, 120_000);

  const lifecycleUsers = async (grain: 'week' | 'month', period: string, state: string, from?: string) =>
    expectOk(
      await engine.run('u', {
        kind: 'lifecycle-users',
        spec: {
          grain,
          weekStart: 'monday',
          coreEvents: [],
          bar: { period, state: state as 'new' | 'returning' | 'resurrecting' | 'dormant' },
        },
        ...(from ? { from } : {}),
      }),
    ).rows.map((r) => String(r.user_id));

  it.each([
    ['month', monthOf, previousMonth],
    ['week', weekOf, previousWeek],
  ] as const)(
    'each %s bar lists exactly its users, as many as its count',
    async (grain, periodOf, previous) => {
      const want = expectedLifecycle(days, periodOf, previous);
      const { rows } = expectOk(
        await engine.run('l', { kind: 'lifecycle', spec: { grain, weekStart: 'monday', coreEvents: [] } }),
      );
      expect(rows.map((r) => iso(Number(r.period) / DAY))).toEqual(want.map((w) => w.period));
      expect(want.length).toBeGreaterThan(grain === 'month' ? 17 : 75);
      let listed = 0;
      for (const [i, w] of want.entries()) {
        const row = rows[i]!;
        for (const state of ['new', 'returning', 'resurrecting', 'dormant'] as const) {
          const ids = await lifecycleUsers(grain, w.period, state);
          expect(ids, `${w.period} ${state}`).toEqual(w[state]);
          expect(ids.length, `${w.period} ${state}`).toBe(Number(row[state]));
          listed += ids.length;
        }
      }
      // Every active user-period is in exactly one of new, returning, resurrecting.
      const userPeriods = [...days.values()].reduce((n, set) => n + new Set([...set].map(periodOf)).size, 0);
      const dormant = want.reduce((n, w) => n + w.dormant.length, 0);
      expect(listed).toBe(userPeriods + dormant);
    },
    300_000,
  );

  it('a date range start drops periods, not the activity before them, for the list as for the counts', async () => {
    const want = expectedLifecycle(days, monthOf, previousMonth).find((w) => w.period === '1997-06-01')!;
    // Without the activity before June, no June user could be returning.
    expect(want.returning.length).toBeGreaterThan(100);
    expect(await lifecycleUsers('month', '1997-06-01', 'returning', '1997-06-10')).toEqual(want.returning);
    expect(await lifecycleUsers('month', '1997-06-01', 'dormant', '1997-06-10')).toEqual(want.dormant);
  });

  it("a retention cell's users under a date range are as many as its count (the range drops cohorts, not activity)", async () => {
    const spec = {
      startEvent: null,
      returnEvent: null,
      cohortType: 'first-time',
      cohortBy: 'first-event',
      grain: 'month',
      weekStart: 'monday',
      periodMode: 'rolling',
      measure: 'on',
      periods: 2,
      brackets: [],
      breakdown: null,
    } as const;
    const from = '1997-02-10';
    const { rows } = expectOk(await engine.run('r', { kind: 'retention', spec, from }));
    const cell = rows.find((r) => iso(Number(r.cohort) / DAY) === '1997-02-01' && r.period_n === 1)!;
    const want = [...days]
      .filter(([, set]) => {
        const start = Math.min(...set);
        return monthOf(start) === '1997-02-01' && [...set].some((d) => Math.floor((d - start) / 30) === 1);
      })
      .map(([id]) => id)
      .sort();
    expect(Number(cell.retained)).toBe(want.length);
    const { rows: users } = expectOk(
      await engine.run('ru', {
        kind: 'retention-users',
        spec: { ...spec, cell: { cohort: '1997-02-01', breakdown: null, periodN: 1 } },
        from,
      }),
    );
    expect(users.map((u) => String(u.user_id))).toEqual(want);
  });

  it.each([
    ['week', '1997-03-03', 7],
    ['week', '1998-06-22', 7],
    ['month', '1997-01-01', 31],
    ['month', '1997-10-01', 31],
  ] as const)(
    'each %s bucket from %s lists exactly its users, and the buckets add up to the active users',
    async (grain, span, length) => {
      const start = dayOf(span);
      const k = new Map<string, number>();
      for (const [id, set] of days) {
        const n = [...set].filter((d) => d >= start && d < start + length).length;
        if (n > 0) k.set(id, n);
      }
      const { rows } = expectOk(
        await engine.run('s', { kind: 'stickiness', spec: { grain, weekStart: 'monday', coreEvents: [], span } }),
      );
      expect(rows).toHaveLength(length);
      expect(Number(rows[0]!.active_users)).toBe(k.size);
      let sum = 0;
      for (const r of rows) {
        for (const atLeast of [false, true]) {
          const bucket = { span, k: Number(r.k), atLeast };
          const { rows: users } = expectOk(
            await engine.run('su', {
              kind: 'stickiness-users',
              spec: { grain, weekStart: 'monday', coreEvents: [], span, bucket },
            }),
          );
          const ids = users.map((u) => String(u.user_id));
          const expected = [...k]
            .filter(([, n]) => (atLeast ? n >= bucket.k : n === bucket.k))
            .map(([id]) => id)
            .sort();
          expect(ids, `k ${bucket.k} ${atLeast ? 'or more' : ''}`).toEqual(expected);
          expect(ids.length).toBe(Number(atLeast ? r.users_at_least : r.users));
          if (!atLeast) sum += ids.length;
        }
      }
      expect(sum).toBe(k.size);
      expect(k.size).toBeGreaterThan(100);
    },
    120_000,
  );
});
