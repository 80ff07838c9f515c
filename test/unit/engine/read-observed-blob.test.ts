import { describe, expect, it } from 'vitest';
import { furthestReadReporter, ReadObservedBlob } from '../../../src/engine/read-observed-blob';

describe('reads of a registered file as byte progress', () => {
  it('passes slices through and reports where each read ended', async () => {
    const ends: number[] = [];
    const blob = new ReadObservedBlob(new Blob(['abcdefghij']), (end) => ends.push(end));
    expect(blob.size).toBe(10);
    expect(await blob.slice(2, 5).text()).toBe('cde');
    expect(await blob.slice(8, 64).text()).toBe('ij');
    expect(ends).toEqual([5, 10]);
  });

  it('reports only forward, at most every step, and always the end', () => {
    const reports: number[] = [];
    const report = furthestReadReporter(100, (done) => reports.push(done), 30);
    for (const end of [10, 20, 35, 5, 35, 60, 64, 70, 99, 100, 100]) report(end);
    expect(reports).toEqual([35, 70, 100]);
  });
});
