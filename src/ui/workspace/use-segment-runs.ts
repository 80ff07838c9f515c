import type { AnalysisRequest } from '../../analyses/request';
import { useAnalysis, type AnalysisStatus } from '../hooks/use-analysis';

export interface SegmentRun {
  status: AnalysisStatus;
  retry: () => void;
}
import type { SavedSegment } from './segments-context';

/** The most segments a page puts side by side (issue 9). */
export const maxSideBySide = 4;

function scoped(request: AnalysisRequest | null, segment: SavedSegment | undefined): AnalysisRequest | null {
  return request && segment ? ({ ...request, segment: segment.definition } as AnalysisRequest) : null;
}

/**
 * One request run once per segment (up to four), each narrowed through the envelope's
 * `segment` like any filtered analysis; the runs in the segments' order.
 */
export function useSegmentRuns(panel: string, request: AnalysisRequest | null, segments: readonly SavedSegment[]): SegmentRun[] {
  // A fixed number of hooks: one per possible slot.
  const runs = [
    useAnalysis(`${panel}-0`, scoped(request, segments[0])),
    useAnalysis(`${panel}-1`, scoped(request, segments[1])),
    useAnalysis(`${panel}-2`, scoped(request, segments[2])),
    useAnalysis(`${panel}-3`, scoped(request, segments[3])),
  ];
  return runs.slice(0, Math.min(segments.length, maxSideBySide));
}
