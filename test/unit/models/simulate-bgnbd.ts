import type { BgNbdParams, PurchaseRecord, PurchaseSummary } from '../../../src/models/bgnbd';

const MS_PER_DAY = 86_400_000;

/** A seeded uniform generator on (0, 1) (mulberry32), so simulated data sets are the same every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
function gamma(shape: number, random: () => number): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * The purchase times of one customer in the BG/NBD story, in weeks after the first purchase, up to
 * T: purchases come at Poisson(λ) times with λ ~ Gamma(r, alpha), and after each repeat purchase
 * the customer drops out with probability p ~ Beta(a, b).
 */
function repeatPurchaseTimes({ r, alpha, a, b }: BgNbdParams, T: number, random: () => number): number[] {
  const lambda = gamma(r, random) / alpha;
  const ga = gamma(a, random);
  const p = ga / (ga + gamma(b, random));
  const times: number[] = [];
  let t = 0;
  for (;;) {
    t += -Math.log(random()) / lambda;
    if (t > T) return times;
    times.push(t);
    if (random() < p) return times;
  }
}

/** Summaries in continuous time, T uniform in [minT, maxT] weeks. */
export function simulateSummaries(
  params: BgNbdParams,
  customers: number,
  { random, minT, maxT }: { random: () => number; minT: number; maxT: number },
): PurchaseSummary[] {
  return Array.from({ length: customers }, () => {
    const T = minT + (maxT - minT) * random();
    const times = repeatPurchaseTimes(params, T, random);
    return { x: times.length, tx: times.at(-1) ?? 0, T };
  });
}

/**
 * Purchase records with day resolution: each customer is observed for a whole number of days,
 * uniform in [minDays, maxDays], before `end`, and purchases fall on whole days (so several may
 * share a day, and the summaries are only approximately BG/NBD).
 */
export function simulatePurchases(
  params: BgNbdParams,
  customers: number,
  { random, minDays, maxDays, end }: { random: () => number; minDays: number; maxDays: number; end: number },
): PurchaseRecord[] {
  const records: PurchaseRecord[] = [];
  for (let c = 0; c < customers; c++) {
    const days = minDays + Math.floor(random() * (maxDays - minDays + 1));
    const first = end - days * MS_PER_DAY;
    const userId = String(c);
    records.push({ userId, day: first });
    for (const weeks of repeatPurchaseTimes(params, days / 7, random)) {
      records.push({ userId, day: first + Math.floor(weeks * 7) * MS_PER_DAY });
    }
  }
  return records;
}
