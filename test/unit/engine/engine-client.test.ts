import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../../src/engine/engine-client';

/** A stand-in worker: a MessagePort with terminate(), serving `api` on the other end. */
function fakeWorker(api: object): Worker {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(api, port2);
  const worker = port1 as unknown as Worker & { terminated: boolean };
  worker.terminate = () => {
    port1.close();
    port2.close();
  };
  port1.start();
  return worker;
}

const never = () => new Promise<never>(() => {});

/** A worker's api that answers at once; a test overrides what it is about. */
const quickApi = {
  init: async () => ({ ok: true, value: 'v' }),
  ping: async () => 'pong',
  loadWorkspace: async () => ({ ok: true, value: {} }),
  run: async (id: string) => ({ ok: true, value: { rows: [], sql: id, ms: 0 } }),
  cancel: (_id: string) => {},
};

describe('EngineClient', () => {
  it('restarts a worker that stops answering, fails its pending request, and reloads the workspace', async () => {
    const spawned: string[] = [];
    const loads: unknown[] = [];
    const restarts: string[] = [];
    const hung = {
      ...quickApi,
      ping: never,
      loadWorkspace: async (_id: string, _order: number, manifest: unknown) => {
        loads.push(manifest);
        return { ok: true, value: { name: 'w' } };
      },
      run: never,
    };
    const healthy = { ...hung, ping: async () => 'pong', run: async () => ({ ok: true, value: { rows: [], sql: '', ms: 0 } }) };
    const client = new EngineClient({
      createWorker: () => {
        spawned.push('worker');
        return fakeWorker(spawned.length === 1 ? hung : healthy);
      },
      wasmUrl: 'x',
      hangAfterMs: 300,
      pingEveryMs: 50,
      onRestart: (reason) => restarts.push(reason),
    });
    expect((await client.loadWorkspace({ name: 'm' }, [])).ok).toBe(true);
    const pending = await client.run('panel', { kind: 'summary', spec: {} });
    expect(pending).toEqual({
      ok: false,
      error: { kind: 'engine', code: 'engine.restarted' },
    });
    expect(restarts).toEqual(['engine.hung']);
    expect(spawned).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(loads).toEqual([{ name: 'm' }, { name: 'm' }]);
    expect((await client.run('panel', { kind: 'summary', spec: {} })).ok).toBe(true);
    client.dispose();
  });

  it('holds a request made while a restarted worker reloads the workspace until it is in place', async () => {
    const events: string[] = [];
    const worker = (hung: boolean) => ({
      ...quickApi,
      ping: hung ? never : async () => 'pong',
      loadWorkspace: async () => {
        // The first worker loads at once; the second one's reload takes a while.
        if (!hung) await new Promise((r) => setTimeout(r, 150));
        events.push(hung ? 'loaded' : 'reloaded');
        return { ok: true, value: {} };
      },
      run: hung
        ? never
        : async (id: string) => {
            events.push(`run ${id}`);
            return { ok: true, value: { rows: [], sql: id, ms: 0 } };
          },
    });
    let spawned = 0;
    const client = new EngineClient({
      createWorker: () => fakeWorker(worker(++spawned === 1)),
      wasmUrl: 'x',
      hangAfterMs: 300,
      pingEveryMs: 50,
    });
    expect((await client.loadWorkspace({ name: 'm' }, [])).ok).toBe(true);
    expect((await client.run('panel', { kind: 'summary', spec: {} })).ok).toBe(false);
    // Asked at once after the restart: without the hold the new worker has no workspace yet.
    expect((await client.run('panel', { kind: 'summary', spec: {} })).ok).toBe(true);
    expect(events).toEqual(['loaded', 'reloaded', 'run panel-4']);
    client.dispose();
  });

  it('cancels the older request of a panel when a newer one starts', async () => {
    const cancelled: string[] = [];
    let calls = 0;
    const api = {
      ...quickApi,
      run: async (id: string) => {
        calls++;
        if (calls === 1) await new Promise((r) => setTimeout(r, 100));
        return cancelled.includes(id)
          ? { ok: false, error: { kind: 'cancelled', code: 'engine.cancelled' } }
          : { ok: true, value: { rows: [], sql: id, ms: 0 } };
      },
      cancel: (id: string) => {
        cancelled.push(id);
      },
    };
    const client = new EngineClient({ createWorker: () => fakeWorker(api), wasmUrl: 'x' });
    const first = client.run('panel', { kind: 'summary', spec: {} });
    await new Promise((r) => setTimeout(r, 10));
    const second = client.run('panel', { kind: 'summary', spec: {} });
    const other = client.run('other-panel', { kind: 'summary', spec: {} });
    expect((await first).ok).toBe(false);
    expect((await second).ok).toBe(true);
    expect((await other).ok).toBe(true);
    expect(cancelled).toEqual(['panel-1']);
    client.dispose();
  });

  it('holds a request made while the first workspace loads until it is in place (issue 12: kept answers drawn meanwhile)', async () => {
    const events: string[] = [];
    const api = {
      ...quickApi,
      loadWorkspace: async () => {
        await new Promise((r) => setTimeout(r, 80));
        events.push('loaded');
        return { ok: true, value: {} };
      },
      run: async (id: string) => {
        events.push(`run ${id}`);
        return { ok: true, value: { rows: [], sql: id, ms: 0 } };
      },
    };
    const client = new EngineClient({ createWorker: () => fakeWorker(api), wasmUrl: 'x' });
    const loading = client.loadWorkspace({ name: 'kept' }, []);
    const early = client.run('timeline', { kind: 'summary', spec: {} });
    expect((await early).ok).toBe(true);
    await loading;
    // Once a workspace is in place, a request runs at once, though a new load is under way.
    const next = client.loadWorkspace({ name: 'other' }, []);
    const late = client.run('timeline', { kind: 'summary', spec: {} });
    await Promise.all([next, late]);
    expect(events).toEqual(['loaded', 'run timeline-2', 'run timeline-4', 'loaded']);
    client.dispose();
  });
});

