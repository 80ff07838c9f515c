import { startTransition, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RunProgress } from '../../analyses/contract';
import type { AnalysisRequest } from '../../analyses/request';
import type { AnalysisResult } from '../../engine/engine';
import type { EngineError } from '../../engine/engine-error';
import { usePanelHost } from '../components/panel-host';
import { parseFilterParam } from '../../analyses/filter-param';
import { rangeOf } from '../workspace/date-range';
import { useSegments } from '../workspace/segments-context';
import { useWorkspace } from '../workspace/workspace-context';
import { useRoute } from './use-route';

export type AnalysisStatus =
  /** `noData`: nothing is loaded and nothing is loading (an opening failed, or was cancelled). */
  | { state: 'idle'; noData?: boolean }
  /** `previous`: the last result shown, kept on screen (dimmed) until the new one arrives. */
  | { state: 'pending'; progress?: RunProgress; previous?: AnalysisResult }
  /** `kept`: an answer kept or published ahead (see ui/workspace/kept-answers.ts), until the engine gives its own. */
  | { state: 'ready'; result: AnalysisResult; kept?: boolean }
  | { state: 'error'; error: EngineError };

const idle: AnalysisStatus = { state: 'idle' };
const noData: AnalysisStatus = { state: 'idle', noData: true };

/**
 * Runs an analysis request for one panel whenever it or the workspace changes. The engine
 * client cancels the panel's older request when a newer one starts.
 */
export function useAnalysis(
  panel: string,
  unscoped: AnalysisRequest | null,
  options: {
    /**
     * The requests this panel's user may ask next (its other grains: see grainVariants), from
     * the request it asks now, computed ahead once it is answered (see IdlePrefetch). Stable.
     */
    prefetch?: (request: AnalysisRequest) => readonly AnalysisRequest[];
  } = {},
): { status: AnalysisStatus; retry: () => void; cancel: () => void } {
  const {
    client,
    info,
    infoKept,
    version,
    keptAnswers,
    keepAnswer,
    status: workspaceStatus,
    loadsStarted,
    prefetch,
  } = useWorkspace();
  const variants = options.prefetch;
  const { request: segmented, missing } = useSegmentScope(unscoped);
  const { request: filtered, invalid } = useFilters(useDateRange(segmented));
  const request = invalid === null ? filtered : null;
  const host = usePanelHost();
  const requestId = host ? `${host.requestPrefix}/${panel}` : panel;
  const [answer, setAnswer] = useState<{ key: string; status: AnalysisStatus; shown: AnalysisResult | null } | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The request the user cancelled: its late progress and answer are not shown.
  const cancelled = useRef<string | null>(null);
  // The request whose answer came: until its transition commits the panel still shows it
  // pending, and a Cancel then must not turn a result into "cancelled".
  const answeredKey = useRef<string | null>(null);
  const requestJson = request ? JSON.stringify(request) : null;
  // Asked only once the engine has the tables (the key changes then).
  const key = requestJson && info && !infoKept ? `${version}|${attempt}|${requestJson}` : null;
  // The answer kept from last time, drawn as it is (not dimmed) until the engine's arrives.
  const kept = requestJson ? keptAnswers?.answers.get(requestJson) : undefined;

  // A layout effect: the request leaves for the worker before the page's charts redraw in their
  // (passive) effects, so the query runs while the main thread draws, not after it.
  useLayoutEffect(() => {
    if (!key || !requestJson) return;
    // Run again (other settings, or these again later), a request is no longer the one cancelled.
    cancelled.current = null;
    answeredKey.current = null;
    let live = true;
    // A progress message can reach the page after the result; it must not undo the answer.
    let answered = false;
    // Runs of several steps (a model fit) report progress; plain queries do not.
    const onProgress = (progress: RunProgress) => {
      // A transition, like the result: an urgent update at every report would restart the
      // renders in progress (another screen, other panels' results).
      if (live && !answered && cancelled.current !== key) {
        startTransition(() => setAnswer((a) => ({ key, status: { state: 'pending', progress }, shown: a?.shown ?? null })));
      }
    };
    void client.run(requestId, JSON.parse(requestJson) as AnalysisRequest, onProgress).then((outcome) => {
      if (!live || cancelled.current === key) return;
      answered = true;
      answeredKey.current = key;
      // A result is drawn in a transition: in slices that let the page answer input (a panel's
      // first render of its tables took 45-50 ms in one task: issue 10).
      if (outcome.ok) {
        const result = outcome.value;
        keepAnswer(version, requestJson, result);
        startTransition(() => setAnswer({ key, status: { state: 'ready', result }, shown: result }));
      } else if (outcome.error.kind !== 'cancelled') {
        setAnswer((a) => ({ key, status: { state: 'error', error: outcome.error }, shown: a?.shown ?? null }));
      }
    });
    return () => {
      live = false;
    };
  }, [client, requestId, key, requestJson, keepAnswer, version]);

  // Offered once this panel's own answer is in: until then the engine has better things to do.
  const answered = key !== null && answer?.key === key && answer.status.state === 'ready';
  useEffect(() => {
    if (!answered || !variants || !requestJson) return;
    prefetch.offer(requestId, version, variants(JSON.parse(requestJson) as AnalysisRequest));
    return () => prefetch.withdraw(requestId);
  }, [answered, variants, requestJson, prefetch, requestId, version]);

  const previous = answer?.shown ? { previous: answer.shown } : {};
  const status: AnalysisStatus = missing
    ? { state: 'error', error: { kind: 'input', code: 'segment.notFound', vars: { id: missing } } }
    : invalid !== null
      ? { state: 'error', error: { kind: 'input', code: 'filter.invalid', vars: { value: invalid } } }
      : key && answer?.key === key && answer.status.state !== 'pending'
        ? answer.status
        : kept
          ? { state: 'ready', result: kept, kept: true }
          : !key
            ? // Idle before the first load starts (the kept workspace still being read) is only waiting.
              info === null && workspaceStatus.state !== 'loading' && (workspaceStatus.state !== 'idle' || loadsStarted() > 0)
              ? noData
              : idle
            : answer?.key === key
              ? { ...answer.status, ...previous }
              : { state: 'pending', ...previous };
  // The user's Cancel: the run stops in the worker and the panel says it was cancelled.
  const cancel = () => {
    if (!key || status.state !== 'pending' || answeredKey.current === key) return;
    cancelled.current = key;
    setAnswer((a) => ({
      key,
      status: { state: 'error', error: { kind: 'cancelled', code: 'engine.cancelled' } },
      shown: a?.shown ?? null,
    }));
    client.cancel(requestId);
  };
  return { status, retry: () => setAttempt((a) => a + 1), cancel };
}

