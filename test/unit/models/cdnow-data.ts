import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PurchaseRecord } from '../../../src/models/bgnbd';

const cdnow = path.resolve(__dirname, '../../../../shared/data/cdnow');

/** 1997-09-30, the end of the 39-week calibration period of Fader, Hardie & Lee (2005). */
export const CALIBRATION_END = Date.UTC(1997, 8, 30);

const toDay = (yyyymmdd: string) => Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8));

/** The paper's 2,357-customer sample, one record per purchase, id = sampleid. */
export function sampleRecords(): PurchaseRecord[] {
  const lines = readFileSync(path.join(cdnow, 'cdnow_sample_elog.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [, sampleid, date] = line.split(',');
    return { userId: sampleid!, day: toDay(date!) };
  });
}

/** The published summary of the sample, keyed by ID. */
export function publishedSummary(): Map<string, { x: number; tx: number; T: number }> {
  const lines = readFileSync(path.join(cdnow, 'cdnow_sample_summary_published.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return new Map(
    lines.map((line) => {
      const [id, x, tx, T] = line.split(',');
      return [id!, { x: +x!, tx: +tx!, T: +T! }];
    }),
  );
}

/** All 23,570 customers of CDNOW_master.txt, one record per purchase. */
export function masterRecords(): PurchaseRecord[] {
  const lines = readFileSync(path.join(cdnow, 'CDNOW_master.txt'), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [id, date] = line.trim().split(/\s+/);
    return { userId: id!, day: toDay(date!) };
  });
}
