import type { PurchaseSummary } from './types';

const MS_PER_DAY = 86_400_000;

export interface PurchaseRecord {
  userId: string;
  /** Epoch-ms of the purchase's local calendar date at UTC midnight. */
  day: number;
}

export interface CustomerSummary extends PurchaseSummary {
  userId: string;
}

export type TimeUnit = 'day' | 'week';

export type CustomerSummaryResult =
  | { ok: true; value: CustomerSummary[] }
  | { ok: false; code: 'invalid-day'; vars: { index: number } }
  | { ok: false; code: 'invalid-calibration-end'; vars: { calibrationEnd: number } };

/**
 * Per customer, x (repeat purchase occasions: distinct purchase days up to and including
 * `calibrationEnd`, minus 1), tx (first to last of those days) and T (first purchase day to
 * `calibrationEnd`), in days or weeks (days / 7). Records may come in any order, several a day.
 * Customers whose first purchase is after `calibrationEnd` are left out. Customers come in the
 * order of their first record.
 */
export function customerSummary(
  records: readonly PurchaseRecord[],
  calibrationEnd: number,
  unit: TimeUnit,
): CustomerSummaryResult {
  if (!Number.isInteger(calibrationEnd / MS_PER_DAY)) {
    return { ok: false, code: 'invalid-calibration-end', vars: { calibrationEnd } };
  }
  const days = new Map<string, number[]>();
  for (let i = 0; i < records.length; i++) {
    const { userId, day } = records[i]!;
    if (!Number.isInteger(day / MS_PER_DAY)) return { ok: false, code: 'invalid-day', vars: { index: i } };
    const list = days.get(userId);
    if (list === undefined) days.set(userId, [day]);
    else list.push(day);
  }
  const perUnit = unit === 'week' ? 7 * MS_PER_DAY : MS_PER_DAY;
  const value: CustomerSummary[] = [];
  for (const [userId, list] of days) {
    list.sort((p, q) => p - q);
    const first = list[0]!;
    if (first > calibrationEnd) continue;
    let occasions = 0;
    let last = first;
    for (const day of list) {
      if (day > calibrationEnd) break;
      if (day !== last) occasions++;
      last = day;
    }
    value.push({ userId, x: occasions, tx: (last - first) / perUnit, T: (calibrationEnd - first) / perUnit });
  }
  return { ok: true, value };
}
