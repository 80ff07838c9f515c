// Issue 13: the engine keeps a workspace's last answers by request, least recently used dropped first.
import { describe, expect, it } from 'vitest';
import { ResultCache } from '../../../src/engine/result-cache';

const run = (rows: number, extra: object = {}) => ({
  output: { rows: Array.from({ length: rows }, (_, i) => ({ i })), ...extra },
  statements: ['SELECT 1'],
});

describe('ResultCache', () => {
  it('keeps the most recently used answers up to its limit', () => {
    const cache = new ResultCache(2);
    cache.set('a', run(1));
    cache.set('b', run(2));
    expect(cache.get('a')?.output.rows).toHaveLength(1);
    cache.set('c', run(3));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.output.rows).toHaveLength(1);
    expect(cache.get('c')?.output.rows).toHaveLength(3);
  });

  it('keeps no answer with a file, or with more than 10,000 rows over its tables', () => {
    const cache = new ResultCache();
    cache.set('file', run(1, { file: new Blob(['x']) }));
    cache.set('big', run(6_000, { tables: { more: Array.from({ length: 4_001 }, () => ({})) } }));
    cache.set('fits', run(6_000, { tables: { more: Array.from({ length: 4_000 }, () => ({})) } }));
    expect(cache.get('file')).toBeUndefined();
    expect(cache.get('big')).toBeUndefined();
    expect(cache.get('fits')?.statements).toEqual(['SELECT 1']);
  });
});
