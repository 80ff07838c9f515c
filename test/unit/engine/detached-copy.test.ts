// @vitest-environment node
// jsdom's Blob has no stream(): Node's Blob and Response are the ones browsers have.
import { describe, expect, it } from 'vitest';
import { detachedCopy } from '../../../src/engine/detached-copy';
import { EngineFailure } from '../../../src/engine/engine-error';

describe('detachedCopy (a file read back from IndexedDB, before it is imported)', () => {
  it('is a new Blob with the same bytes', async () => {
    const file = new Blob(['user,time\n', 'a,2024-01-01\n']);
    const copy = await detachedCopy({ path: 'e.csv', file });
    expect(copy).not.toBe(file);
    expect(await copy.text()).toBe('user,time\na,2024-01-01\n');
  });

  it('says which kept file could not be read back, with what the browser said', async () => {
    const unreadable = {
      stream: () =>
        new ReadableStream<Uint8Array>({
          pull: (controller) => controller.error(new DOMException('The requested file could not be read', 'NotReadableError')),
        }),
    } as unknown as Blob;
    const failure = await detachedCopy({ path: '周报.csv', file: unreadable }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EngineFailure);
    expect((failure as EngineFailure).detail).toMatchObject({
      kind: 'input',
      code: 'file.keptUnreadable',
      vars: { file: '周报.csv' },
      detail: expect.stringContaining('could not be read'),
    });
  });
});
