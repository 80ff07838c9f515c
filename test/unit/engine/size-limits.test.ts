import { describe, expect, it } from 'vitest';
import { EngineFailure, inputFailure } from '../../../src/engine/engine-error';
import { problem } from '../../../src/schema/problem';
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
    ['Out of Memory Error: failed to allocate data of size 256.0 MiB (3.0 GiB/3.1 GiB used)', 'load.outOfMemory'],
    ["Invalid Error: NotReadableError: Failed to execute 'readAsArrayBuffer' on 'FileReaderSync'", 'load.notReadableBack'],
  ])('%s', (raw, code) => {
    const mapped = sizeLimitAsInput(new Error(raw), manifest);
    expect(mapped).toBeInstanceOf(EngineFailure);
    expect((mapped as EngineFailure).detail).toEqual({ kind: 'input', code, vars: { files: 'big.csv' }, detail: raw });
  });

  it('sees the limit in the DuckDB text an unreadable CSV carries as its detail', () => {
    const raw = "Invalid Error: NotReadableError: Failed to execute 'readAsArrayBuffer' on 'FileReaderSync'";
    const failure = inputFailure(problem('csv.unreadable', { file: 'big.csv' }), raw);
    expect((sizeLimitAsInput(failure, manifest) as EngineFailure).detail).toMatchObject({ code: 'load.notReadableBack' });
  });

  it('leaves every other error as it was', () => {
    const other = new Error('Binder Error: column "x" not found');
    expect(sizeLimitAsInput(other, manifest)).toBe(other);
  });
});
