import { describe, expect, it } from 'vitest';
import { BackgroundTables } from '../../../src/engine/background-tables';
import { restoreSteps, type RestoreSession } from '../../../src/engine/snapshot-restore';
import { raw } from '../../../src/sql';

/** A session that records what is restored and queried, in order. */
function recordingSession(): RestoreSession & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    insertArrowStream: async (_schema, table) => void log.push(`insert ${table}`),
    query: async (text) => void log.push(`query ${text}`),
  };
}

const table = (name: string) => ({ table: { name, bytes: 3, sha256: '', parts: [1, 1, 1] }, stream: new Uint8Array([1, 2, 3]) });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** One step that pauses three times, counting in `pauses.n` each pause it got past. */
function threePauses(options?: { resumeAfterMs?: number }) {
  const pauses = { n: 0 };
  const step = {
    name: 'a',
    make: async (between: () => Promise<void>) => {
      for (let i = 0; i < 3; i++) {
        await between();
        pauses.n++;
      }
    },
  };
  return { tables: new BackgroundTables([step], () => true, options), pauses };
}

describe('BackgroundTables', () => {
  it('pauses while an analysis holds it, and goes on once every hold is released', async () => {
    const session = recordingSession();
    const restore = new BackgroundTables(
      restoreSteps(session, 's', [table('a'), table('b')], [{ name: 'v', query: raw('CREATE VIEW v') }]),
      () => true,
    );
    const first = restore.hold();
    const second = restore.hold();
    await settle();
    expect(session.log).toEqual([]);
    first();
    first(); // a second call of the same release changes nothing
    await settle();
    expect(session.log).toEqual([]);
    second();
    await restore.done;
    expect(session.log).toEqual(['insert a', 'insert b', 'query CREATE VIEW v']);
  });

  it('restores a table a statement waits for, held or not, and pauses again after it', async () => {
    const session = recordingSession();
    const restore = new BackgroundTables(
      restoreSteps(session, 's', [table('a'), table('b')], [{ name: 'v', query: raw('CREATE VIEW v') }]),
      () => true,
    );
    const release = restore.hold();
    await restore.ready(['b', 'not-restored-here']);
    expect(session.log).toEqual(['insert a', 'insert b']);
    await settle();
    expect(session.log).toEqual(['insert a', 'insert b']);
    release();
    await restore.done;
    expect(session.log).toEqual(['insert a', 'insert b', 'query CREATE VIEW v']);
  });

  it('does not make what is no longer wanted (another workspace opened since), and says so to whoever waits', async () => {
    const session = recordingSession();
    const restore = new BackgroundTables(restoreSteps(session, 's', [table('a')], []), () => false);
    await expect(restore.ready(['a'])).rejects.toMatchObject({ detail: { code: 'engine.cancelled' } });
    await expect(restore.done).rejects.toMatchObject({ detail: { code: 'engine.cancelled' } });
    expect(session.log).toEqual([]);
  });

  it('stops: the step under way ends at its next pause, and the others do not start', async () => {
    const log: string[] = [];
    let paused = 0;
    const step = (name: string) => ({
      name,
      make: async (between: () => Promise<void>) => {
        log.push(`start ${name}`);
        for (;;) {
          await between();
          paused++;
        }
      },
    });
    const tables = new BackgroundTables([step('a'), step('b')], () => true);
    await settle();
    expect(log).toEqual(['start a']);
    expect(paused).toBeGreaterThan(0);
    expect(tables.going).toBe(true);
    await tables.stop();
    expect(tables.going).toBe(false);
    const pausesAtStop = paused;
    await settle();
    expect(paused).toBe(pausesAtStop);
    expect(log).toEqual(['start a']);
    await expect(tables.ready(['b'])).rejects.toMatchObject({ detail: { code: 'engine.cancelled' } });
  });

  it('a held step waits at its pause until released', async () => {
    const { tables, pauses } = threePauses();
    const release = tables.hold();
    await settle();
    expect(pauses.n).toBe(0);
    release();
    await tables.done;
    expect(pauses.n).toBe(3);
  });

  it('a table waited for makes the steps go on only while no statement of an analysis runs', async () => {
    const { tables, pauses } = threePauses({ resumeAfterMs: 10_000 });
    const release = tables.hold();
    let endStatement = () => undefined as void;
    const statement = tables.running(() => new Promise<void>((resolve) => (endStatement = resolve)));
    const waited = tables.ready(['a']);
    await settle();
    expect(pauses.n).toBe(0);
    endStatement();
    await statement;
    await waited;
    expect(pauses.n).toBe(3);
    release();
  });

  it('goes on only a moment after the last hold ends, and a hold taken in that moment keeps it paused', async () => {
    const { tables, pauses } = threePauses({ resumeAfterMs: 60 });
    const first = tables.hold();
    await settle();
    first();
    await settle();
    expect(pauses.n).toBe(0);
    const second = tables.hold();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(pauses.n).toBe(0);
    second();
    await settle();
    expect(pauses.n).toBe(0);
    await tables.done;
    expect(pauses.n).toBe(3);
  });

  it('a hold taken while a step runs pauses it at its next pause; stopped there, it ends', async () => {
    let pauses = 0;
    const tables = new BackgroundTables(
      [
        {
          name: 'a',
          make: async (between) => {
            for (;;) {
              await between();
              pauses++;
            }
          },
        },
      ],
      () => true,
    );
    await settle();
    expect(pauses).toBeGreaterThan(0);
    tables.hold();
    await settle();
    const held = pauses;
    await settle();
    expect(pauses).toBe(held);
    await tables.stop();
    expect(pauses).toBe(held);
    await expect(tables.done).rejects.toMatchObject({ detail: { code: 'engine.cancelled' } });
  });
});
