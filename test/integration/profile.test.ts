import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import {
  timelineLines,
  timelinePageSize,
  toTimelineDays,
  toTimelineEvents,
  type TimelineEvent,
} from '../../src/analyses/profile/timeline-rows';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

// Issue 9: ids that are not plain text open the right user.
const odd = ['007', '9007199254740993', 'u\u200b1', '<script>alert(1)</script>', "o'neil"];
const rows = [
  ...odd.map((id, i) => [id, `2024-03-0${i + 1} 23:30:00`, 'open', '']),
  ['007', '2024-03-02 00:10:00', 'purchase', '12.5'],
  ['7', '2024-03-02 00:10:00', 'open', ''],
  ['9007199254740992', '2024-03-02 00:10:00', 'open', ''],
  ['u1', '2024-03-02 00:10:00', 'open', ''],
  // More events than a page, with equal times (and equal time and name) across page borders.
  ...Array.from({ length: 1_234 }, (_, i) => [
    'heavy',
    `2024-03-0${1 + (i % 5)} 1${i % 3}:00:0${i % 4}`,
    i % 2 === 0 ? 'open' : 'buy',
    i % 2 === 0 ? '' : String(i % 9),
  ]),
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
    const days = toTimelineDays(result.tables?.days ?? []);
    expect(days).toEqual([
      { day: Date.UTC(2024, 2, 1), events: 1 },
      { day: Date.UTC(2024, 2, 2), events: 1 },
    ]);
    expect(toTimelineEvents(result.tables?.timeline ?? [])).toEqual([
      { time: Date.UTC(2024, 2, 1, 23, 30), event: 'open', amount: null },
      { time: Date.UTC(2024, 2, 2, 0, 10), event: 'purchase', amount: 12.5 },
    ]);
    expect(timelineLines(days)).toEqual([
      { kind: 'day', day: Date.UTC(2024, 2, 1), events: 1 },
      { kind: 'event', ordinal: 0 },
      { kind: 'day', day: Date.UTC(2024, 2, 2), events: 1 },
      { kind: 'event', ordinal: 1 },
    ]);
    expect(result.statements).toHaveLength(5);
  });

  it('pages a long timeline: every event once, in time order, the days adding up (issue 9)', async () => {
    const result = expectOk(await engine.run('p', { kind: 'user-profile', spec: { userId: 'heavy', segments: [] } }));
    const events = toTimelineEvents(result.tables?.timeline ?? []);
    expect(events).toHaveLength(timelinePageSize);
    for (let offset = timelinePageSize; offset < 1_234; offset += timelinePageSize) {
      const page = expectOk(
        await engine.run('t', { kind: 'user-timeline', spec: { userId: 'heavy', offset, limit: timelinePageSize } }),
      );
      events.push(...toTimelineEvents(page.rows));
    }
    // Wall times are the file's own: read as if UTC, sorted by time, name, then amount (none first).
    const expected: TimelineEvent[] = rows
      .filter((r) => r[0] === 'heavy')
      .map((r) => ({ time: Date.parse(`${r[1]!.replace(' ', 'T')}Z`), event: r[2]!, amount: r[3] === '' ? null : Number(r[3]) }))
      .sort(
        (a, b) => a.time - b.time || (a.event < b.event ? -1 : a.event > b.event ? 1 : 0) || (a.amount ?? -1) - (b.amount ?? -1),
      );
    expect(events).toEqual(expected);
    const days = toTimelineDays(result.tables?.days ?? []);
    expect(days.map((d) => d.events)).toEqual([247, 247, 247, 247, 246]);
    expect(timelineLines(days)).toHaveLength(1_234 + 5);
  });

  it('says nothing is known of a user who is not in the data', async () => {
    const result = expectOk(await engine.run('p', { kind: 'user-profile', spec: { userId: 'nobody', segments: [] } }));
    expect(result.rows[0]?.events).toBe(0);
    expect(result.tables?.timeline).toEqual([]);
  });
});
