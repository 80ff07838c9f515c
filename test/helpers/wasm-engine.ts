import { createWasmBindings } from '../../scripts/node-duckdb';
import { Engine } from '../../src/engine/engine';
import type { FileSource } from '../../src/engine/duckdb-session';
import type { EngineError } from '../../src/engine/engine-error';

export { createWasmBindings };

/** The app's engine over those bindings. */
export async function createWasmEngine(options: { compressAboveBytes?: number } = {}): Promise<Engine> {
  return new Engine(await createWasmBindings(), options);
}

export function bytes(text: string | Uint8Array): FileSource {
  return { kind: 'bytes', bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text };
}

export function expectOk<T>(outcome: { ok: true; value: T } | { ok: false; error: EngineError }): T {
  if (!outcome.ok) throw new Error(`engine error: ${JSON.stringify(outcome.error).slice(0, 500)}`);
  return outcome.value;
}

/** A workspace manifest of the given files, as a test writes it. */
export function manifestOf(name: string, timeZone: string, files: readonly Record<string, unknown>[]) {
  return { format: 'strata.workspace', version: 1, name, timeZone, files };
}
