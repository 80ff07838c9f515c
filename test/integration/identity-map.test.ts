import { describe, expect, it } from 'vitest';
import { bytes, createWasmEngine, expectOk } from '../helpers/wasm-engine';

const events = `user,time,event
d-1,2024-01-01 10:00:00,app_open
d-1,2024-01-01 10:05:00,view_item
u1,2024-01-02 09:00:00,purchase
d-2,2024-01-01 11:00:00,app_open
d-3,2024-01-03 08:00:00,app_open
u2,2024-01-03 12:00:00,app_open
d-4,2024-01-04 08:00:00,app_open
`;

// d-4 belongs to two users (u1 is first by id); u2 -> u2 moves nothing; d-5 has no user.
const identity = `device_id,user_id
d-1,u1
d-2,u2
d-4,u3
d-4,u1
u2,u2
d-5,
`;

describe('an identity map', () => {
  it('re-attributes anonymous ids to their users and reports how many events moved', async () => {
    const engine = await createWasmEngine();
    const manifest = {
      format: 'strata.workspace',
      version: 1,
      name: 'identity',
      timeZone: 'UTC',
      files: [
        { role: 'events', path: 'events.csv', format: 'csv', columns: { userId: 'user', time: 'time', event: 'event' } },
        { role: 'identity', path: 'identity.csv', format: 'csv', columns: { userId: 'user_id', anonymousId: 'device_id' } },
      ],
    };
    const info = expectOk(
      await engine.loadWorkspace(
        'l',
        manifest,
        new Map([
          ['events.csv', bytes(events)],
          ['identity.csv', bytes(identity)],
        ]),
      ),
    );
    expect(info.files[1]).toMatchObject({
      role: 'identity',
      rowsRead: 6,
      nullUserIds: 1,
      rowsLoaded: 5,
      identity: { pairs: 3, conflicts: 1, movedEvents: 4, movedIds: 3 },
    });
    expect(info.events).toBe(7);
    expect(info.users).toBe(3);
    const perUser = expectOk(await engine.sql('SELECT user_id, count(*) AS n FROM events GROUP BY 1 ORDER BY 1'));
    expect(perUser).toEqual([
      { user_id: 'd-3', n: 1 },
      { user_id: 'u1', n: 4 },
      { user_id: 'u2', n: 2 },
    ]);
  });
});
