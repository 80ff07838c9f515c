// Issue 13: the churn charts keep their grain-free steps (per-day step counts, churned users per
// first day) as tables made once per workspace, scope and core events, so a grain change reads
// them instead of every user-day; each scope and each new zone gets its own, with the numbers of
// the plain queries.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisFilter } from '../../../src/analyses/analysis-filter';
import { scopeTables, withinScope, type Scope } from '../../../src/analyses/scope';
import { churnByCohortQuery } from '../../../src/analyses/churn/churned-by-query';
import { churnRateQuery, churnStagesQuery } from '../../../src/analyses/churn/inactivity-query';
import { stageFlowQuery } from '../../../src/analyses/churn/stage-flow-query';
import type { Engine } from '../../../src/engine/engine';
import { offsetSpans, type OffsetSpan } from '../../../src/schema/time-zone';
import type { Sql } from '../../../src/sql';
import { seededRandom } from '../../helpers/seeded-random';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../../helpers/wasm-engine';

const dayMs = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);

/**
 * 80 users over 120 days, some signed up days before their first event, in two countries; UTC
 * instants, so that another zone moves their days.
 */
const { eventsCsv, usersCsv } = (() => {
  const next = seededRandom(7);
  const events = ['uid,time,name,country'];
  const users = ['uid,signup'];
  for (let u = 0; u < 80; u++) {
    let day = Math.floor(next() * 60);
    users.push(`u${u},${addDays('2024-01-01', day - (u % 5 === 0 ? 3 : 0))}T08:00:00Z`);
    while (day < 120) {
      const hour = 10 + Math.floor(next() * 13);
      events.push(`u${u},${addDays('2024-01-01', day)}T${hour}:30:00Z,${next() < 0.6 ? 'open' : 'buy'},${u % 3 ? 'FR' : 'DE'}`);
      day += [1, 2, 3, 5, 8, 13, 21, 34][Math.floor(next() * 8)]!;
    }
  }
  return { eventsCsv: events.join('\n'), usersCsv: users.join('\n') };
})();

const thresholds = { coreEvents: [] as string[], threshold: 12, silent: 4 };
const germany: AnalysisFilter = { on: 'event', column: 'country', op: 'equals', values: ['DE'], min: null, max: null };
const fullScope: Scope = { asOf: null, from: null, segment: null, filters: [] };

/** The four grain-dependent churn requests of the churn page at one grain, with what each runs inline. */
function requests(grain: 'day' | 'week' | 'month') {
  const spec = { ...thresholds, grain, weekStart: 'monday' as const };
  return [
    { request: { kind: 'churn-rate', spec }, inline: churnRateQuery(spec) },
    { request: { kind: 'churn-stages', spec }, inline: churnStagesQuery(spec) },
    { request: { kind: 'churn-flow', spec: { ...spec, period: null } }, inline: stageFlowQuery({ ...spec, period: null }) },
    {
      request: { kind: 'churn-by-cohort', spec: { coreEvents: [], threshold: 12, asOf: null, grain, weekStart: 'monday' } },
      inline: churnByCohortQuery({ coreEvents: [], threshold: 12, asOf: null, grain, weekStart: 'monday' }),
    },
  ];
}

describe('the churn charts’ step tables', () => {
  let engine: Engine;
  let workspace: string;
  let spans: OffsetSpan[];
  const stepTables = async () =>
    expectOk(await engine.sql("SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'strata_step_%'"))
      .length;
  const inline = async (statement: Sql, scope: Scope) =>
    expectOk(await engine.sql(withinScope(statement, scopeTables(scope, workspace, spans)).text));

  beforeAll(async () => {
    engine = await createWasmEngine();
    const manifest = manifestOf('steps', 'UTC', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name' } },
      { role: 'users', path: 'u.csv', format: 'csv', columns: { userId: 'uid', signupTime: 'signup' } },
    ]);
    const info = expectOk(
      await engine.loadWorkspace(
        'l',
        manifest,
        new Map([
          ['e.csv', bytes(eventsCsv)],
          ['u.csv', bytes(usersCsv)],
        ]),
      ),
    );
    spans = offsetSpans('UTC', info.firstDay!, info.lastDay! + dayMs);
    workspace = String(expectOk(await engine.sql('SELECT current_schema() AS db'))[0]!.db);
  });

  it('are made once for every grain, and give the plain queries’ numbers', async () => {
    for (const grain of ['month', 'week', 'day'] as const) {
      for (const { request, inline: statement } of requests(grain)) {
        const result = expectOk(await engine.run('q', request));
        expect(result.rows.length).toBeGreaterThan(0);
        expect(result.rows).toEqual(await inline(statement, fullScope));
        expect(result.sql).toContain('-- shared step');
      }
    }
    // The step counts, and the churned per first day.
    expect(await stepTables()).toBe(2);
  });

  it('are made again for a filter and a date range, with the narrowed numbers', async () => {
    const scope: Scope = { ...fullScope, from: '2024-02-15', filters: [germany] };
    for (const grain of ['week', 'month'] as const) {
      for (const { request, inline: statement } of requests(grain)) {
        const all = expectOk(await engine.run('q', request));
        const narrowed = expectOk(await engine.run('q', { ...request, from: scope.from, filters: scope.filters }));
        expect(narrowed.rows).toEqual(await inline(statement, scope));
        expect(narrowed.rows).not.toEqual(all.rows);
      }
    }
    expect(await stepTables()).toBe(4);
  });

  it('are made again, under the same names, in a new time zone', async () => {
    const before = expectOk(await engine.run('q', requests('week')[1]!.request)).rows;
    expectOk(await engine.rezone('z', 'Pacific/Kiritimati'));
    for (const { request, inline: statement } of requests('week')) {
      expect(expectOk(await engine.run('q', request)).rows).toEqual(await inline(statement, fullScope));
    }
    expect(expectOk(await engine.run('q', requests('week')[1]!.request)).rows).not.toEqual(before);
    expect(await stepTables()).toBe(4);
  });
});
