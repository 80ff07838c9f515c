import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine';
import type { Row } from '../../../src/schema/row';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../../helpers/wasm-engine';

const masterPath = path.resolve(__dirname, '../../../../shared/data/cdnow/CDNOW_master.txt');
const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const stages = ['new', 'recalled', 'active', 'silent', 'churned'] as const;
type Stage = (typeof stages)[number];

/** Independent of the app: each customer's distinct purchase days (days since 1970), from the file split by hand. */
function customerDays(): number[][] {
  const days = new Map<string, Set<number>>();
  for (const line of readFileSync(masterPath, 'utf8').trim().split(/\r?\n/).slice(1)) {
    const [id, date] = line.trim().split(/\s+/) as [string, string];
    const set = days.get(id) ?? new Set<number>();
    set.add(Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)) / DAY);
    days.set(id, set);
  }
  return [...days.values()].map((set) => [...set].sort((a, b) => a - b));
}

/** A customer's stage at the end t of the period [start, t], by METRICS.md's stage model; null before the first purchase. */
function stageOf(days: number[], start: number, t: number, periodOf: (d: number) => number, s: number, l: number): Stage | null {
  if (days[0]! > t) return null;
  const inPeriod = days.some((d) => d >= start && d <= t);
  const before = days.filter((d) => d < start);
  const last = days.filter((d) => d <= t).pop()!;
  if (inPeriod && periodOf(days[0]!) === start) return 'new';
  if (inPeriod && before.length > 0 && start - before[before.length - 1]! > l) return 'recalled';
  if (t - last <= s) return 'active';
  if (t - last <= l) return 'silent';
  return 'churned';
}

const monthStart = (d: number) => {
  const x = new Date(d * DAY);
  return Date.UTC(x.getUTCFullYear(), x.getUTCMonth(), 1) / DAY;
};

describe('stage-to-stage flow on CDNOW master (S = 30, L = 90)', () => {
  let engine: Engine;
  const [s, l] = [30, 90];
  const customers = customerDays();
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
    expectOk(
      await engine.loadWorkspace('l', manifest, new Map([['CDNOW_master.txt', bytes(new Uint8Array(readFileSync(masterPath)))]])),
    );
  });

  const flow = async (grain: 'month' | 'week', period: string | null) =>
    expectOk(
      await engine.run('f', {
        kind: 'churn-flow',
        spec: { grain, weekStart: 'monday', coreEvents: [], threshold: l, silent: s, period },
      }),
    ).rows;

  it('every monthly transition equals a plain count, rows summing to the earlier month’s stages and columns to the later one’s', async () => {
    const { rows: stageRows } = expectOk(
      await engine.run('st', {
        kind: 'churn-stages',
        spec: { grain: 'month', weekStart: 'monday', coreEvents: [], threshold: l, silent: s },
      }),
    );
    expect(stageRows).toHaveLength(18);
    for (let k = 1; k < stageRows.length; k++) {
      const before = stageRows[k - 1]!;
      const after = stageRows[k]!;
      const start0 = Number(before.period) / DAY;
      const start1 = Number(after.period) / DAY;
      const rows = await flow('month', iso(start1 + 10));
      expect(rows.every((r) => r.from_period === before.period && r.to_period === after.period)).toBe(true);

      const plain = new Map<string, number>();
      for (const days of customers) {
        const from = stageOf(days, start0, Number(before.as_of) / DAY, monthStart, s, l);
        const to = stageOf(days, start1, Number(after.as_of) / DAY, monthStart, s, l);
        if (to === null) continue;
        const key = `${from ?? 'none'}>${to}`;
        plain.set(key, (plain.get(key) ?? 0) + 1);
      }
      const got = new Map(rows.map((r) => [`${String(r.from_stage)}>${String(r.to_stage)}`, Number(r.users)]));
      expect(got).toEqual(plain);

      const sum = (pick: (r: Row) => boolean) => rows.filter(pick).reduce((n, r) => n + Number(r.users), 0);
      for (const stage of stages) {
        expect(
          sum((r) => r.from_stage === stage),
          `${iso(start0)} ${stage}`,
        ).toBe(Number(before[stage]));
        expect(
          sum((r) => r.to_stage === stage),
          `${iso(start1)} ${stage}`,
        ).toBe(Number(after[stage]));
      }
    }
  });

  it('defaults to the last complete period: June 1998 by month, the week of 1998-06-22 by week', async () => {
    const monthly = await flow('month', null);
    expect(monthly[0]).toMatchObject({ from_period: Date.parse('1998-05-01'), to_period: Date.parse('1998-06-01') });
    // The data ends on Tuesday 1998-06-30, so the week starting Monday 06-29 is not complete.
    const weekly = await flow('week', null);
    expect(weekly[0]).toMatchObject({
      from_period: Date.parse('1998-06-15'),
      from_as_of: Date.parse('1998-06-21'),
      to_period: Date.parse('1998-06-22'),
      to_as_of: Date.parse('1998-06-28'),
    });
    const { rows: weeks } = expectOk(
      await engine.run('st', {
        kind: 'churn-stages',
        spec: { grain: 'week', weekStart: 'monday', coreEvents: [], threshold: l, silent: s },
      }),
    );
    const at = (day: string) => weeks.find((w) => w.period === Date.parse(day))!;
    for (const stage of stages) {
      expect(weekly.filter((r) => r.from_stage === stage).reduce((n, r) => n + Number(r.users), 0)).toBe(
        Number(at('1998-06-15')[stage]),
      );
      expect(weekly.filter((r) => r.to_stage === stage).reduce((n, r) => n + Number(r.users), 0)).toBe(
        Number(at('1998-06-22')[stage]),
      );
    }
  });
});
