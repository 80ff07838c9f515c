import { describe, expect, it } from 'vitest';
import { tryParseOffsetTime } from '../../../src/ingest/time-offsets';
import { guessTimeZone, zonesMatchingOffsets } from '../../../src/schema/zone-guess';

// Issue 13, bug 7: the import preview guesses a zone from the UTC offsets written in the data.
describe('tryParseOffsetTime', () => {
  it.each([
    ['2024-03-31T09:15:00+01:00', 3600],
    ['2024-03-30 23:59:59+00:00', 0],
    ['2024-01-05T08:00:00Z', 0],
    ['2024-01-05T08:00:00.250-05:00', -18000],
    ['2024-06-01T12:00:00+0545', 20700],
    ['2024-06-01 12:00+08', 28800],
  ])('reads %s as its instant and offset', (text, offsetSeconds) => {
    // Independent: the browser's own ISO parser (with a `T` and a colon in the offset).
    const iso = text
      .replace(' ', 'T')
      .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
      .replace(/([+-]\d{2})$/, '$1:00')
      .replace(/T(\d{2}:\d{2})([+-])/, 'T$1:00$2');
    expect(tryParseOffsetTime(text)).toEqual({ epochMs: Date.parse(iso), offsetSeconds });
  });

  it.each(['2024-03-31 09:15:00', '1711876500', 'tomorrow', ''])('finds no offset in %j', (text) => {
    expect(tryParseOffsetTime(text)).toBeNull();
  });
});

const sample = (text: string) => tryParseOffsetTime(text)!;
const zones = ['UTC', 'Asia/Shanghai', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Berlin', 'America/New_York'];

describe('guessTimeZone', () => {
  const uk = [sample('2024-03-30T22:00:00+00:00'), sample('2024-04-02T22:00:00+01:00')];

  it('keeps the zones whose offsets at those instants are the ones written', () => {
    // +00:00 before 31 March and +01:00 after: UK, Ireland, Portugal; not UTC nor Berlin.
    expect(zonesMatchingOffsets(uk, zones)).toEqual(['Europe/London', 'Europe/Dublin', 'Europe/Lisbon']);
  });

  it('names London first for UK offsets, and says how many zones fit', () => {
    expect(guessTimeZone(uk, zones, 'UTC')).toEqual({ zone: 'Europe/London', fitting: 3 });
  });

  it("prefers the browser's zone when it fits too", () => {
    expect(guessTimeZone(uk, zones, 'Europe/Lisbon')).toEqual({ zone: 'Europe/Lisbon', fitting: 3 });
  });

  it('reads +08:00 as Shanghai, and gives no guess when nothing fits or nothing is written', () => {
    expect(guessTimeZone([sample('2024-07-01T10:00:00+08:00')], zones, 'UTC')?.zone).toBe('Asia/Shanghai');
    expect(guessTimeZone([sample('2024-07-01T10:00:00+08:00'), sample('2024-07-01T10:00:00+02:00')], zones, 'UTC')).toBeNull();
    expect(guessTimeZone([], zones, 'UTC')).toBeNull();
  });
});
