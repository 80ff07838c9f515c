import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../../helpers/wasm-engine';

const masterPath = path.resolve(__dirname, '../../../../shared/data/cdnow/CDNOW_master.txt');
const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

describe('churned users by cohort on CDNOW master, against a plain count of the file', () => {
  it.each([
    ['1997-09-30', 30],
    ['1997-09-30', 90],
    // Mid-March: January's cohort can all have churned, February's in part, March's not at all.
    ['1997-03-15', 30],
  ] as const)('as of %s, L = %i days, monthly and weekly cohorts of first purchase', async (asOf, l) => {
    const t = Date.parse(`${asOf}T00:00:00Z`) / DAY;
    const days = new Map<string, number[]>();
    for (const line of readFileSync(masterPath, 'utf8').trim().split(/\r?\n/).slice(1)) {
      const [id, date] = line.trim().split(/\s+/) as [string, string];
      const list = days.get(id) ?? [];
      list.push(Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)) / DAY);
      days.set(id, list);
    }
    const monthOf = (d: number) => iso(d).slice(0, 7) + '-01';
    // Monday-start weeks: 1970-01-01 was a Thursday.
    const weekOf = (d: number) => iso(d - ((d + 3) % 7));
    const expected = (cohortOf: (d: number) => string) => {
      const by = new Map<string, { users: number; churned: number; measurable: number }>();
      for (const list of days.values()) {
        const upTo = list.filter((d) => d <= t);
        if (upTo.length === 0) continue;
        const c = by.get(cohortOf(Math.min(...upTo))) ?? { users: 0, churned: 0, measurable: 0 };
        c.users++;
        if (t - Math.max(...upTo) > l) c.churned++;
        if (t - Math.min(...upTo) > l) c.measurable++;
        by.set(cohortOf(Math.min(...upTo)), c);
      }
      return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([cohort, c]) => ({ cohort, ...c }));
    };

    const engine = await createWasmEngine();
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
    for (const [grain, cohortOf] of [
      ['month', monthOf],
      ['week', weekOf],
    ] as const) {
      const { rows } = expectOk(
        await engine.run('c', {
          kind: 'churn-by-cohort',
          spec: { coreEvents: [], threshold: l, asOf, grain, weekStart: 'monday' },
        }),
      );
      const want = expected(cohortOf);
      expect(
        rows.map((r) => ({
          cohort: iso(Number(r.cohort) / DAY),
          users: r.users,
          churned: r.churned,
          measurable: r.measurable_users,
        })),
      ).toEqual(want);
      for (const r of rows) expect(Number(r.churned_share)).toBeCloseTo(Number(r.churned) / Number(r.users), 12);
      if (grain === 'month' && asOf === '1997-03-15') {
        expect(want.map((c) => [c.cohort, c.measurable === c.users, c.measurable > 0])).toEqual([
          ['1997-01-01', true, true],
          ['1997-02-01', false, true],
          ['1997-03-01', false, false],
        ]);
      }
      if (grain === 'month' && asOf === '1997-09-30') {
        // Every customer of the file first bought in Q1 1997 (the data's README).
        expect(want.map((c) => c.cohort)).toEqual(['1997-01-01', '1997-02-01', '1997-03-01']);
        expect(want.reduce((s, c) => s + c.users, 0)).toBe(23_570);
      }
    }
  });
});

describe('churned users by a users-file attribute, top 10 values and other', () => {
  // 15 users active in January 2024; as of 2024-03-31 with L = 30, users last active before
  // 2024-03-01 have churned. City: A x3, B x2, then one user for each of v01..v09, and u15
  // has no row in the users file.
  const users: { id: string; city: string | null; last: string }[] = [
    { id: 'u01', city: 'A', last: '2024-03-30' },
    { id: 'u02', city: 'A', last: '2024-01-10' },
    { id: 'u03', city: 'A', last: '2024-02-01' },
    { id: 'u04', city: 'B', last: '2024-03-01' },
    { id: 'u05', city: 'B', last: '2024-02-29' },
    ...Array.from({ length: 9 }, (_, i) => ({
      id: `u${String(i + 6).padStart(2, '0')}`,
      city: `v0${i + 1}`,
      last: i % 2 === 0 ? '2024-03-15' : '2024-01-20',
    })),
    { id: 'u15', city: null, last: '2024-01-05' },
  ];
  const events = [
    'user_id,time,event',
    ...users.flatMap((u) => [`${u.id},2024-01-02 09:00:00,open`, `${u.id},${u.last} 09:00:00,open`]),
    'late,2024-04-02 09:00:00,open',
  ].join('\n');
  const usersCsv = [
    'uid,city,plan',
    ...users.filter((u) => u.city !== null).map((u) => `${u.id},${u.city},free`),
    'late,Z,paid',
  ].join('\n');

  it('counts each value against a plain count of the rows', async () => {
    const t = Date.parse('2024-03-31');
    const churned = (u: (typeof users)[number]) => (t - Date.parse(u.last)) / DAY > 30;
    const by = new Map<string | null, { users: number; churned: number }>();
    for (const u of users) {
      const c = by.get(u.city) ?? { users: 0, churned: 0 };
      c.users++;
      if (churned(u)) c.churned++;
      by.set(u.city, c);
    }
    // Most users first, ties by value, the missing value last; values 11 and on are "other".
    const ranked = [...by].sort(([a, x], [b, y]) => y.users - x.users || (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
    const top = ranked.slice(0, 10).map(([value, c]) => ({ value, other: false, ...c }));
    const rest = ranked.slice(10).reduce((s, [, c]) => ({ ...s, users: s.users + c.users, churned: s.churned + c.churned }), {
      value: null as string | null,
      other: true,
      users: 0,
      churned: 0,
    });

    const engine = await createWasmEngine();
    const manifest = manifestOf('fixture', 'UTC', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'user_id', time: 'time', event: 'event' } },
      { role: 'users', path: 'u.csv', format: 'csv', columns: { userId: 'uid' } },
    ]);
    expectOk(
      await engine.loadWorkspace(
        'l',
        manifest,
        new Map([
          ['e.csv', bytes(events)],
          ['u.csv', bytes(usersCsv)],
        ]),
      ),
    );
    const { rows } = expectOk(
      await engine.run('a', {
        kind: 'churn-by-attribute',
        spec: { coreEvents: [], threshold: 30, asOf: '2024-03-31', attribute: 'city' },
      }),
    );
    expect(rows.map((r) => ({ value: r.value, other: r.other, users: r.users, churned: r.churned }))).toEqual([...top, rest]);
    // Hand-checked: A 3 users, 2 churned (u02, u03); B: u04 is 30 days before t, not churned; u05 is.
    expect(rows.slice(0, 2).map((r) => [r.value, r.users, r.churned])).toEqual([
      ['A', 3, 2],
      ['B', 2, 1],
    ]);
    // Other: v09 (active 03-15) and u15 (no users row, churned).
    expect(rows.at(-1)).toMatchObject({ value: null, other: true, users: 2, churned: 1 });
    expect(rows.reduce((s, r) => s + Number(r.users), 0)).toBe(15);
  });
});
