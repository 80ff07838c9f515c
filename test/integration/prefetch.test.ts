// Issue 13: a churn grain change redrawn in 300 ms. Answers computed ahead (Engine.prefetch) are
// the ones a panel then gets, without running again; a panel asking for one under way joins it.
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import type { AnalysisRequest } from '../../src/analyses/request';
import { bytes, createWasmBindings, expectOk, manifestOf } from '../helpers/wasm-engine';
import { seededRandom } from '../helpers/seeded-random';

const dayMs = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
const eventsCsv = (() => {
  const next = seededRandom(7);
  const lines = ['uid,time,name'];
  for (let u = 0; u < 300; u++) {
    for (let d = Math.floor(next() * 100); d < 180; d += 1 + Math.floor(next() * 20)) {
      lines.push(`u${u},${addDays('2024-01-01', d)} 10:00:00,${next() < 0.7 ? 'open' : 'buy'}`);
    }
  }
  return lines.join('\n');
})();

const manifest = manifestOf('prefetch', 'UTC', [
  { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name' } },
]);

const stages = (grain: 'day' | 'week' | 'month'): AnalysisRequest => ({
  kind: 'churn-stages',
  spec: { coreEvents: [], threshold: null, silent: null, grain, weekStart: 'monday' },
});

/** An engine on the test data, with every statement it starts in DuckDB recorded. */
async function recordingEngine(): Promise<{ engine: Engine; started: string[] }> {
  const bindings = await createWasmBindings();
  const started: string[] = [];
  const start = bindings.startPendingQuery.bind(bindings);
  bindings.startPendingQuery = (conn, text, ...rest) => {
    started.push(text);
    return start(conn, text, ...rest);
  };
  const engine = new Engine(bindings);
  expectOk(await engine.loadWorkspace('l', manifest, new Map([['e.csv', bytes(eventsCsv)]])));
  return { engine, started };
}

describe('answers computed ahead', () => {
  let plain: Engine;
  beforeAll(async () => {
    ({ engine: plain } = await recordingEngine());
  });

  it('are what a panel then gets, from the answer kept, without a statement run again', async () => {
    const { engine, started } = await recordingEngine();
    expect(await engine.prefetch('p', stages('week'))).toEqual({ ok: true, value: undefined });
    const before = started.length;
    const answer = expectOk(await engine.run('r', stages('week')));
    expect(answer.statements[0]).toBe('-- the answer of an earlier run of the same request, on the same data');
    expect(started.length).toBe(before);
    const fresh = expectOk(await plain.run('r', stages('week')));
    expect(fresh.statements[0]).not.toContain('earlier run');
    expect(answer.rows).toEqual(fresh.rows);
    expect(answer.rows.length).toBeGreaterThan(20);
  });

  it("are joined by a panel asking for one under way, which the prefetch's cancel does not stop", async () => {
    const { engine, started } = await recordingEngine();
    const ahead = engine.prefetch('p', stages('month'));
    const asked = engine.run('r', stages('month'));
    engine.cancel('p');
    const answer = expectOk(await asked);
    // The prefetch either ended with the answer (the run joined it) or was stopped: nothing else.
    const aheadOutcome = await ahead;
    if (!aheadOutcome.ok) expect(aheadOutcome.error.code).toBe('engine.cancelled');
    const main = answer.statements.at(-1)!;
    expect(started.filter((text) => text === main)).toHaveLength(1);
    expect(answer.rows).toEqual(expectOk(await plain.run('r', stages('month'))).rows);
  });

  it('stop when cancelled, keeping nothing: the panel asking later gets a run of its own', async () => {
    const { engine } = await recordingEngine();
    const ahead = engine.prefetch('p', stages('day'));
    engine.cancel('p');
    const outcome = await ahead;
    expect(outcome.ok ? 'ok' : outcome.error.code).toBe('engine.cancelled');
    const answer = expectOk(await engine.run('r', stages('day')));
    expect(answer.statements[0]).not.toContain('earlier run');
    expect(answer.rows).toEqual(expectOk(await plain.run('r', stages('day'))).rows);
  });
});
