// Issue 13: plain weekly and monthly retention looks each day's period up in a table of the
// data's days; checked here against plain computation over the generated events.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RetentionSpec } from '../../../src/analyses/retention/retention-query';
import type { Engine } from '../../../src/engine/engine';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../../helpers/wasm-engine';
import { seededRandom } from '../../helpers/seeded-random';

const dayMs = 86_400_000;
const start = Date.UTC(2024, 0, 3); // a Wednesday, so that neither weeks nor months start with the data

/** user -> the local days (epoch ms) they were active, from events at random hours over 130 days. */
const activeDays: Map<string, Set<number>> = (() => {
  const next = seededRandom(13);
  const days = new Map<string, Set<number>>();
  for (let u = 0; u < 90; u++) {
    const first = Math.floor(next() * 100);
    for (let d = first; d < 130; d++) {
      if (next() < (d === first ? 1 : 0.12)) {
        const set = days.get(`u${u}`) ?? new Set<number>();
        set.add(start + d * dayMs);
        days.set(`u${u}`, set);
      }
    }
  }
  return days;
})();

const csv = [
  'uid,time,name',
  ...[...activeDays].flatMap(([user, days]) =>
    [...days].map(
      (d, i) => `${user},${new Date(d + ((i * 7) % 24) * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')},open`,
    ),
  ),
].join('\n');

type Periods = { start: (day: number) => number; between: (from: number, to: number) => number };

const weeks = (weekStart: 'monday' | 'sunday'): Periods => ({
  start: (day) => day - ((new Date(day).getUTCDay() - (weekStart === 'monday' ? 1 : 0) + 7) % 7) * dayMs,
  between: (from, to) => Math.round((to - from) / dayMs / 7),
});
const months: Periods = {
  start: (day) => Date.UTC(new Date(day).getUTCFullYear(), new Date(day).getUTCMonth(), 1),
  between: (from, to) =>
    (new Date(to).getUTCFullYear() - new Date(from).getUTCFullYear()) * 12 +
    new Date(to).getUTCMonth() -
    new Date(from).getUTCMonth(),
};

/** cohort|n -> users active in period n after their first period, and cohort -> its size. */
function expected(p: Periods, periods: number) {
  const retained = new Map<string, number>();
  const sizes = new Map<number, number>();
  for (const days of activeDays.values()) {
    const cohort = p.start(Math.min(...days));
    sizes.set(cohort, (sizes.get(cohort) ?? 0) + 1);
    for (const n of new Set([...days].map((d) => p.between(cohort, p.start(d))))) {
      if (n <= periods) retained.set(`${cohort}|${n}`, (retained.get(`${cohort}|${n}`) ?? 0) + 1);
    }
  }
  return { retained, sizes };
}

const spec = (grain: 'week' | 'month', weekStart: 'monday' | 'sunday'): RetentionSpec => ({
  startEvent: null,
  returnEvent: null,
  cohortType: 'first-time',
  cohortBy: 'first-event',
  grain,
  weekStart,
  periodMode: 'calendar',
  measure: 'on',
  periods: 6,
  brackets: [],
  breakdown: null,
});

describe('plain calendar retention by weeks and months', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createWasmEngine();
    const manifest = manifestOf('periods', 'UTC', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name' } },
    ]);
    expectOk(await engine.loadWorkspace('l', manifest, new Map([['e.csv', bytes(csv)]])));
  });

  for (const [name, grain, weekStart, periods] of [
    ['Monday weeks', 'week', 'monday', weeks('monday')],
    ['Sunday weeks', 'week', 'sunday', weeks('sunday')],
    ['months', 'month', 'monday', months],
  ] as const) {
    it(`counts each cohort's size and its users active N ${name} later`, async () => {
      const result = expectOk(await engine.run('q', { kind: 'retention', spec: spec(grain, weekStart) }));
      const { retained, sizes } = expected(periods, 6);
      const cohorts = [...new Set(result.rows.map((r) => Number(r.cohort)))];
      expect(cohorts).toEqual([...sizes.keys()].sort((a, b) => a - b));
      for (const r of result.rows) {
        const cohort = Number(r.cohort);
        expect(Number(r.cohort_size)).toBe(sizes.get(cohort));
        // A cell that begins after the data's last day has no value.
        if (r.retained !== null) expect(Number(r.retained)).toBe(retained.get(`${cohort}|${Number(r.period_n)}`) ?? 0);
      }
      expect(result.rows.filter((r) => r.retained !== null && Number(r.retained) > 0).length).toBeGreaterThan(10);
    });
  }
});
