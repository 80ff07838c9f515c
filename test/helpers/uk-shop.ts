import { seededRandom } from './seeded-random';

/**
 * A small UK shop's orders written as a UK system writes them: ISO times with the offset of
 * the day (+00:00 in winter, +01:00 in summer time, which began on 2024-03-31), and a users
 * file with naive signup times. For the time-zone tests of issue 13 (bug 7).
 */

export interface ShopOrder {
  user: string;
  instant: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Wall-time fields of an instant in a zone, from Intl (independent of the app's offset code). */
function wallFields(instant: Date, timeZone: string): { date: string; time: string; offsetSeconds: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  const wall = Date.parse(`${date}T${time}Z`);
  return { date, time, offsetSeconds: Math.round((wall - instant.getTime()) / 1000) };
}

/** The calendar day of an instant in a zone, `YYYY-MM-DD`. */
export function dayIn(instant: Date, timeZone: string): string {
  return wallFields(instant, timeZone).date;
}

/** 90 customers ordering over 2024-03-20 .. 2024-04-10, mostly in the evening (UK time). */
export const shopOrders: readonly ShopOrder[] = (() => {
  const next = seededRandom(13);
  const out: ShopOrder[] = [];
  for (let u = 0; u < 90; u++) {
    for (let d = 0; d < 22; d++) {
      if (next() < 0.3) {
        // Hours 14..23 UTC: late afternoon to midnight in London, the next morning in Shanghai.
        const hour = 14 + Math.floor(next() * 10);
        const minute = Math.floor(next() * 60);
        out.push({ user: `c${u}`, instant: new Date(Date.UTC(2024, 2, 20 + d, hour, minute)) });
      }
    }
  }
  return out.sort((a, b) => a.instant.getTime() - b.instant.getTime());
})();

/** The orders file: `customer,ordered_at,total` with London times and their offsets. */
export function shopOrdersCsv(): string {
  const lines = shopOrders.map((o, i) => {
    const { date, time, offsetSeconds } = wallFields(o.instant, 'Europe/London');
    const offset = `${offsetSeconds < 0 ? '-' : '+'}${pad(Math.abs(offsetSeconds) / 3600)}:00`;
    return `${o.user},${date}T${time}${offset},${(10 + (i % 7) * 2.5).toFixed(2)}`;
  });
  return `customer,ordered_at,total\n${lines.join('\n')}\n`;
}

/** Distinct customers per calendar day in a zone, computed over the generated orders. */
export function dailyCustomers(timeZone: string): Record<string, number> {
  const byDay = new Map<string, Set<string>>();
  for (const o of shopOrders) {
    const day = dayIn(o.instant, timeZone);
    if (!byDay.has(day)) byDay.set(day, new Set());
    byDay.get(day)!.add(o.user);
  }
  return Object.fromEntries([...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, users]) => [day, users.size]));
}
