import type { GridSquare, SegmentKey } from './rfm-segments';

/** A side of a square that borders another region (or the grid's edge), in score units. */
export interface RegionEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Where a region's name goes: its top left square (most recent, least frequent). */
export interface RegionLabel {
  r: number;
  f: number;
  segment: SegmentKey;
}

const keyOf = (square: GridSquare | undefined) => (square ? (square.segment ?? 'mixed') : 'outside');

/**
 * The regions the score map draws on the R x F grid, from what each square is assigned
 * rather than from the rules' boxes: with first-match-wins, a later rule's box may be partly
 * taken by an earlier one, so its frame would claim squares it does not get. Squares whose
 * segment depends on M form regions of their own, unnamed.
 */
export function gridRegions(squares: readonly GridSquare[]): { edges: RegionEdge[]; labels: RegionLabel[] } {
  const at = new Map(squares.map((s) => [`${s.r},${s.f}`, s]));
  const get = (r: number, f: number) => at.get(`${r},${f}`);
  const edges: RegionEdge[] = [];
  for (const s of squares) {
    const key = keyOf(s);
    const [left, right, bottom, top] = [s.f - 0.5, s.f + 0.5, s.r - 0.5, s.r + 0.5];
    if (keyOf(get(s.r, s.f + 1)) !== key) edges.push({ x1: right, y1: bottom, x2: right, y2: top });
    if (keyOf(get(s.r + 1, s.f)) !== key) edges.push({ x1: left, y1: top, x2: right, y2: top });
    if (!get(s.r, s.f - 1)) edges.push({ x1: left, y1: bottom, x2: left, y2: top });
    if (!get(s.r - 1, s.f)) edges.push({ x1: left, y1: bottom, x2: right, y2: bottom });
  }
  // One label per connected region, flood-filled from its top left square.
  const labels: RegionLabel[] = [];
  const seen = new Set<GridSquare>();
  const ordered = [...squares].sort((a, b) => b.r - a.r || a.f - b.f);
  for (const start of ordered) {
    if (seen.has(start)) continue;
    const key = keyOf(start);
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const s = stack.pop()!;
      for (const n of [get(s.r + 1, s.f), get(s.r - 1, s.f), get(s.r, s.f + 1), get(s.r, s.f - 1)]) {
        if (n && !seen.has(n) && keyOf(n) === key) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    if (start.segment !== null) labels.push({ r: start.r, f: start.f, segment: start.segment });
  }
  return { edges, labels };
}
