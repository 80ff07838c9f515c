import type { AnalysisResult } from '../../engine/engine';
import type { WorkspaceInfo } from '../../engine/workspace-info';
import { isKeepable, maxKeptAnswers, type KeptAnswers } from './kept-answers';

/**
 * The answers the panels were given on one loaded workspace (one `version`), the most recent
 * last, to be kept on the device (see kept-answers.ts) once the workspace is: `generation`
 * is set when it is, and only answers of this very load are taken.
 */
export class AnswerBook {
  readonly version: number;
  readonly workspaceId: string;
  readonly info: WorkspaceInfo;
  generation: string | null = null;
  /** Something was added since the answers were last written. */
  dirty = false;
  /** Writing them failed once (the problem was shown): not tried again for this load. */
  failed = false;
  private readonly answers = new Map<string, AnalysisResult>();

  /** `seed`: answers kept with the same tables (a restore of the snapshot they were given on). */
  constructor(version: number, workspaceId: string, info: WorkspaceInfo, seed?: ReadonlyMap<string, AnalysisResult>) {
    this.version = version;
    this.workspaceId = workspaceId;
    this.info = info;
    for (const [request, result] of seed ?? []) this.answers.set(request, result);
  }

  add(request: string, result: AnalysisResult): void {
    if (!isKeepable(result)) return;
    this.answers.delete(request);
    this.answers.set(request, result);
    if (this.answers.size > maxKeptAnswers) this.answers.delete(this.answers.keys().next().value!);
    this.dirty = true;
  }

  kept(): KeptAnswers {
    return { info: this.info, answers: new Map(this.answers) };
  }
}
