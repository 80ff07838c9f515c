import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { timelineLines } from '../../src/analyses/profile/timeline-rows';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

// Issue 9: ids that are not plain text open the right user.
const odd = ['007', '9007199254740993', 'u\u200b1', '<script>alert(1)</script>', "o'neil"];
const rows = [
  ...odd.map((id, i) => [id, `2024-03-0${i + 1} 23:30:00`, 'open', '']),
  ['007', '2024-03-02 00:10:00', 'purchase', '12.5'],
  ['7', '2024-03-02 00:10:00', 'open', ''],
  ['9007199254740992', '2024-03-02 00:10:00', 'open', ''],
  ['u1', '2024-03-02 00:10:00', 'open', ''],
];
const csv = `uid,time,name,price\n${rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\n')}\n`;
const users = `uid,city\n"007",上海\n"9007199254740993",北京\n`;

describe('the user profile', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createWasmEngine();
    const manifest = manifestOf('profile', 'Asia/Shanghai', [
      { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name', amount: 'price' } },
      { role: 'users', path: 'u.csv', format: 'csv', columns: { userId: 'uid' } },
    ]);
    expectOk(
      await engine.loadWorkspace(
        'l',
        manifest,
        new Map([
          ['e.csv', bytes(csv)],
          ['u.csv', bytes(users)],
        ]),
      ),
    );
  });

  it.each(odd)('opens %j and only that user', async (id) => {
    const result = expectOk(await engine.run('p', { kind: 'user-profile', spec: { userId: id, segments: [] } }));
    const expected = rows.filter((r) => r[0] === id);
    expect(result.tables?.timeline?.length).toBe(expected.length);
    expect(result.rows[0]?.events).toBe(expected.length);
  });

  it('gives totals, attributes, segments and the events grouped by local day', async () => {
    const segments = [
      { id: 'buyers', definition: { rule: { kind: 'amount', aggregate: 'sum', op: '>', value: 10, window: { kind: 'all' } } } },
      { id: 'frozen', definition: { ids: ['7', '007'] } },
      { id: 'other', definition: { ids: ['7'] } },
    ];
    const result = expectOk(await engine.run('p', { kind: 'user-profile', spec: { userId: '007', segments } }));
    expect(result.rows).toEqual([
      {
        created_day: Date.UTC(2024, 2, 1),
        first_day: Date.UTC(2024, 2, 1),
        last_day: Date.UTC(2024, 2, 2),
        active_days: 2,
        events: 2,
        purchases: 1,
        amount: 12.5,
      },
    ]);
    expect(result.tables?.attributes).toEqual([{ user_id: '007', created_at: null, city: '上海' }]);
    expect(result.tables?.segments?.map((r) => r.segment_id).sort()).toEqual(['buyers', 'frozen']);
    expect(timelineLines(result.tables?.timeline ?? [])).toEqual([
      { kind: 'day', day: Date.UTC(2024, 2, 1), events: 1 },
      { kind: 'event', time: Date.UTC(2024, 2, 1, 23, 30), event: 'open', amount: null },
      { kind: 'day', day: Date.UTC(2024, 2, 2), events: 1 },
      { kind: 'event', time: Date.UTC(2024, 2, 2, 0, 10), event: 'purchase', amount: 12.5 },
    ]);
    expect(result.statements).toHaveLength(4);
  });

  it('says nothing is known of a user who is not in the data', async () => {
    const result = expectOk(await engine.run('p', { kind: 'user-profile', spec: { userId: 'nobody', segments: [] } }));
    expect(result.rows[0]?.events).toBe(0);
    expect(result.tables?.timeline).toEqual([]);
  });
});
