import type { Row } from '../../schema/row';
import { classicGroups, type ClassicGroup } from './rfm-query';

export const namedSegments = [
  'champions',
  'loyal',
  'potential-loyalist',
  'new-customers',
  'promising',
  'need-attention',
  'about-to-sleep',
  'cant-lose-them',
  'at-risk',
  'hibernating',
  'lost',
] as const;
export type NamedSegment = (typeof namedSegments)[number];
/** A named segment, or `other` for customers that no rule of the map holds. */
export type SegmentKey = NamedSegment | 'other';

/** Inclusive score range [low, high]. */
export type ScoreRange = readonly [number, number];

export interface SegmentRule {
  segment: NamedSegment;
  r: ScoreRange;
  f: ScoreRange;
  m: ScoreRange;
}

const any: ScoreRange = [1, 5];

/**
 * The named segments as a score map: a customer belongs to the first rule whose R, F and M
 * score ranges all hold its scores. This one tiles the R x F grid (M does not decide; it
 * counts in the eight classic groups), after the grid that RFM write-ups commonly draw.
 */
export const segmentMap: readonly SegmentRule[] = [
  { segment: 'champions', r: [5, 5], f: [4, 5], m: any },
  { segment: 'loyal', r: [3, 4], f: [4, 5], m: any },
  { segment: 'potential-loyalist', r: [4, 5], f: [2, 3], m: any },
  { segment: 'new-customers', r: [5, 5], f: [1, 1], m: any },
  { segment: 'promising', r: [4, 4], f: [1, 1], m: any },
  { segment: 'need-attention', r: [3, 3], f: [3, 3], m: any },
  { segment: 'about-to-sleep', r: [3, 3], f: [1, 2], m: any },
  { segment: 'cant-lose-them', r: [1, 2], f: [5, 5], m: any },
  { segment: 'at-risk', r: [1, 2], f: [3, 4], m: any },
  { segment: 'hibernating', r: [2, 2], f: [1, 2], m: any },
  { segment: 'lost', r: [1, 1], f: [1, 2], m: any },
];

const within = (score: number, [low, high]: ScoreRange) => score >= low && score <= high;

/** The first rule of `map` that holds the scores; null when none does. */
export function segmentOf(r: number, f: number, m: number, map: readonly SegmentRule[] = segmentMap): NamedSegment | null {
  return map.find((rule) => within(r, rule.r) && within(f, rule.f) && within(m, rule.m))?.segment ?? null;
}

/** One row of rfmCellsQuery. */
export interface RfmCell {
  r: number;
  f: number;
  m: number;
  group: ClassicGroup;
  users: number;
  recencySum: number;
  frequencySum: number;
  monetarySum: number;
  revenue: number;
  recency: ScoreRange;
  frequency: ScoreRange;
  monetary: ScoreRange;
}

export const isClassicGroup = (value: unknown): value is ClassicGroup => (classicGroups as readonly unknown[]).includes(value);

/** The rows of rfmCellsQuery as cells. */
export function toRfmCells(rows: readonly Row[]): RfmCell[] {
  return rows.flatMap((row) => {
    if (!isClassicGroup(row.group)) return [];
    return [
      {
        r: Number(row.r_score),
        f: Number(row.f_score),
        m: Number(row.m_score),
        group: row.group,
        users: Number(row.users),
        recencySum: Number(row.recency_sum),
        frequencySum: Number(row.frequency_sum),
        monetarySum: Number(row.monetary_sum),
        revenue: Number(row.revenue ?? 0),
        recency: [Number(row.recency_min), Number(row.recency_max)],
        frequency: [Number(row.frequency_min), Number(row.frequency_max)],
        monetary: [Number(row.monetary_min), Number(row.monetary_max)],
      },
    ];
  });
}

/** What the group tables show for one group. */
export interface GroupSummary<K extends string> {
  key: K;
  users: number;
  userShare: number;
  revenueShare: number | null;
  meanRecency: number | null;
  meanFrequency: number | null;
  meanMonetary: number | null;
}

/**
 * Customers, shares and means per group, for every key in `keys` (empty groups too).
 * The share of revenue is null when the total revenue is not positive.
 */
