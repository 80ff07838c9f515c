import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom, simulatePurchases } from '../test/unit/models/simulate-bgnbd';

/** The published CDNOW estimates (Fader, Hardie & Lee 2005): synthetic customers behave like CDNOW's. */
const params = { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 };

/**
 * Writes the purchases of `customers` synthetic BG/NBD customers, each observed 1 to 273 days
 * (39 weeks) up to 1997-09-30, to `file` as `customer_id,date,amount`, unless a marker says it
 * already holds them. Seeded, so every run fits the very same data.
 */
export async function generatePurchases(file: string, customers: number): Promise<string> {
  const marker = `${file}.customers`;
  if (existsSync(file) && existsSync(marker) && readFileSync(marker, 'utf8') === String(customers)) return file;
  mkdirSync(path.dirname(file), { recursive: true });
  const records = simulatePurchases(params, customers, {
    random: seededRandom(customers),
    minDays: 1,
    maxDays: 273,
    end: Date.UTC(1997, 8, 30),
  });
  const out = createWriteStream(file);
  out.write('customer_id,date,amount\n');
  let chunk: string[] = [];
  for (const { userId, day } of records) {
    chunk.push(`${userId},${new Date(day).toISOString().slice(0, 10)},${10 + (Number(userId) % 40)}`);
    if (chunk.length === 10_000) {
      if (!out.write(chunk.join('\n') + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = [];
    }
  }
  out.write(chunk.length ? chunk.join('\n') + '\n' : '');
  await new Promise<void>((resolve) => out.end(() => resolve()));
  writeFileSync(marker, String(customers));
  return file;
}