describe('EngineClient started later (issue 12: a reopen draws its kept answers first)', () => {
  it('makes no worker until it is asked for something, then one, which answers', async () => {
    let made = 0;
    const client = new EngineClient({
      createWorker: () => {
        made++;
        return fakeWorker(quickApi);
      },
      wasmUrl: 'x',
      startWithinMs: 60_000,
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(made).toBe(0);
    const loading = client.loadWorkspace({ name: 'kept' }, []);
    expect(made).toBe(1);
    expect((await client.run('panel', { kind: 'summary', spec: {} })).ok).toBe(true);
    expect((await loading).ok).toBe(true);
    expect((await client.ready()).ok).toBe(true);
    expect(made).toBe(1);
    client.dispose();
  });

  it('starts by itself once its time is up, and a client disposed before never starts', async () => {
    let made = 0;
    const createWorker = () => {
      made++;
      return fakeWorker(quickApi);
    };
    const client = new EngineClient({ createWorker, wasmUrl: 'x', startWithinMs: 20 });
    const disposed = new EngineClient({ createWorker, wasmUrl: 'x', startWithinMs: 20 });
    disposed.dispose();
    await new Promise((r) => setTimeout(r, 60));
    expect(made).toBe(1);
    expect((await client.ready()).ok).toBe(true);
    client.dispose();
  });
});

describe('EngineClient during a load (issue 12: a busy engine is not a dead engine)', () => {
  it('does not restart a worker that cannot answer pings while it loads and reports progress', async () => {
    const restarts: string[] = [];
    let answering = true;
    const busy = {
      ...quickApi,
      ping: () => (answering ? Promise.resolve('pong') : never()),
      loadWorkspace: async (_id: string, _order: number, _m: unknown, _f: unknown, onProgress: (p: object) => void) => {
        answering = false;
        for (let i = 0; i < 8; i++) {
          onProgress({ phase: 'read', file: 'wide.csv', fileCount: 1 });
          await new Promise((r) => setTimeout(r, 60));
        }
        answering = true;
        return { ok: true, value: { name: 'w' } };
      },
    };
    const client = new EngineClient({
      createWorker: () => fakeWorker(busy),
      wasmUrl: 'x',
      hangAfterMs: 150,
      loadHangAfterMs: 200,
      pingEveryMs: 20,
      onRestart: (reason) => restarts.push(reason),
    });
    // 480 ms of loading without a pong: longer than either limit, but progress kept coming.
    expect((await client.loadWorkspace({ name: 'm' }, [{ path: 'wide.csv', url: 'x' }])).ok).toBe(true);
    expect(restarts).toEqual([]);
    client.dispose();
  });

  it('names the file a load was reading when the worker really stopped', async () => {
    const restarts: [string, string | undefined][] = [];
    const dead = {
      ...quickApi,
      ping: never,
      loadWorkspace: (_id: string, _order: number, _m: unknown, _f: unknown, onProgress: (p: object) => void) => {
        onProgress({ phase: 'read', file: 'b.csv', fileIndex: 1, fileCount: 2 });
        return never();
      },
    };
    const client = new EngineClient({
      createWorker: () => fakeWorker(dead),
      wasmUrl: 'x',
      hangAfterMs: 100,
      loadHangAfterMs: 150,
      pingEveryMs: 20,
      onRestart: (reason, file) => restarts.push([reason, file]),
    });
    const outcome = await client.loadWorkspace({ name: 'm' }, [
      { path: 'a.csv', url: 'x' },
      { path: 'b.csv', url: 'y' },
    ]);
    expect(outcome).toEqual({ ok: false, error: { kind: 'engine', code: 'engine.restartedLoading', vars: { file: 'b.csv' } } });
    expect(restarts[0]).toEqual(['engine.hung', 'b.csv']);
    client.dispose();
  });

  it('hands a published snapshot to the worker as its own worker fetched it, and a kept one or none as it is', async () => {
    const handed: unknown[] = [];
    const api = {
      ...quickApi,
      loadWorkspace: async (_id: string, _order: number, _m: unknown, _f: unknown, _p: unknown, snapshot: unknown) => {
        handed.push(snapshot);
        return { ok: true, value: {} };
      },
    };
    const fetchedBy: string[] = [];
    const fetcher = {
      fetch: async (url: string) => {
        fetchedBy.push(url);
        const bytes = new Uint8Array([1, 2, 3]);
        return Comlink.transfer({ url, state: 'fetched', bytes, gunzipped: true }, [bytes.buffer]);
      },
    };
    const client = new EngineClient({
      createWorker: () => fakeWorker(api),
      createSnapshotWorker: () => fakeWorker(fetcher),
      wasmUrl: 'x',
    });
    const url = 'http://127.0.0.1/app/demo/tables.snapshot.gz';
    expect((await client.loadWorkspace({ name: 'demo' }, [], undefined, url)).ok).toBe(true);
    const kept = new Blob(['kept']);
    expect((await client.loadWorkspace({ name: 'kept' }, [], undefined, kept)).ok).toBe(true);
    expect((await client.loadWorkspace({ name: 'files' }, [])).ok).toBe(true);
    expect(fetchedBy).toEqual([url]);
    const { bytes, ...rest } = handed[0] as { bytes: Uint8Array };
    expect(rest).toEqual({ url, state: 'fetched', gunzipped: true });
    expect(Array.from(bytes)).toEqual([1, 2, 3]);
    // (A jsdom Blob crosses Node's MessageChannel as {}: that it was not fetched is what counts.)
    expect(handed[1]).not.toHaveProperty('state');
    expect(handed[2]).toBeUndefined();
    client.dispose();
  });

  it('orders loads as they were asked for, though a published snapshot reaches the worker after a later load', async () => {
    const arrived: [string, number][] = [];
    const api = {
      ...quickApi,
      loadWorkspace: async (_id: string, order: number, manifest: { name: string }) => {
        arrived.push([manifest.name, order]);
        return { ok: true, value: {} };
      },
    };
    const slowFetcher = {
      fetch: async (url: string) => {
        await new Promise((r) => setTimeout(r, 100));
        return { url, state: 'missing' };
      },
    };
    const client = new EngineClient({
      createWorker: () => fakeWorker(api),
      createSnapshotWorker: () => fakeWorker(slowFetcher),
      wasmUrl: 'x',
    });
    const demo = client.loadWorkspace({ name: 'demo' }, [], undefined, 'http://127.0.0.1/app/demo/tables.snapshot.gz');
    const dropped = client.loadWorkspace({ name: 'dropped' }, []);
    await Promise.all([demo, dropped]);
    // The dropped file's load arrives first but is the newer: the worker installs it over the demo.
    expect(arrived).toEqual([
      ['dropped', 2],
      ['demo', 1],
    ]);
    client.dispose();
  });

  it('cancels a load while the page still fetches its snapshot: the worker never gets it', async () => {
    const arrived: string[] = [];
    const api = {
      ...quickApi,
      loadWorkspace: async (_id: string, _order: number, manifest: { name: string }) => {
        arrived.push(manifest.name);
        return { ok: true, value: {} };
      },
    };
    const slowFetcher = {
      fetch: async (url: string) => {
        await new Promise((r) => setTimeout(r, 100));
        return { url, state: 'missing' };
      },
    };
    const client = new EngineClient({
      createWorker: () => fakeWorker(api),
      createSnapshotWorker: () => fakeWorker(slowFetcher),
      wasmUrl: 'x',
    });
    const demo = client.loadWorkspace({ name: 'demo' }, [], undefined, 'http://127.0.0.1/app/demo/tables.snapshot.gz');
    await new Promise((r) => setTimeout(r, 10));
    client.cancelLoad();
    expect(await demo).toEqual({ ok: false, error: { kind: 'cancelled', code: 'engine.cancelled' } });
    expect((await client.loadWorkspace({ name: 'after' }, [])).ok).toBe(true);
    expect(arrived).toEqual(['after']);
    client.dispose();
  });
});
