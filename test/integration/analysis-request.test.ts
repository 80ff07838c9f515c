import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisRequest } from '../../src/analyses/request';
import type { Engine } from '../../src/engine/engine';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

// Three users over ten days in Asia/Shanghai; u3 appears only after 2024-05-05.
const events = `uid,time,name,price
u1,2024-05-01 09:00:00,open,
u1,2024-05-02 10:00:00,buy,10
u2,2024-05-01 23:59:00,open,
u2,2024-05-04 08:00:00,open,
u1,2024-05-05 23:30:00,open,
u3,2024-05-06 00:30:00,buy,5
u2,2024-05-08 12:00:00,buy,7
u3,2024-05-10 12:00:00,open,
`;

const manifest = () =>
  manifestOf('asOf', 'Asia/Shanghai', [
    { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name', amount: 'price' } },
  ]);

async function load(csv: string): Promise<Engine> {
  const engine = await createWasmEngine();
  expectOk(await engine.loadWorkspace('l', manifest(), new Map([['e.csv', bytes(csv)]])));
  return engine;
}

const requests: AnalysisRequest[] = [
  { kind: 'summary', spec: {} },
  { kind: 'active-users', spec: { mauWindow: 30, coreEvents: [] } },
  { kind: 'new-users', spec: { grain: 'day', weekStart: 'monday' } },
  { kind: 'revenue', spec: { grain: 'day', weekStart: 'monday' } },
  { kind: 'top-events', spec: { limit: 5 } },
  { kind: 'lifecycle', spec: { grain: 'day', weekStart: 'monday', coreEvents: [] } },
];

describe('the request envelope', () => {
  let full: Engine;
  let truncated: Engine;
  beforeAll(async () => {
    full = await load(events);
    // The same file cut after 2024-05-05 local time: what "as of 2024-05-05" must see.
    truncated = await load(
      events
        .split('\n')
        .filter((line) => !/2024-05-(0[6-9]|10)/.test(line))
        .join('\n'),
    );
  });

  it.each(requests.map((r) => [r.kind, r] as const))('%s as of a date equals the data cut at that date', async (_, request) => {
    const scoped = expectOk(await full.run('q', { ...request, asOf: '2024-05-05' }));
    const cut = expectOk(await truncated.run('q', request));
    expect(scoped.rows).toEqual(cut.rows);
    expect(scoped.statements).toHaveLength(1);
    expect(scoped.sql).toContain(`WHERE day <= CAST('2024-05-05' AS DATE)`);
  });

  it('refuses a bad request at the door with a code, and runs nothing', async () => {
    const outcome = await full.run('q', { kind: 'retention', spec: { grain: 'year' } });
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'input', code: 'spec.invalid' } });
    const unknown = await full.run('q', { kind: 'drop-table', spec: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'request.unknownKind', vars: { kind: 'drop-table' } } });
  });
});
