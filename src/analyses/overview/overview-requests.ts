import type { WeekStart } from '../../schema/period';
import type { Grain } from '../../schema/period';
import type { AnalysisRequest } from '../request';

export const topEventsLimit = 10;

export interface OverviewSettings {
  mauWindow: 28 | 30;
  grain: Grain;
  weekStart: WeekStart;
  hasAmount: boolean;
}

/** The Overview's settings when its URL names none. */
export const defaultOverviewSettings = { mauWindow: 30, grain: 'day' } as const;

/**
 * The requests of the Overview's panels. One place for the page and for the answers published
 * with a hosted workspace (scripts/hosted-snapshot.ts), which are found by these requests' JSON.
 */
export function overviewRequests({ mauWindow, grain, weekStart, hasAmount }: OverviewSettings): {
  active: AnalysisRequest;
  newUsers: AnalysisRequest;
  revenue: AnalysisRequest | null;
  topEvents: AnalysisRequest;
} {
  return {
    active: { kind: 'active-users', spec: { mauWindow, coreEvents: [] } },
    newUsers: { kind: 'new-users', spec: { grain, weekStart } },
    revenue: hasAmount ? { kind: 'revenue', spec: { grain, weekStart } } : null,
    topEvents: { kind: 'top-events', spec: { limit: topEventsLimit } },
  };
}
