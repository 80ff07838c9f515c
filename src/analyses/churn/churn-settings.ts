import { grains, type Grain } from '../../schema/period';
import { problem, type Problem } from '../../schema/problem';
import { isoDate } from '../../schema/validate';
import { pickParam } from '../url-params';
import type { BgNbdUnit } from './bgnbd-query';

/** Everything the churn screen reads from its URL. */
export interface ChurnSettings {
  /** Core events that make a user active; empty = any event. */
  coreEvents: string[];
  /** L in days; null = proposed from the data. */
  threshold: number | null;
  /** S in days (S < L) for the stage model; null = the median gap. */
  silent: number | null;
  grain: Grain;
  asOf: string | null;
  alpha: number;
  /** P(alive) threshold of the at-risk rule; null = off. */
  pAlive: number | null;
  /** K days: events of the last K days against the K days before. */
  window: number;
  /** beta %: the fall in events that flags a user. */
  beta: number;
  calibrationEnd: string | null;
  unit: BgNbdUnit;
  horizon: number;
}

/** Problems with the settings, by the panels they stop. */
export interface ChurnSettingProblems {
  inactivity: Problem | null;
  bgnbd: Problem | null;
}

export const DEFAULT_ALPHA = 2;
export const DEFAULT_P_ALIVE = 0.5;
export const DEFAULT_WINDOW = 14;
export const DEFAULT_BETA = 50;
export const defaultHorizon: Record<BgNbdUnit, number> = { week: 52, day: 365 };

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
}

function day(params: Record<string, string>, key: string): { value: string | null; problem: Problem | null } {
  const text = params[key];
  if (text === undefined || text === '') return { value: null, problem: null };
  const checked = isoDate(text, key);
  return checked.ok
    ? { value: checked.value, problem: null }
    : { value: null, problem: problem('churn.badDate', { field: key, value: text }) };
}

/**
 * The churn screen's settings from its URL: `event`, `threshold`, `silent`, `grain`, `asOf`, `alpha`,
 * `pAlive` (a number in (0, 1) or `off`), `window` (K days), `beta` (%), `calibrationEnd`, `unit`, `horizon`. A setting that
 * does not parse becomes a problem for the panels it feeds, never a silent default.
 */
export function churnSettingsFromParams(
  params: Record<string, string>,
  /** null when the workspace does not list every event name (see allEventNames). */
  eventNames: readonly string[] | null,
  hasAmount: boolean,
): { settings: ChurnSettings; problems: ChurnSettingProblems } {
  let inactivity: Problem | null = null;
  let bgnbd: Problem | null = null;

  const event = params.event ? params.event : null;
  if (event !== null && eventNames !== null && !eventNames.includes(event)) inactivity = problem('churn.missingEvent', { event });

  let threshold: number | null = null;
  if (params.threshold !== undefined && params.threshold !== '') {
    threshold = wholeNumber(params.threshold, 1, 3650);
    if (threshold === null) inactivity ??= problem('churn.badThreshold', { value: params.threshold });
  }

  let silent: number | null = null;
  if (params.silent !== undefined && params.silent !== '') {
    silent = wholeNumber(params.silent, 1, 3649);
    if (silent === null || (threshold !== null && silent >= threshold)) {
      inactivity ??= problem('churn.badSilent', { value: params.silent, l: threshold ?? 'L' });
      silent = null;
    }
  }

  const asOf = day(params, 'asOf');
  inactivity ??= asOf.problem;

  const alphaText = params.alpha;
  let alpha = DEFAULT_ALPHA;
  if (alphaText !== undefined && alphaText !== '') {
    const n = Number(alphaText);
    if (Number.isFinite(n) && n >= 1 && n <= 100) alpha = n;
    else inactivity ??= problem('churn.badAlpha', { value: alphaText });
  }

  let pAlive: number | null = hasAmount ? DEFAULT_P_ALIVE : null;
  if (params.pAlive === 'off') pAlive = null;
  else if (params.pAlive !== undefined && params.pAlive !== '') {
    const n = Number(params.pAlive);
    if (Number.isFinite(n) && n > 0 && n < 1) pAlive = n;
    else inactivity ??= problem('churn.badPAlive', { value: params.pAlive });
  }

  let dropWindow = DEFAULT_WINDOW;
  if (params.window !== undefined && params.window !== '') {
    const n = wholeNumber(params.window, 1, 365);
    if (n === null) inactivity ??= problem('churn.badWindow', { value: params.window });
    else dropWindow = n;
  }

  let beta = DEFAULT_BETA;
  if (params.beta !== undefined && params.beta !== '') {
    const n = Number(params.beta);
    if (Number.isFinite(n) && n >= 1 && n <= 100) beta = n;
    else inactivity ??= problem('churn.badBeta', { value: params.beta });
  }

  const calibrationEnd = day(params, 'calibrationEnd');
  bgnbd ??= calibrationEnd.problem;
  const unit = pickParam<BgNbdUnit>(params, 'unit', ['week', 'day'], 'week');
  let horizon = defaultHorizon[unit];
  if (params.horizon !== undefined && params.horizon !== '') {
    const n = wholeNumber(params.horizon, 1, 3650);
    if (n === null) bgnbd ??= problem('churn.bgnbd.badHorizon', { value: params.horizon });
    else horizon = n;
  }

  return {
    settings: {
      coreEvents: event === null ? [] : [event],
      threshold,
      silent,
      grain: pickParam(params, 'grain', grains, 'month'),
      asOf: asOf.value,
      alpha,
      pAlive,
      window: dropWindow,
      beta,
      calibrationEnd: calibrationEnd.value,
      unit,
      horizon,
    },
    problems: { inactivity, bgnbd },
  };
}