export function summarize<K extends string>(
  cells: readonly RfmCell[],
  keyOf: (cell: RfmCell) => K | null,
  keys: readonly K[],
): GroupSummary<K>[] {
  const totalUsers = cells.reduce((s, c) => s + c.users, 0);
  const totalRevenue = cells.reduce((s, c) => s + c.revenue, 0);
  const acc = new Map(keys.map((k) => [k, { users: 0, revenue: 0, r: 0, f: 0, m: 0 }]));
  for (const c of cells) {
    const key = keyOf(c);
    const a = key === null ? undefined : acc.get(key);
    if (!a) continue;
    a.users += c.users;
    a.revenue += c.revenue;
    a.r += c.recencySum;
    a.f += c.frequencySum;
    a.m += c.monetarySum;
  }
  return keys.map((key) => {
    const a = acc.get(key)!;
    return {
      key,
      users: a.users,
      userShare: totalUsers > 0 ? a.users / totalUsers : 0,
      revenueShare: totalRevenue > 0 ? a.revenue / totalRevenue : null,
      meanRecency: a.users > 0 ? a.r / a.users : null,
      meanFrequency: a.users > 0 ? a.f / a.users : null,
      meanMonetary: a.users > 0 ? a.m / a.users : null,
    };
  });
}

export const summarizeClassicGroups = (cells: readonly RfmCell[]) => summarize(cells, (c) => c.group, classicGroups);

/** The segment of the scores under `map`: its first rule that holds them, else `other`. */
export const segmentKeyOf = (r: number, f: number, m: number, map: readonly SegmentRule[] = segmentMap): SegmentKey =>
  segmentOf(r, f, m, map) ?? 'other';

/** The map's segments in the order its rules first name them. */
export const mapSegments = (map: readonly SegmentRule[]): NamedSegment[] => [...new Set(map.map((rule) => rule.segment))];

/**
 * The groups of the named view: the map's segments in rule order, then `other` when some
 * customers, or some score triples, fall in no rule (`uncovered`).
 */
export function summarizeNamedSegments(cells: readonly RfmCell[], map: readonly SegmentRule[] = segmentMap, uncovered = false) {
  const groups = summarize<SegmentKey>(cells, (c) => segmentKeyOf(c.r, c.f, c.m, map), [...mapSegments(map), 'other']);
  return groups.filter((g) => g.key !== 'other' || uncovered || g.users > 0);
}

/** One square of the R x F grid. */
export interface GridSquare {
  r: number;
  f: number;
  users: number;
  share: number;
  /** The segment of the square when M does not change it (as in the default map). */
  segment: SegmentKey | null;
}

/** Customers per R and F score (all 25 squares), with their share of all customers. */
export function rfGrid(cells: readonly RfmCell[], map: readonly SegmentRule[] = segmentMap): GridSquare[] {
  const total = cells.reduce((s, c) => s + c.users, 0);
  const squares: GridSquare[] = [];
  for (let r = 5; r >= 1; r--) {
    for (let f = 1; f <= 5; f++) {
      const users = cells.filter((c) => c.r === r && c.f === f).reduce((s, c) => s + c.users, 0);
      const bySegment = new Set([1, 2, 3, 4, 5].map((m) => segmentKeyOf(r, f, m, map)));
      squares.push({
        r,
        f,
        users,
        share: total > 0 ? users / total : 0,
        segment: bySegment.size === 1 ? ([...bySegment][0] ?? null) : null,
      });
    }
  }
  return squares;
}

/** The values each score stands for: [min, max] of the measure per score 1..5 (null = nobody). */
export interface ScoreValueRanges {
  r: (ScoreRange | null)[];
  f: (ScoreRange | null)[];
  m: (ScoreRange | null)[];
}

export function scoreValueRanges(cells: readonly RfmCell[]): ScoreValueRanges {
  const ranges = (score: (c: RfmCell) => number, values: (c: RfmCell) => ScoreRange) =>
    [1, 2, 3, 4, 5].map((s): ScoreRange | null => {
      const inScore = cells.filter((c) => score(c) === s && c.users > 0);
      if (inScore.length === 0) return null;
      return [Math.min(...inScore.map((c) => values(c)[0])), Math.max(...inScore.map((c) => values(c)[1]))];
    });
  return {
    r: ranges(
      (c) => c.r,
      (c) => c.recency,
    ),
    f: ranges(
      (c) => c.f,
      (c) => c.frequency,
    ),
    m: ranges(
      (c) => c.m,
      (c) => c.monetary,
    ),
  };
}
