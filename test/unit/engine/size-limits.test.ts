import { describe, expect, it } from 'vitest';
import { EngineFailure } from '../../../src/engine/engine-error';
import { sizeLimitAsInput } from '../../../src/engine/workspace-loader';
import type { WorkspaceManifest } from '../../../src/ingest/manifest';

const manifest: WorkspaceManifest = {
  format: 'strata.workspace',
  version: 1,
  name: 'big',
  timeZone: 'UTC',
  weekStart: 'monday',
  files: [{ role: 'events', path: 'big.csv', format: 'csv', encoding: 'gb18030', columns: { userId: 'u', time: 't' } }],
};

describe('a tab at the limits of its size says what helps', () => {
  it.each([
    [
      'Out of Memory Error: failed to allocate data of size 256.0 MiB (3.0 GiB/3.1 GiB used)',
      /^big\.csv: too large for this browser tab: the engine's memory.*shorter period.*unchanged\.$/,
    ],
    [
      "events.csv: could not be read as CSV (Invalid Error: NotReadableError: Failed to execute 'readAsArrayBuffer' on 'FileReaderSync')",
      /^big\.csv: the browser could not read the file back.*Save it as UTF-8 CSV.*unchanged\.$/,
    ],
  ])('%s', (raw, message) => {
    const mapped = sizeLimitAsInput(new Error(raw), manifest);
    expect(mapped).toBeInstanceOf(EngineFailure);
    expect((mapped as EngineFailure).detail).toMatchObject({ kind: 'input', message: expect.stringMatching(message) });
  });

  it('leaves every other error as it was', () => {
    const other = new Error('Binder Error: column "x" not found');
    expect(sizeLimitAsInput(other, manifest)).toBe(other);
  });
});
