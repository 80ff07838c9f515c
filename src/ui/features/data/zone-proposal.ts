import type { DraftFile } from '../../../ingest/draft-file';
import { offsetSamples } from '../../../ingest/time-offsets';
import { guessTimeZone, type OffsetSample } from '../../../schema/zone-guess';
import { allZones, browserZone } from './zone-select';

/**
 * The zone the import preview offers for new files, and why: the user's choice, a guess from
 * the UTC offsets written in the data, or the browser's zone when the data has no offsets (or
 * none that a zone fits). Never the zone of the workspace loaded before (issue 13, bug 7).
 */
export type ZoneProposal =
  | { zone: string; basis: 'chosen' }
  | { zone: string; basis: 'browser' }
  | { zone: string; basis: 'guess'; offsets: string[]; fitting: number }
  | { zone: string; basis: 'noFit'; offsets: string[] };

const pad = (n: number) => String(n).padStart(2, '0');

/** `+01:00`, `-05:00`, `+05:45`. */
function offsetText(seconds: number): string {
  const minutes = Math.abs(seconds) / 60;
  return `${seconds < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function offsetsOf(samples: readonly OffsetSample[]): string[] {
  return [...new Set(samples.map((s) => s.offsetSeconds))].sort((a, b) => a - b).map(offsetText);
}

export async function proposeZone(drafts: readonly DraftFile[]): Promise<ZoneProposal> {
  const samples = (await Promise.all(drafts.map((d) => offsetSamples(d).catch(() => [])))).flat();
  const browser = browserZone();
  if (samples.length === 0) return { zone: browser, basis: 'browser' };
  const guess = guessTimeZone(samples, allZones(), browser);
  const offsets = offsetsOf(samples);
  if (!guess) return { zone: browser, basis: 'noFit', offsets };
  return { zone: guess.zone, basis: 'guess', offsets, fitting: guess.fitting };
}
