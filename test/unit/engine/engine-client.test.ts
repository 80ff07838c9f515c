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

describe('EngineClient', () => {
  it('restarts a worker that stops answering, fails its pending request, and reloads the workspace', async () => {
    const spawned: string[] = [];
    const loads: unknown[] = [];
    const restarts: string[] = [];
    const hung = {
      init: async () => ({ ok: true, value: 'v' }),
      ping: never,
      loadWorkspace: async (_id: string, manifest: unknown) => {
        loads.push(manifest);
        return { ok: true, value: { name: 'w' } };
      },
      run: never,
      cancel: () => {},
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

  it('cancels the older request of a panel when a newer one starts', async () => {
    const cancelled: string[] = [];
    let calls = 0;
    const api = {
      init: async () => ({ ok: true, value: 'v' }),
      ping: async () => 'pong',
      loadWorkspace: async () => ({ ok: true, value: {} }),
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
});