/**
 * The page's segment filter (`segment=<id>` in the URL) applied to a request, through the
 * envelope, so that every analysis, present and future, is filtered the same way. While the
 * workspace's segments are still being read the request waits; an id that is not saved is an
 * error, never an unfiltered result.
 */
export function useSegmentScope(request: AnalysisRequest | null): { request: AnalysisRequest | null; missing: string | null } {
  const { route } = useRoute();
  const { segments, ready } = useSegments();
  const id = route.params.segment;
  if (!request || !id || request.segment) return { request, missing: null };
  const saved = segments.find((s) => s.id === id);
  if (saved) return { request: { ...request, segment: saved.definition }, missing: null };
  return { request: null, missing: ready ? id : null };
}

/**
 * The page's date range (`from`, `to` in the URL) applied to a request through the envelope,
 * so every analysis, present and future, is narrowed the same way; a reversed range reaches
 * the worker and comes back as a problem in words.
 */
export function useDateRange(request: AnalysisRequest | null): AnalysisRequest | null {
  const { route } = useRoute();
  const { from, to } = rangeOf(route.params);
  if (!request || (from === null && to === null) || request.from !== undefined || request.to !== undefined) return request;
  return { ...request, ...(from !== null ? { from } : {}), ...(to !== null ? { to } : {}) };
}

/**
 * The page's filters (`filter=` in the URL) applied to a request through the envelope, so
 * every analysis, present and future, is filtered the same way. Filters that cannot be read
 * are an error, never an unfiltered result.
 */
export function useFilters(request: AnalysisRequest | null): { request: AnalysisRequest | null; invalid: string | null } {
  const { route } = useRoute();
  const { filters, invalid } = parseFilterParam(route.params.filter);
  if (!request || filters.length === 0 || request.filters !== undefined) return { request, invalid };
  return { request: { ...request, filters }, invalid };
}
