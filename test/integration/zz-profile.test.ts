import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { bytes, createWasmEngine, expectOk } from '../helpers/wasm-engine';
import { nativeQuery } from '../helpers/native-duckdb';
it('profile', async () => {
  const engine = await createWasmEngine();
  const buf = readFileSync('/tmp/ev5m.csv');
  const m = {
    format: 'strata.workspace',
    version: 1,
    name: 'p',
    timeZone: 'Asia/Shanghai',
    files: [
      {
        role: 'events',
        path: 'e.csv',
        format: 'csv',
        columns: { userId: 'user_id', time: 'event_time', event: 'event', amount: 'amount' },
      },
    ],
  };
  let t = performance.now();
  const info = expectOk(await engine.loadWorkspace('l', m, new Map([['e.csv', bytes(new Uint8Array(buf))]])));
  console.log('R load', (performance.now() - t).toFixed(0), info.events);
  for (const spec of [
    { kind: 'summary' },
    { kind: 'active-users', mauWindow: 30, coreEvents: [] },
    { kind: 'new-users', grain: 'day', weekStart: 'monday' },
    { kind: 'revenue', grain: 'day', weekStart: 'monday' },
    { kind: 'top-events', limit: 10 },
  ] as const) {
    t = performance.now();
    expectOk(await engine.run('q', spec as never));
    console.log('R', spec.kind, (performance.now() - t).toFixed(0));
  }
  t = performance.now();
  await nativeQuery(`CREATE TABLE raw AS SELECT * FROM read_csv('/tmp/ev5m.csv')`);
  console.log('R native read_csv', (performance.now() - t).toFixed(0));
}, 300000);
