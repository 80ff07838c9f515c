import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitProblem } from '../../../src/analyses/churn/bgnbd-run';
import { problemOf } from '../../../src/analyses/churn/run-helpers';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../../helpers/wasm-engine';

const gamelaunch = path.resolve(__dirname, '../../../../shared/data/gamelaunch/gamelaunch.csv');

/** An engine with one events CSV (user_id, time, event[, amount]) loaded in UTC. */
async function engineWith(csv: string, amount: boolean) {
  const engine = await createWasmEngine();
  const columns = { userId: 'user_id', time: 'time', event: 'event', ...(amount ? { amount: 'amount' } : {}) };
  const manifest = manifestOf('fixture', 'UTC', [{ role: 'events', path: 'e.csv', format: 'csv', columns }]);
  expectOk(await engine.loadWorkspace('l', manifest, new Map([['e.csv', bytes(csv)]])));
  return engine;
}

const bgnbd = (calibrationEnd: string | null) => ({
  kind: 'churn-bgnbd' as const,
  spec: { calibrationEnd, unit: 'week' as const, horizon: 52, event: null },
});

describe('BG/NBD explains what it needs instead of failing', () => {
  it('data without an amount (gamelaunch): needs purchases', async () => {
    const engine = await createWasmEngine();
    const manifest = manifestOf('game', 'UTC', [
      { role: 'events', path: 'g.csv', format: 'csv', columns: { userId: 'userid', time: 'eventDate', event: 'eventName' } },
    ]);
    expectOk(await engine.loadWorkspace('l', manifest, new Map([['g.csv', bytes(readFileSync(gamelaunch))]])));
    const result = expectOk(await engine.run('b', bgnbd(null)));
    expect(result.rows).toEqual([]);
    expect(problemOf(result.tables)).toEqual({ code: 'churn.bgnbd.noPurchases', vars: {} });
    expect(result.statements).toHaveLength(1);
  });

  it('one purchase per customer: needs repeat purchases (same-day purchases are one)', async () => {
    const lines = ['user_id,time,event,amount'];
    for (let i = 0; i < 20; i++) lines.push(`c${i},2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00,buy,5`);
    lines.push('c0,2024-01-01 18:00:00,buy,7', 'c0,2024-01-01 19:00:00,open,');
    const result = expectOk(await (await engineWith(lines.join('\n'), true)).run('b', bgnbd(null)));
    expect(problemOf(result.tables)).toEqual({ code: 'churn.bgnbd.noRepeat', vars: { customers: 20 } });
  });

  it('a calibration end outside the data says where the data is', async () => {
    const csv =
      'user_id,time,event,amount\na,2024-01-05 10:00:00,buy,5\na,2024-01-09 10:00:00,buy,5\nb,2024-01-03 09:00:00,open,';
    const engine = await engineWith(csv, true);
    for (const day of ['2024-01-04', '2024-02-01']) {
      const result = expectOk(await engine.run('b', bgnbd(day)));
      expect(problemOf(result.tables)).toEqual({
        code: 'churn.bgnbd.calibrationOutside',
        vars: { calibrationEnd: day, from: '2024-01-05', to: '2024-01-09' },
      });
    }
    const few = expectOk(await engine.run('b', bgnbd('2024-01-09')));
    expect(problemOf(few.tables)).toEqual({ code: 'churn.bgnbd.tooFewCustomers', vars: { customers: 1, minimum: 10 } });
  });

  it('a fit that does not converge is a problem with what was tried, never parameters', () => {
    const output = fitProblem({
      ok: false,
      code: 'not-converged',
      vars: { iterations: 1000, starts: 4, gradientNorm: 0.5, logLikelihood: -12.5, atBound: 'b' },
    });
    expect(output.rows).toEqual([]);
    expect(Object.keys(output.tables ?? {})).toEqual(['problem']);
    expect(problemOf(output.tables)).toEqual({
      code: 'churn.bgnbd.notConverged',
      vars: { iterations: 1000, starts: 4, gradientNorm: 0.5, logLikelihood: -12.5, atBound: 'b' },
    });
  });
});

describe('the at-risk list on a hand-checked fixture (as of 2024-01-20)', () => {
  // u1: 1, 3, 5, 7 (gaps 2, 2, 2): 13 days since, 6.5 x its median gap of 2: flagged.
  // u2: 1, 2 (one gap): no usual gap yet. u3: 1, 10, 19 (gaps 9, 9): 1 day since.
  // u4: 1, 2, 3 (gaps 1, 1): 17 days since, 17 x: flagged unless L < 17 (then churned, not at risk).
  const days: Record<string, number[]> = { u1: [1, 3, 5, 7], u2: [1, 2], u3: [1, 10, 19], u4: [1, 2, 3] };
  const csv = [
    'user_id,time,event',
    ...Object.entries(days).flatMap(([u, ds]) => ds.map((d) => `${u},2024-01-${String(d).padStart(2, '0')} 12:00:00,open`)),
    'u5,2024-01-25 12:00:00,open',
  ].join('\n');
  // K = 1: no user has 3 events on 2024-01-19, so the events rule flags no one here (see at-risk-fell).
  const spec = { coreEvents: [], asOf: '2024-01-20', alpha: 2, pAlive: null, window: 1, beta: 50 };

  it('flags users inactive for more than alpha x their own median gap, leaving out the churned', async () => {
    const engine = await engineWith(csv, false);
    const wide = expectOk(await engine.run('r', { kind: 'churn-at-risk', spec: { ...spec, threshold: 30 } }));
    expect(wide.rows.map((r) => [r.user_id, r.days_since, r.gaps, r.median_gap, r.overdue_ratio, r.reasons])).toEqual([
      ['u4', 17, 2, 1, 17, 'overdue'],
      ['u1', 13, 3, 2, 6.5, 'overdue'],
    ]);
    expect(wide.rows[0]!.last_active).toBe(Date.parse('2024-01-03'));
    const narrow = expectOk(await engine.run('r', { kind: 'churn-at-risk', spec: { ...spec, threshold: 14 } }));
    expect(narrow.rows.map((r) => r.user_id)).toEqual(['u1']);
    const status = expectOk(
      await engine.run('s', { kind: 'churn-status', spec: { coreEvents: [], threshold: 14, asOf: '2024-01-20' } }),
    );
    expect(status.rows[0]).toMatchObject({ users: 4, churned: 2, churned_share: 0.5 });
  });

  it('says why the P(alive) rule is not used on data without amounts', async () => {
    const engine = await engineWith(csv, false);
    const result = expectOk(await engine.run('r', { kind: 'churn-at-risk', spec: { ...spec, threshold: 30, pAlive: 0.5 } }));
    expect(result.tables?.notes).toEqual([{ note: 'no-purchases' }]);
    expect(result.rows.map((r) => r.user_id)).toEqual(['u4', 'u1']);
  });
});
