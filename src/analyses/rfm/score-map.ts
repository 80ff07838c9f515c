import { fail, ok, problem, type Problem, type Result } from '../../schema/problem';
import { namedSegments, segmentMap, segmentOf, type NamedSegment, type ScoreRange, type SegmentRule } from './rfm-segments';

/** More rules than segments times two is a slip, and it keeps the URL short. */
export const maxRules = 2 * namedSegments.length;

const isNamedSegment = (value: string): value is NamedSegment => (namedSegments as readonly string[]).includes(value);

const rangeText = ([low, high]: ScoreRange) => `${low}${high}`;

/**
 * A score map as a URL parameter: rules in priority order joined by `_`, each
 * `segment.RR.FF.MM` with a range as its two scores low then high (`champions.55.45.15`).
 * Only `.`, `_`, `-` and letters: nothing the URL has to escape.
 */
export function formatScoreMap(map: readonly SegmentRule[]): string {
  return map.map((rule) => [rule.segment, rangeText(rule.r), rangeText(rule.f), rangeText(rule.m)].join('.')).join('_');
}

export const isDefaultScoreMap = (map: readonly SegmentRule[]) => formatScoreMap(map) === formatScoreMap(segmentMap);

/**
 * What is wrong with a map, rule by rule (1-based `rule`): a range outside 1..5 or reversed,
 * no rule at all, too many. Overlaps are not wrong: the first rule that holds wins.
 */
export function scoreMapProblems(map: readonly SegmentRule[]): Problem[] {
  if (map.length === 0) return [problem('rfm.map.empty')];
  if (map.length > maxRules) return [problem('rfm.map.tooMany', { n: map.length, max: maxRules })];
  return map.flatMap((rule, i) =>
    (['r', 'f', 'm'] as const).flatMap((measure) => {
      const [low, high] = rule[measure];
      const valid = Number.isInteger(low) && Number.isInteger(high) && low >= 1 && high <= 5 && low <= high;
      return valid ? [] : [problem('rfm.map.range', { rule: i + 1, measure: measure.toUpperCase(), low, high })];
    }),
  );
}

/** Reads a `map` URL parameter (see formatScoreMap); the first problem found otherwise. */
export function tryParseScoreMap(text: string): Result<SegmentRule[]> {
  const parts = text.split('_');
  const map: SegmentRule[] = [];
  for (const [i, part] of parts.entries()) {
    const match = /^([a-z-]+)\.([0-9]{2})\.([0-9]{2})\.([0-9]{2})$/.exec(part);
    if (!match) return fail('rfm.map.syntax', { rule: i + 1, text: part.slice(0, 40) });
    const [, segment = '', r = '', f = '', m = ''] = match;
    if (!isNamedSegment(segment)) return fail('rfm.map.unknownSegment', { rule: i + 1, name: segment });
    const range = (digits: string): ScoreRange => [Number(digits[0]), Number(digits[1])];
    map.push({ segment, r: range(r), f: range(f), m: range(m) });
  }
  const first = scoreMapProblems(map)[0];
  return first ? { ok: false, problem: first } : ok(map);
}

/** Every R, F, M score triple, the order the grid reads them in. */
function* triples(): Generator<[number, number, number]> {
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) yield [r, f, m];
}

/**
 * What a valid map may still mean by accident: rules that no score reaches (earlier rules
 * hold all of theirs; 1-based `rule`), and how many of the 125 score triples no rule holds
 * (their customers are "Other").
 */
export function scoreMapNotes(map: readonly SegmentRule[]): Problem[] {
  const reached = new Set<number>();
  let unmatched = 0;
  for (const [r, f, m] of triples()) {
    const index = map.findIndex((rule) => segmentOf(r, f, m, [rule]) !== null);
    if (index < 0) unmatched++;
    else reached.add(index);
  }
  const unreached = map.flatMap((rule, i) =>
    reached.has(i) ? [] : [problem('rfm.map.unreached', { rule: i + 1, name: rule.segment })],
  );
  return [...unreached, ...(unmatched > 0 ? [problem('rfm.map.unmatched', { n: unmatched })] : [])];
}
