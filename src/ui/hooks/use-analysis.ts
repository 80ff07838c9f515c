import { useEffect, useState } from 'react';
import type { RunProgress } from '../../analyses/contract';
import type { AnalysisRequest } from '../../analyses/request';
import type { AnalysisResult } from '../../engine/engine';
import type { EngineError } from '../../engine/engine-error';
import { useWorkspace } from '../workspace/workspace-context';

export type AnalysisStatus =
  | { state: 'idle' }
  | { state: 'pending'; progress?: RunProgress }
  | { state: 'ready'; result: AnalysisResult }
  | { state: 'error'; error: EngineError };

const idle: AnalysisStatus = { state: 'idle' };

/**
 * Runs an analysis request for one panel whenever it or the workspace changes. The engine
 * client cancels the panel's older request when a newer one starts.
 */
export function useAnalysis(panel: string, request: AnalysisRequest | null): { status: AnalysisStatus; retry: () => void } {
  const { client, info, version } = useWorkspace();
  const [answer, setAnswer] = useState<{ key: string; status: AnalysisStatus } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const requestJson = request ? JSON.stringify(request) : null;
  const key = requestJson && info ? `${version}|${attempt}|${requestJson}` : null;

  useEffect(() => {
    if (!key || !requestJson) return;
    let live = true;
    // Runs of several steps (a model fit) report progress; plain queries do not.
    const onProgress = (progress: RunProgress) => {
      if (live) setAnswer({ key, status: { state: 'pending', progress } });
    };
    void client.run(panel, JSON.parse(requestJson) as AnalysisRequest, onProgress).then((outcome) => {
      if (!live) return;
      if (outcome.ok) setAnswer({ key, status: { state: 'ready', result: outcome.value } });
      else if (outcome.error.kind !== 'cancelled') setAnswer({ key, status: { state: 'error', error: outcome.error } });
    });
    return () => {
      live = false;
    };
  }, [client, panel, key, requestJson]);

  const status: AnalysisStatus = !key ? idle : answer?.key === key ? answer.status : { state: 'pending' };
  return { status, retry: () => setAttempt((a) => a + 1) };
}
