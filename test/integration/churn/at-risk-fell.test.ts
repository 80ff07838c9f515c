import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../../helpers/wasm-engine';

const masterPath = path.resolve(__dirname, '../../../../shared/data/cdnow/CDNOW_master.txt');
const DAY = 86_400_000;

/** An engine with one events CSV (user_id, time, event) loaded in UTC. */
async function engineWith(csv: string) {
  const engine = await createWasmEngine();
  const manifest = manifestOf('fixture', 'UTC', [
    { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'user_id', time: 'time', event: 'event' } },
  ]);
  expectOk(await engine.loadWorkspace('l', manifest, new Map([['e.csv', bytes(csv)]])));
  return engine;
}

describe('at-risk reason "events fell" on a hand-checked fixture (as of 2024-03-31, K = 14, beta = 50%)', () => {
  // Last K days: 03-18..03-31; the K before: 03-04..03-17. Each entry: day of March, event, how many.
  const events: Record<string, [number, string, number][]> = {
    a: [
      [5, 'open', 6],
      [12, 'buy', 4],
      [20, 'open', 3],
    ], // 10 -> 3: fell 70%
    b: [
      [10, 'open', 1],
      [17, 'open', 1],
    ], // 2 -> 0: below the minimum of 3 earlier events, no warning
    c: [
      [8, 'open', 4],
      [25, 'open', 2],
    ], // 4 -> 2: exactly 50%, flagged
    d: [
      [8, 'open', 4],
      [25, 'open', 3],
    ], // 4 -> 3: 25%, not flagged
    e: [[29, 'open', 5]], // 0 -> 5
    f: [
      [15, 'buy', 3],
      [16, 'open', 2],
      [22, 'open', 6],
      [28, 'open', 1],
    ], // any events 5 -> 7; "buy" alone 3 -> 0
    g: [
      [3, 'open', 4],
      [4, 'open', 1],
    ], // 03-03 is 28 days before t, outside both windows: 1 -> 0
    h: [
      [17, 'open', 4],
      [18, 'open', 2],
    ], // 03-17 is the earlier window's last day, 03-18 the recent one's first: 4 -> 2, flagged
  };
  const csv = [
    'user_id,time,event',
    ...Object.entries(events).flatMap(([u, list]) =>
      list.flatMap(([d, event, n]) =>
        Array.from(
          { length: n },
          (_, i) => `${u},2024-03-${String(d).padStart(2, '0')} ${String(8 + i).padStart(2, '0')}:00:00,${event}`,
        ),
      ),
    ),
  ].join('\n');
  const spec = { coreEvents: [] as string[], threshold: 30, asOf: '2024-03-31', alpha: 100, pAlive: null, window: 14, beta: 50 };

  it('flags a fall of at least beta % from at least 3 events, on any event', async () => {
    const engine = await engineWith(csv);
    const { rows } = expectOk(await engine.run('r', { kind: 'churn-at-risk', spec }));
    const fell = rows.map((r) => [r.user_id, r.earlier_events, r.recent_events, r.reasons]).sort();
    expect(fell).toEqual([
      ['a', 10, 3, 'fell'],
      ['c', 4, 2, 'fell'],
      ['h', 4, 2, 'fell'],
    ]);
  });

  it('counts only the core events when they are chosen, and beta moves the bar', async () => {
    const engine = await engineWith(csv);
    const core = expectOk(await engine.run('r', { kind: 'churn-at-risk', spec: { ...spec, coreEvents: ['buy'] } }));
    // Only a and f ever bought; a: 4 -> 0, f: 3 -> 0 (their last buy within L = 30 days).
    expect(core.rows.map((r) => [r.user_id, r.earlier_events, r.recent_events]).sort()).toEqual([
      ['a', 4, 0],
      ['f', 3, 0],
    ]);
    const strict = expectOk(await engine.run('r', { kind: 'churn-at-risk', spec: { ...spec, beta: 60 } }));
    expect(strict.rows.map((r) => r.user_id)).toEqual(['a']);
    const loose = expectOk(await engine.run('r', { kind: 'churn-at-risk', spec: { ...spec, beta: 25 } }));
    expect(loose.rows.map((r) => r.user_id).sort()).toEqual(['a', 'c', 'd', 'h']);
  });

  it('lists the overdue first, most overdue first, then the others longest inactive first', async () => {
    const engine = await engineWith(csv);
    const { rows } = expectOk(await engine.run('r', { kind: 'churn-at-risk', spec: { ...spec, alpha: 1 } }));
    // a: gaps of 7 and 8 days, inactive 11 (overdue at alpha = 1); h: inactive 13 days after its
    // only gap, of 1 day (13x, but one gap is no usual gap: not overdue); c: inactive 6 days.
    expect(rows.map((r) => [r.user_id, r.days_since, r.reasons])).toEqual([
      ['a', 11, 'overdue+fell'],
      ['h', 13, 'fell'],
      ['c', 6, 'fell'],
    ]);
  });
});

describe('at-risk reason "events fell" on CDNOW master, against a plain count of the file', () => {
  it.each([
    [28, 50],
    [56, 75],
  ])('K = %i days, beta = %i percent, as of 1997-09-30, L = 90', async (k, beta) => {
    const t = Date.UTC(1997, 8, 30) / DAY;
    // Independent of the app: each file row is one purchase event, by customer and day.
    const perCustomer = new Map<string, number[]>();
    for (const line of readFileSync(masterPath, 'utf8').trim().split(/\r?\n/).slice(1)) {
      const [id, date] = line.trim().split(/\s+/) as [string, string];
      const day = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8)) / DAY;
      const list = perCustomer.get(id) ?? [];
      list.push(day);
      perCustomer.set(id, list);
    }
    const expected: [string, number, number][] = [];
    for (const [id, days] of perCustomer) {
      const upTo = days.filter((d) => d <= t);
      if (upTo.length === 0 || t - Math.max(...upTo) > 90) continue;
      const recent = upTo.filter((d) => d > t - k).length;
      const earlier = upTo.filter((d) => d > t - 2 * k && d <= t - k).length;
      if (earlier >= 3 && (earlier - recent) / earlier >= beta / 100) expected.push([id, earlier, recent]);
    }
    expected.sort();

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
    const { rows } = expectOk(
      await engine.run('r', {
        kind: 'churn-at-risk',
        // alpha at its largest so that the overdue rule stays out of the comparison.
        spec: { coreEvents: [], threshold: 90, asOf: '1997-09-30', alpha: 100, pAlive: null, window: k, beta },
      }),
    );
    const actual = rows
      .filter((r) => String(r.reasons).split('+').includes('fell'))
      .map((r) => [String(r.user_id), Number(r.earlier_events), Number(r.recent_events)])
      .sort();
    expect(expected.length).toBeGreaterThan(10);
    expect(actual).toEqual(expected);
  });
});
