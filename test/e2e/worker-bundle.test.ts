import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distDir } from './harness';

// Issue 8: the analyses' pure parts reach the worker through the registry; their views must not.
describe('the engine worker bundle', () => {
  it('holds no React', () => {
    const assets = path.join(distDir, 'assets');
    const workers = readdirSync(assets).filter((f) => /^engine\.worker-.*\.js$/.test(f));
    expect(workers).toHaveLength(1);
    const code = readFileSync(path.join(assets, workers[0]!), 'utf8');
    // React marks its elements with Symbol.for('react.…'); the app's main bundle has them.
    expect(code).not.toMatch(/Symbol\.for\(["'`]react\./);
    // The registry's validators are there: specs are checked at the worker's door.
    expect(code).toContain('spec.invalid');
  });
});
