// Issue 13: filters on event columns and user attributes narrow every analysis through the
// request envelope. An event filter must give what the analysis gives on a file holding only the
// rows that pass; a user filter what it gives on the data of those users alone; and DAU under a
// filter is also checked against plain computation over the generated rows. The zone has a DST
// switch inside the data, so each event's local day must follow its instant.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisFilter } from '../../src/analyses/analysis-filter';
import type { AnalysisRequest } from '../../src/analyses/request';
import type { RetentionSpec } from '../../src/analyses/retention/retention-query';
import type { Engine } from '../../src/engine/engine';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';
import { seededRandom } from '../helpers/seeded-random';

interface Event {
  user: string;
  utc: Date;
  event: string;
  country: string;
  amount: number | null;
}

const names = ['open', 'view', 'buy'];
const countries = ['GB', 'FR', "O'Neil <b>"];
const events: Event[] = (() => {
  const next = seededRandom(11);
  const out: Event[] = [];
  for (let u = 0; u < 50; u++) {
    const start = Math.floor(next() * 30);
    for (let d = start; d < 60; d++) {
      if (next() < 0.4) {
        const event = names[Math.floor(next() * 3)]!;
        out.push({
          user: `u${u}`,
          // Around midnight UTC, so that London's summer time moves some events to the next day.
          utc: new Date(Date.UTC(2024, 2, 1 + d, next() < 0.5 ? 23 : 0, Math.floor(next() * 60))),
          event,
          country: countries[Math.floor(next() * 3)]!,
          amount: event === 'buy' ? Math.round(next() * 1000) / 10 : null,
        });
      }
    }
  }
  return out;
})();
const plans = new Map(Array.from({ length: 55 }, (_, u) => [`u${u}`, u % 3 === 0 ? 'pro' : u % 3 === 1 ? 'free' : '']));

const eventsCsv = (rows: readonly Event[]) =>
  [
    'uid,time,name,country,price',
    ...rows.map(
      (e) =>
        `${e.user},${e.utc.toISOString().replace('.000Z', 'Z')},${e.event},"${e.country.replace(/"/g, '""')}",${e.amount ?? ''}`,
    ),
  ].join('\n');
const usersCsv = (ids: readonly string[]) => ['uid,plan', ...ids.map((id) => `${id},${plans.get(id)}`)].join('\n');

const eventsFile = {
  role: 'events',
  path: 'e.csv',
  format: 'csv',
  columns: { userId: 'uid', time: 'time', event: 'name', amount: 'price' },
};
const usersFile = { role: 'users', path: 'u.csv', format: 'csv', columns: { userId: 'uid' } };
const zone = 'Europe/London';

async function workspace(rows: readonly Event[], users: readonly string[]): Promise<Engine> {
  const engine = await createWasmEngine();
  const manifest = manifestOf('filters', zone, [eventsFile, usersFile]);
  const files = new Map([
    ['e.csv', bytes(eventsCsv(rows))],
    ['u.csv', bytes(usersCsv(users))],
  ]);
  expectOk(await engine.loadWorkspace('l', manifest, files));
  return engine;
}

const weekly: RetentionSpec = {
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
};
const requests: AnalysisRequest[] = [
  { kind: 'summary', spec: {} },
  { kind: 'active-users', spec: { mauWindow: 30, coreEvents: [] } },
  { kind: 'new-users', spec: { grain: 'week', weekStart: 'monday' } },
  { kind: 'revenue', spec: { grain: 'week', weekStart: 'monday' } },
  { kind: 'top-events', spec: { limit: 5 } },
  { kind: 'retention', spec: weekly },
  { kind: 'lifecycle', spec: { grain: 'week', weekStart: 'monday', coreEvents: [] } },
  { kind: 'stickiness', spec: { grain: 'week', weekStart: 'monday', coreEvents: [], span: null } },
];

const predicate = { values: [] as string[], min: null, max: null };
const countryIs = (value: string): AnalysisFilter => ({
  on: 'event',
  column: 'country',
  op: 'equals',
  ...predicate,
  values: [value],
});
const planIs = (value: string): AnalysisFilter => ({ on: 'user', column: 'plan', op: 'equals', ...predicate, values: [value] });
const allUsers = [...plans.keys()];

/** Rows compared with sums rounded: floating-point sums depend on the order rows are added in. */
const rounded = (rows: readonly Record<string, unknown>[]) =>
  rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v]),
    ),
  );

