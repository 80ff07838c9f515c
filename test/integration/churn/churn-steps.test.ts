// Issue 10: churn rate and stages read from per-day step counts, with L and S computed once per data; same numbers as a plain count.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine';
import type { Row } from '../../../src/schema/row';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../../helpers/wasm-engine';

const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const dayOf = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / DAY;
const FIRST = dayOf('2024-01-01');
const LAST = dayOf('2024-06-30');

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const [S, L] = [7, 20];

/**
 * Users' active days (days since 1970), independent of the app: hand-placed users with gaps of
 * exactly S, S + 1, L and L + 1 days, returns just past L across a month start, a one-day user and
 * one active on the last day; then users with random gaps drawn around S and L.
 */
function userDays(): Map<string, number[]> {
  const users = new Map<string, number[]>();
  const steps = (start: number, gaps: number[]) => gaps.reduce((days, g) => [...days, days[days.length - 1]! + g], [start]);
  users.set('edges', steps(FIRST + 2, [S, S + 1, L, L + 1, 1, L, S]));
  users.set('recall-at-l', [dayOf('2024-01-11'), dayOf('2024-02-01'), dayOf('2024-02-03')]);
  users.set('lapse-at-l', [dayOf('2024-01-12'), dayOf('2024-02-01')]);
  users.set("O'Brien once", [dayOf('2024-03-15')]);
  users.set('last day', [LAST - S, LAST]);
  users.set('week edges', [dayOf('2024-04-07'), dayOf('2024-04-08'), dayOf('2024-04-29'), dayOf('2024-05-06')]);
  const next = random(10);
  const gapChoices = [1, 1, 2, 3, 5, S - 1, S, S + 1, L - 1, L, L + 1, L + 2, 30, 45];
  for (let u = 0; u < 120; u++) {
    const days = [FIRST + Math.floor(next() * 170)];
    while (next() < 0.85) {
      const day = days[days.length - 1]! + gapChoices[Math.floor(next() * gapChoices.length)]!;
      if (day > LAST) break;
      days.push(day);
    }
    users.set(`u${u}`, days);
  }
  return users;
}

