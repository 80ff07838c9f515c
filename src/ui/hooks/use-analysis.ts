import { useEffect, useState } from 'react';
import type { AnalysisResult } from '../../engine/engine';
import type { EngineError } from '../../engine/engine-error';
import type { AnalysisSpec } from '../../queries/analysis';
import { useWorkspace } from '../workspace/workspace-context';

export type AnalysisStatus =
  { state: 'idle' } | { state: 'pending' } | { state: 'ready'; result: AnalysisResult } | { state: 'error'; error: EngineError };

const idle: AnalysisStatus = { state: 'idle' };
const pending: AnalysisStatus = { state: 'pending' };

/**
 * Runs an analysis for one panel whenever its spec or the workspace changes. The engine
 * client cancels the panel's older request when a newer one starts.
 */
export function useAnalysis(panel: string, spec: AnalysisSpec | null): { status: AnalysisStatus; retry: () => void } {
  const { client, info, version } = useWorkspace();
  const [answer, setAnswer] = useState<{ request: string; status: AnalysisStatus } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const specKey = spec ? JSON.stringify(spec) : null;
  const request = specKey && info ? `${version}|${attempt}|${specKey}` : null;

  useEffect(() => {
    if (!request || !specKey) return;
    let live = true;
    void client.run(panel, JSON.parse(specKey) as AnalysisSpec).then((outcome) => {
      if (!live) return;
      if (outcome.ok) setAnswer({ request, status: { state: 'ready', result: outcome.value } });
      else if (outcome.error.kind !== 'cancelled') setAnswer({ request, status: { state: 'error', error: outcome.error } });
    });
    return () => {
      live = false;
    };
  }, [client, panel, request, specKey]);

  const status = !request ? idle : answer?.request === request ? answer.status : pending;
  return { status, retry: () => setAttempt((a) => a + 1) };
}
