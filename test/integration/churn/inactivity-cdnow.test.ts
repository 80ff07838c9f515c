import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine';
import { nativeQuery } from '../../helpers/native-duckdb';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../../helpers/wasm-engine';

const masterPath = path.resolve(__dirname, '../../../../shared/data/cdnow/CDNOW_master.txt');
const DAY = 86_400_000;
const toDay = (yyyymmdd: string) => Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8)) / DAY;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** Independent of the app: each customer's distinct purchase days (days since 1970), from the file split by hand. */
function customerDays(): Map<string, number[]> {
  const days = new Map<string, Set<number>>();
  for (const line of readFileSync(masterPath, 'utf8').trim().split(/\r?\n/).slice(1)) {
    const [id, date] = line.trim().split(/\s+/);
    const set = days.get(id!) ?? new Set<number>();
    set.add(toDay(date!));
    days.set(id!, set);
  }
  return new Map([...days].map(([id, set]) => [String(Number(id)), [...set].sort((a, b) => a - b)]));
}

describe('inactivity churn on CDNOW master, against computations that do not use the app', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createWasmEngine();
    const manifest = manifestOf('cdnow', 'UTC', [
      {
        role: 'orders',
        path: 'CDNOW_master.txt',
        format: 'whitespace',
        columns: { userId: 'customer_id', time: 'date', amount: 'dollar_value' },
      },
    ]);
    const file = bytes(new Uint8Array(readFileSync(masterPath)));
    expectOk(await engine.loadWorkspace('l', manifest, new Map([['CDNOW_master.txt', file]])));
  });

  it.each([30, 60, 90])('churned as of 1997-09-30 with L = %i days equals native DuckDB on the raw file', async (l) => {
    const { rows } = expectOk(
      await engine.run('s', { kind: 'churn-status', spec: { coreEvents: [], threshold: l, asOf: '1997-09-30' } }),
    );
    const [native] = await nativeQuery(`
      WITH lines AS (
        SELECT string_split_regex(trim(line), '\\s+') AS f
        FROM read_csv('${masterPath}', header = true, delim = '|', columns = {'line': 'VARCHAR'})
      ), purchases AS (
        SELECT CAST(f[1] AS INTEGER) AS id, CAST(strptime(f[2], '%Y%m%d') AS DATE) AS day FROM lines
      ), last_seen AS (
        SELECT id, max(day) AS last_day FROM purchases WHERE day <= DATE '1997-09-30' GROUP BY id
      )
      SELECT count(*) AS users, count(*) FILTER (WHERE DATE '1997-09-30' - last_day > ${l}) AS churned FROM last_seen`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ threshold: l, users: Number(native!.users), churned: Number(native!.churned) });
    expect(rows[0]!.users).toBe(23_570);
    expect(Number(rows[0]!.churned)).toBeGreaterThan(0);
  });

  it('lists the churned and the not churned users as of 1997-09-30 (L = 90), as a plain reading of the file splits them', async () => {
    const asOf = toDay('19970930');
    const expected = { churned: new Set<string>(), notChurned: new Set<string>() };
    for (const [id, days] of customerDays()) {
      const seen = days.filter((d) => d <= asOf);
      if (seen.length === 0) continue;
      (asOf - seen.at(-1)! > 90 ? expected.churned : expected.notChurned).add(id);
    }
    const ids = async (churned: boolean) => {
      const spec = { coreEvents: [], threshold: 90, asOf: iso(asOf), churned };
      const { rows } = expectOk(await engine.run('u', { kind: 'churn-churned-users', spec }));
      return new Set(rows.map((r) => String(Number(r.user_id))));
    };
    const churned = await ids(true);
    const notChurned = await ids(false);
    expect(churned.size).toBeGreaterThan(0);
    expect(notChurned.size).toBeGreaterThan(0);
    expect(churned).toEqual(expected.churned);
    expect(notChurned).toEqual(expected.notChurned);
  });

  it('proposes L as the 90th percentile (nearest rank) of the gaps between consecutive purchase days', async () => {
    const gaps = [...customerDays().values()].flatMap((d) => d.slice(1).map((day, i) => day - d[i]!)).sort((a, b) => a - b);
    const p90 = gaps[Math.ceil(0.9 * gaps.length) - 1];
    const { rows } = expectOk(await engine.run('g', { kind: 'churn-gaps', spec: { coreEvents: [] } }));
    expect(rows[0]).toMatchObject({ proposed_threshold: p90, total_gaps: gaps.length });
    expect(rows.reduce((s, r) => s + Number(r.pairs), 0)).toBe(gaps.length);
    const { rows: status } = expectOk(
      await engine.run('s', { kind: 'churn-status', spec: { coreEvents: [], threshold: null, asOf: null } }),
    );
    expect(status[0]).toMatchObject({ threshold: p90, as_of: Date.parse('1998-06-30') });
  });

  it('churn and recall per week (L = 60) equal a plain count of each week’s customers', async () => {
    const l = 60;
    const { rows } = expectOk(
      await engine.run('r', { kind: 'churn-rate', spec: { grain: 'week', weekStart: 'monday', coreEvents: [], threshold: l } }),
    );
    const customers = [...customerDays().values()];
    // Monday-start weeks: 1970-01-01 was a Thursday, so day d is in the week starting d - ((d + 3) mod 7).
    const weekOf = (d: number) => d - ((d + 3) % 7);
    for (const row of rows) {
      const start = Number(row.period) / DAY;
      const prevStart = start - 7;
      let active = 0;
      let activeBefore = 0;
      let churned = 0;
      let lapsed = 0;
      let recalled = 0;
      for (const days of customers) {
        const inWeek = days.some((d) => weekOf(d) === start);
        const inPrev = days.some((d) => weekOf(d) === prevStart);
        if (inWeek) active++;
        if (inPrev) activeBefore++;
        if (inPrev && !inWeek) churned++;
        const before = days.filter((d) => d < start);
        if (before.length > 0 && start - before[before.length - 1]! > l) {
          lapsed++;
          if (inWeek) recalled++;
        }
      }
      const first = row === rows[0];
      expect({ week: iso(start), active: row.active, churned: row.churned, lapsed: row.lapsed, recalled: row.recalled }).toEqual({
        week: iso(start),
        active,
        churned: first ? null : churned,
        lapsed,
        recalled,
      });
      if (!first && activeBefore > 0) expect(Number(row.churn_rate)).toBeCloseTo(churned / activeBefore, 12);
    }
    expect(rows.length).toBeGreaterThan(70);
  });
});