/** The events file: one or two events (open, buy) on each active day, at times within the UTC day. */
function eventsCsv(users: Map<string, number[]>): string {
  const next = random(20);
  const lines = ['user_id,time,event'];
  const quote = (s: string) => (/[",']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (const [id, days] of users) {
    for (const day of days) {
      const n = next() < 0.3 ? 2 : 1;
      for (let k = 0; k < n; k++) {
        const seconds = Math.floor(next() * 86_399);
        const time = new Date(day * DAY + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
        lines.push(`${quote(id)},${time},${next() < 0.7 ? 'open' : 'buy'}`);
      }
    }
  }
  return lines.join('\n');
}

type Grain = 'month' | 'week';
const monthStart = (d: number) => {
  const x = new Date(d * DAY);
  return Date.UTC(x.getUTCFullYear(), x.getUTCMonth(), 1) / DAY;
};
// 1970-01-01 was a Thursday: day d is in the Monday-start week starting d - ((d + 3) mod 7).
const periodOf = (grain: Grain) => (grain === 'month' ? monthStart : (d: number) => d - ((d + 3) % 7));
const nextPeriod = (grain: Grain, start: number) => (grain === 'month' ? monthStart(start + 31) : start + 7);

/** A user as the scoped data holds them: the days in it, the day before the first of them (or null), the first day ever. */
interface Seen {
  days: number[];
  before: number | null;
  created: number;
}

function seen(users: Map<string, number[]>, from: number): Seen[] {
  return [...users.values()]
    .filter((days) => days.some((d) => d >= from))
    .map((days) => {
      const earlier = days.filter((d) => d < from);
      return {
        days: days.filter((d) => d >= from),
        before: earlier.length ? earlier[earlier.length - 1]! : null,
        created: days[0]!,
      };
    });
}

/** The latest day known to the data before `day` (its days, and the one before them): null if none. */
function knownBefore(user: Seen, day: number): number | null {
  const known = [...(user.before === null ? [] : [user.before]), ...user.days].filter((d) => d < day);
  return known.length ? known[known.length - 1]! : null;
}

/** The periods from the data's first day to its last, each with its end t (the last day for the last one). */
function periods(users: Seen[], grain: Grain): { start: number; t: number }[] {
  const all = users.flatMap((u) => u.days);
  const [first, last] = [Math.min(...all), Math.max(...all)];
  const out: { start: number; t: number }[] = [];
  for (let start = periodOf(grain)(first); start <= last; start = nextPeriod(grain, start)) {
    out.push({ start, t: Math.min(nextPeriod(grain, start) - 1, last) });
  }
  return out;
}

/** METRICS.md's stage model at the end t of each period, by a plain walk over every user. */
function expectedStages(users: Seen[], grain: Grain, s: number, l: number) {
  const p = periodOf(grain);
  return periods(users, grain).map(({ start, t }) => {
    const counts = { new: 0, active: 0, silent: 0, churned: 0, recalled: 0 };
    for (const u of users) {
      const lastKnown = knownBefore(u, t + 1);
      if (lastKnown === null) continue;
      const inPeriod = u.days.filter((d) => d >= start && d <= t);
      const prev = inPeriod.length ? knownBefore(u, inPeriod[0]!) : null;
      if (inPeriod.length && p(u.created) === start) counts.new++;
      else if (inPeriod.length && prev !== null && start - prev > l) counts.recalled++;
      else if (t - lastKnown <= s) counts.active++;
      else if (t - lastKnown <= l) counts.silent++;
      else counts.churned++;
    }
    return { period: iso(start), as_of: iso(t), silent_threshold: s, threshold: l, ...counts };
  });
}

/** METRICS.md's churn and recall per period, by a plain walk over every user. */
function expectedRates(users: Seen[], grain: Grain, l: number) {
  const p = periodOf(grain);
  const list = periods(users, grain);
  return list.map(({ start, t }, i) => {
    let [active, stayed, lapsed, recalled] = [0, 0, 0, 0];
    for (const u of users) {
      const inPeriod = u.days.some((d) => d >= start && d <= t);
      const prev = knownBefore(u, start);
      if (inPeriod) active++;
      if (inPeriod && prev !== null && i > 0 && p(prev) === list[i - 1]!.start) stayed++;
      if (prev !== null && start - prev > l) {
        lapsed++;
        if (inPeriod) recalled++;
      }
    }
    return { period: iso(start), threshold: l, active, stayed, lapsed, recalled };
  });
}

/**
 * METRICS.md's stages at the ends of two consecutive periods for stage flow, by a plain walk:
 * it reads the days in the data only (a date range's cut days are unknown to it). Counts per
 * "from>to", from 'none' for users not yet active at the first end.
 */
function expectedFlow(users: Seen[], grain: Grain, s0: number, s1: number, last: number, s: number, l: number) {
  const p = periodOf(grain);
  const [t0, t1] = [s1 - 1, Math.min(nextPeriod(grain, s1) - 1, last)];
  const stage = (u: Seen, start: number, t: number) => {
    const upTo = u.days.filter((d) => d <= t);
    if (!upTo.length) return null;
    const inPeriod = upTo.some((d) => d >= start);
    const before = u.days.filter((d) => d < start).pop();
    if (inPeriod && p(u.created) === start) return 'new';
    if (inPeriod && before !== undefined && start - before > l) return 'recalled';
    const since = t - upTo[upTo.length - 1]!;
    return since <= s ? 'active' : since <= l ? 'silent' : 'churned';
  };
  const counts = new Map<string, number>();
  for (const u of users) {
    const to = stage(u, s1, t1);
    if (to === null) continue;
    const key = `${stage(u, s0, t0) ?? 'none'}>${to}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Nearest-rank quantile, as DuckDB's quantile_disc picks it. */
const nearestRank = (sorted: number[], q: number) => sorted[Math.ceil(q * sorted.length) - 1]!;

const stageRow = (r: Row) => ({
  period: iso(Number(r.period) / DAY),
  as_of: iso(Number(r.as_of) / DAY),
  silent_threshold: Number(r.silent_threshold),
  threshold: Number(r.threshold),
  new: Number(r.new),
  active: Number(r.active),
  silent: Number(r.silent),
  churned: Number(r.churned),
  recalled: Number(r.recalled),
});

/** Stayed is what churned leaves of the users active the period before. */
const rateRow = (r: Row, i: number, rows: Row[]) => ({
  period: iso(Number(r.period) / DAY),
  threshold: Number(r.threshold),
  active: Number(r.active),
  stayed: i === 0 ? 0 : Number(rows[i - 1]!.active) - Number(r.churned),
  lapsed: Number(r.lapsed),
  recalled: Number(r.recalled),
});

describe('churn rate and stages on a generated log with users at exactly S and L days', () => {
  let engine: Engine;
  const users = userDays();
  beforeAll(async () => {
    engine = await createWasmEngine();
    const manifest = manifestOf('steps', 'UTC', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'user_id', time: 'time', event: 'event' } },
    ]);
    expectOk(await engine.loadWorkspace('l', manifest, new Map([['e.csv', bytes(eventsCsv(users))]])));
  });

  it.each(['month', 'week'] as const)('stages per %s (S = 7, L = 20) equal a plain walk over the users', async (grain) => {
    const spec = { grain, weekStart: 'monday', coreEvents: [], threshold: L, silent: S };
    const { rows } = expectOk(await engine.run('s', { kind: 'churn-stages', spec }));
    const expected = expectedStages(seen(users, FIRST), grain, S, L);
    expect(rows.map(stageRow)).toEqual(expected);
    expect(expected.some((e) => e.recalled > 0 && e.silent > 0 && e.churned > 0)).toBe(true);
  });

  it.each(['month', 'week'] as const)('churn and recall per %s (L = 20) equal a plain walk over the users', async (grain) => {
    const spec = { grain, weekStart: 'monday', coreEvents: [], threshold: L };
    const { rows } = expectOk(await engine.run('r', { kind: 'churn-rate', spec }));
    const expected = expectedRates(seen(users, FIRST), grain, L);
    expect(rows.map(rateRow)).toEqual(expected);
    expect(expected.some((e) => e.lapsed > 0 && e.recalled > 0)).toBe(true);
  });

  it('a date range from 2024-02-15 keeps each user’s day before it as known, for stages and lapsed users', async () => {
    const from = dayOf('2024-02-15');
    const stages = expectOk(
      await engine.run('s', {
        kind: 'churn-stages',
        spec: { grain: 'month', weekStart: 'monday', coreEvents: [], threshold: L, silent: S },
        from: iso(from),
      }),
    );
    expect(stages.rows.map(stageRow)).toEqual(expectedStages(seen(users, from), 'month', S, L));
    const rates = expectOk(
      await engine.run('r', {
        kind: 'churn-rate',
        spec: { grain: 'week', weekStart: 'monday', coreEvents: [], threshold: L },
        from: iso(from),
      }),
    );
    const expected = expectedRates(seen(users, from), 'week', L);
    expect(
      rates.rows.map((r) => ({ period: iso(Number(r.period) / DAY), lapsed: Number(r.lapsed), recalled: Number(r.recalled) })),
    ).toEqual(expected.map(({ period, lapsed, recalled }) => ({ period, lapsed, recalled })));
  });

  it.each([
    ['month', null],
    ['week', null],
    ['month', '2024-02-15'],
    ['week', '2024-02-15'],
  ] as const)('stage flow per %s (from %s) between every two periods equals a plain walk', async (grain, from) => {
    const scoped = seen(users, from === null ? FIRST : dayOf(from));
    const list = periods(scoped, grain);
    for (let k = 1; k < list.length; k++) {
      const spec = { grain, weekStart: 'monday', coreEvents: [], threshold: L, silent: S, period: iso(list[k]!.start) };
      const { rows } = expectOk(await engine.run('f', { kind: 'churn-flow', spec, ...(from === null ? {} : { from }) }));
      const got = new Map(rows.map((r) => [`${String(r.from_stage)}>${String(r.to_stage)}`, Number(r.users)]));
      expect(got, iso(list[k]!.start)).toEqual(expectedFlow(scoped, grain, list[k - 1]!.start, list[k]!.start, LAST, S, L));
    }
  });

  it('thresholds left to the data: L the 90th and S the 50th percentile of the gaps, computed once and shared', async () => {
    const gaps = [...users.values()].flatMap((d) => d.slice(1).map((day, i) => day - d[i]!)).sort((a, b) => a - b);
    const l = nearestRank(gaps, 0.9);
    const s = Math.min(nearestRank(gaps, 0.5), l - 1);
    expect([s, l]).not.toEqual([S, L]);
    const fresh = await createWasmEngine();
    const manifest = manifestOf('steps', 'UTC', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'user_id', time: 'time', event: 'event' } },
    ]);
    expectOk(await fresh.loadWorkspace('l', manifest, new Map([['e.csv', bytes(eventsCsv(users))]])));
    const spec = { grain: 'month', weekStart: 'monday', coreEvents: [], threshold: null } as const;
    const rates = expectOk(await fresh.run('r', { kind: 'churn-rate', spec }));
    const stages = expectOk(await fresh.run('s', { kind: 'churn-stages', spec: { ...spec, silent: null } }));
    expect(rates.rows.map(rateRow)).toEqual(expectedRates(seen(users, FIRST), 'month', l));
    expect(stages.rows.map(stageRow)).toEqual(expectedStages(seen(users, FIRST), 'month', s, l));
    // The charts' own statements take L and S as numbers; the quantiles are one shared step.
    for (const run of [rates, stages]) {
      expect(run.statements.at(-1)).not.toContain('quantile_disc');
      expect(run.statements.filter((q) => q.includes('quantile_disc'))).toHaveLength(1);
    }
  });
});

describe('stages and stage flow when a users file gives signup days apart from the first active day', () => {
  // Signups before, on, a few days after and periods after the first active day (a user active
  // before signing up, new only in the period of the signup if active in it), and a user who
  // signed up and never came: new is "created in the period and active in it".
  const users = userDays();
  const shifts = [-40, -3, 0, 5, 12, 35, 70];
  const signups = new Map<string, number>();
  [...users.entries()].forEach(([id, days], i) => {
    if (i % 3 === 0) signups.set(id, days[0]! + shifts[(i / 3) % shifts.length]!);
  });
  signups.set('never active', dayOf('2024-03-03'));
  const signupCsv = [
    'uid,signup',
    ...[...signups].map(([id, day]) => `${/[",']/.test(id) ? `"${id}"` : id},${iso(day)} 10:00:00`),
  ].join('\n');
  /** The scoped users with their signup day as the day they were created. */
  const withSignups = (from: number) =>
    [...users.entries()]
      .filter(([, days]) => days.some((d) => d >= from))
      .map(([id, days]) => ({ ...seen(new Map([[id, days]]), from)[0]!, created: signups.get(id) ?? days[0]! }));
  let engine: Engine;
  beforeAll(async () => {
    engine = await createWasmEngine();
    const manifest = manifestOf('signups', 'UTC', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'user_id', time: 'time', event: 'event' } },
      { role: 'users', path: 'u.csv', format: 'csv', columns: { userId: 'uid', signupTime: 'signup' } },
    ]);
    expectOk(
      await engine.loadWorkspace(
        'l',
        manifest,
        new Map([
          ['e.csv', bytes(eventsCsv(users))],
          ['u.csv', bytes(signupCsv)],
        ]),
      ),
    );
  });

  it.each([
    ['month', null],
    ['week', null],
    ['month', '2024-02-15'],
  ] as const)('stages per %s (from %s) equal a plain walk with the signup days', async (grain, from) => {
    const spec = { grain, weekStart: 'monday', coreEvents: [], threshold: L, silent: S };
    const { rows } = expectOk(await engine.run('s', { kind: 'churn-stages', spec, ...(from === null ? {} : { from }) }));
    const expected = expectedStages(withSignups(from === null ? FIRST : dayOf(from)), grain, S, L);
    expect(rows.map(stageRow)).toEqual(expected);
    // Some users are new in a later period than their first active one, some never.
    const walkFirstDays = expectedStages(seen(users, from === null ? FIRST : dayOf(from)), grain, S, L);
    expect(expected.map((e) => e.new)).not.toEqual(walkFirstDays.map((e) => e.new));
  });

  it.each(['month', 'week'] as const)(
    'stage flow per %s between every two periods equals a plain walk with the signup days',
    async (grain) => {
      const scoped = withSignups(FIRST);
      const list = periods(scoped, grain);
      for (let k = 1; k < list.length; k++) {
        const spec = { grain, weekStart: 'monday', coreEvents: [], threshold: L, silent: S, period: iso(list[k]!.start) };
        const { rows } = expectOk(await engine.run('f', { kind: 'churn-flow', spec }));
        const got = new Map(rows.map((r) => [`${String(r.from_stage)}>${String(r.to_stage)}`, Number(r.users)]));
        expect(got, iso(list[k]!.start)).toEqual(expectedFlow(scoped, grain, list[k - 1]!.start, list[k]!.start, LAST, S, L));
      }
    },
  );
});