/** The local day in London of an instant: UTC+1 from 2024-03-31 01:00 UTC. */
const londonDay = (utc: Date) => {
  const summer = utc.getTime() >= Date.UTC(2024, 2, 31, 1);
  return new Date(utc.getTime() + (summer ? 3_600_000 : 0)).toISOString().slice(0, 10);
};

describe('filters on every analysis, through the envelope', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await workspace(events, allUsers);
  });

  it('an event-column filter equals the same analyses on a file of the rows that pass', async () => {
    for (const country of ['FR', "O'Neil <b>"]) {
      const alone = await workspace(
        events.filter((e) => e.country === country),
        allUsers,
      );
      for (const request of requests) {
        const filtered = expectOk(await engine.run('q', { ...request, filters: [countryIs(country)] }));
        const direct = expectOk(await alone.run('q', request));
        expect(rounded(filtered.rows), `${request.kind} ${country}`).toEqual(rounded(direct.rows));
      }
    }
  });

  it('DAU under an event filter counts, per London day, the users with a passing event', async () => {
    const filtered = expectOk(
      await engine.run('q', { kind: 'active-users', spec: { mauWindow: 30, coreEvents: [] }, filters: [countryIs('FR')] }),
    );
    const expected = new Map<string, Set<string>>();
    for (const e of events.filter((x) => x.country === 'FR')) {
      const day = londonDay(e.utc);
      expected.set(day, (expected.get(day) ?? new Set()).add(e.user));
    }
    const shown = new Map(filtered.rows.map((r) => [new Date(Number(r.day)).toISOString().slice(0, 10), Number(r.dau)]));
    expect(shown.size).toBeGreaterThan(40);
    for (const [day, users] of expected) expect(shown.get(day), day).toBe(users.size);
    // The DST switch is inside the data: an event at 23:30 UTC on 2024-04-02 is on 04-03 in London.
    expect([...expected.keys()].some((d) => d > '2024-03-31')).toBe(true);
  });

  it('a user-attribute filter equals the same analyses on the data of those users alone; empty means no value', async () => {
    for (const [filter, keep] of [
      [planIs('pro'), (id: string) => plans.get(id) === 'pro'],
      [{ on: 'user', column: 'plan', op: 'empty', ...predicate } as AnalysisFilter, (id: string) => plans.get(id) === ''],
    ] as const) {
      const ids = allUsers.filter(keep);
      const alone = await workspace(
        events.filter((e) => ids.includes(e.user)),
        ids,
      );
      for (const request of requests) {
        const filtered = expectOk(await engine.run('q', { ...request, filters: [filter] }));
        const direct = expectOk(await alone.run('q', request));
        expect(rounded(filtered.rows), `${request.kind} ${filter.op}`).toEqual(rounded(direct.rows));
      }
    }
  });

  it('several filters combine with AND, and with a date range', async () => {
    const ids = allUsers.filter((id) => plans.get(id) === 'free');
    const alone = await workspace(
      events.filter((e) => ids.includes(e.user) && e.country !== 'GB'),
      ids,
    );
    const notGb: AnalysisFilter = { on: 'event', column: 'country', op: 'in', ...predicate, values: ['FR', "O'Neil <b>"] };
    for (const request of requests) {
      const range = { from: '2024-03-20', to: '2024-04-20' };
      const filtered = expectOk(await engine.run('q', { ...request, ...range, filters: [planIs('free'), notGb] }));
      const direct = expectOk(await alone.run('q', { ...request, ...range }));
      expect(rounded(filtered.rows), request.kind).toEqual(rounded(direct.rows));
    }
  });

  it('a filter on a column that is not there is a clean error, and the workspace still answers', async () => {
    const bad: AnalysisFilter = { on: 'event', column: 'no"such', op: 'equals', ...predicate, values: ['x'] };
    const outcome = await engine.run('q', { kind: 'summary', spec: {}, filters: [bad] });
    expect(outcome.ok).toBe(false);
    const invalid = await engine.run('q', { kind: 'summary', spec: {}, filters: [{ on: 'device', column: 'x' }] });
    expect(invalid.ok).toBe(false);
    expect(expectOk(await engine.run('q', { kind: 'summary', spec: {} })).rows.length).toBe(1);
  });
});