describe('the stage model on CDNOW master, against a plain count per month', () => {
  it('new / active / silent / churned / recalled at each month end (S = 30, L = 90) partition the customers seen so far', async () => {
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
    const [s, l] = [30, 90];
    const { rows } = expectOk(
      await engine.run('st', {
        kind: 'churn-stages',
        spec: { grain: 'month', weekStart: 'monday', coreEvents: [], threshold: l, silent: s },
      }),
    );
    expect(rows).toHaveLength(18);
    const customers = [...customerDays().values()];
    const monthStart = (d: number) => {
      const x = new Date(d * DAY);
      return Date.UTC(x.getUTCFullYear(), x.getUTCMonth(), 1) / DAY;
    };
    for (const row of rows) {
      const start = Number(row.period) / DAY;
      const t = Number(row.as_of) / DAY;
      const count = { new: 0, active: 0, silent: 0, churned: 0, recalled: 0 };
      for (const days of customers) {
        if (days[0]! > t) continue;
        const inPeriod = days.filter((d) => d >= start && d <= t);
        const before = days.filter((d) => d < start);
        const last = days.filter((d) => d <= t).pop()!;
        if (monthStart(days[0]!) === start) count.new++;
        else if (inPeriod.length > 0 && before.length > 0 && start - before[before.length - 1]! > l) count.recalled++;
        else if (t - last <= s) count.active++;
        else if (t - last <= l) count.silent++;
        else count.churned++;
      }
      expect({
        month: iso(start),
        new: row.new,
        active: row.active,
        silent: row.silent,
        churned: row.churned,
        recalled: row.recalled,
      }).toEqual({
        month: iso(start),
        ...count,
      });
    }
    expect(rows.at(-1)).toMatchObject({ as_of: Date.parse('1998-06-30'), complete: true });
  });
});
