import { offsetSecondsAt } from './time-zone';

/** A time read from the data with its own UTC offset: the instant, and the offset it was written in. */
export interface OffsetSample {
  epochMs: number;
  offsetSeconds: number;
}

/**
 * Zones named first when several fit the same offsets (UTC+0 in winter and +1 in summer is
 * London, Dublin, Lisbon, the Canaries…): the zones most exports come from.
 */
export const preferredZones: readonly string[] = [
  'Asia/Shanghai',
  'Europe/London',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Moscow',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'UTC',
];

const DAY_MS = 86_400_000;
const maxSamples = 64;

/** One sample per offset and UTC day, at most 64 spread over the data: enough to tell zones apart. */
function distinctSamples(samples: readonly OffsetSample[]): OffsetSample[] {
  const byKey = new Map<string, OffsetSample>();
  for (const s of samples) {
    const key = `${s.offsetSeconds}:${Math.floor(s.epochMs / DAY_MS)}`;
    if (!byKey.has(key)) byKey.set(key, s);
  }
  const all = [...byKey.values()].sort((a, b) => a.epochMs - b.epochMs);
  if (all.length <= maxSamples) return all;
  // Keep every offset's first and last sample: a switch between them is what identifies a zone.
  const kept = new Set<OffsetSample>();
  for (const offset of new Set(all.map((s) => s.offsetSeconds))) {
    const same = all.filter((s) => s.offsetSeconds === offset);
    kept.add(same[0]!);
    kept.add(same[same.length - 1]!);
  }
  const step = all.length / (maxSamples - kept.size);
  for (let i = 0; kept.size < maxSamples && i < all.length; i += step) kept.add(all[Math.floor(i)]!);
  return [...kept];
}

/** The zones whose UTC offset at every sampled instant is the offset the data was written in. */
export function zonesMatchingOffsets(samples: readonly OffsetSample[], zones: readonly string[]): string[] {
  const distinct = distinctSamples(samples);
  if (distinct.length === 0) return [];
  return zones.filter((zone) => distinct.every((s) => offsetSecondsAt(zone, s.epochMs) === s.offsetSeconds));
}

/**
 * The zone the offsets written in the data suggest, or null when there are none or no zone
 * fits them all: the browser's own zone if it fits, else the first of `preferredZones` that
 * does, else the first fitting zone of `zones`. It stays a guess: other zones may fit too.
 */
export function guessTimeZone(
  samples: readonly OffsetSample[],
  zones: readonly string[],
  browserZone: string,
): { zone: string; fitting: number } | null {
  const candidates = [...new Set([browserZone, ...preferredZones, ...zones])];
  const fitting = zonesMatchingOffsets(samples, candidates);
  const zone = fitting[0];
  return zone === undefined ? null : { zone, fitting: fitting.length };
}
