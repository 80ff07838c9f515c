import { describe, expect, it } from 'vitest';
import { BackgroundRestore, type RestoreSession } from '../../../src/engine/snapshot-restore';
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

describe('BackgroundRestore', () => {
  it('pauses while an analysis holds it, and goes on once every hold is released', async () => {
    const session = recordingSession();
    const restore = new BackgroundRestore(
      session,
      's',
      [table('a'), table('b')],
      [{ name: 'v', query: raw('CREATE VIEW v') }],
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
    const restore = new BackgroundRestore(
      session,
      's',
      [table('a'), table('b')],
      [{ name: 'v', query: raw('CREATE VIEW v') }],
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

  it('skips what is no longer wanted (another workspace opened since)', async () => {
    const session = recordingSession();
    const restore = new BackgroundRestore(session, 's', [table('a')], [], () => false);
    await restore.done;
    expect(session.log).toEqual([]);
  });
});
