import type { AnalysisResult } from '../../engine/engine';
import type { WorkspaceInfo } from '../../engine/workspace-info';
import type { Cell, Row } from '../../schema/row';

/**
 * The answers a workspace's panels were last given, kept beside its files so that a reload draws
 * them at once, before the engine has restored the tables (issue 12: the Overview within 1 s of
 * a reopen, when starting the engine alone takes about 3 s). They are the engine's own answers
 * to the same requests on the same tables, so they are exact, and each panel asks again once the
 * engine is ready: what it is given then replaces what was kept.
 *
 * They are used only by the build that wrote them (another may count differently) and for the
 * tables they were given on (`generation`, see SavedWorkspace), and only if their digest holds.
 */
export interface KeptAnswers {
  info: WorkspaceInfo;
  /** By request, as the panel sent it (its JSON). */
  answers: ReadonlyMap<string, AnalysisResult>;
}

const format = 'strata-answers/1';

/**
 * Answers published with a hosted workspace's snapshot (the demo's: scripts/hosted-snapshot.ts
 * computes them with the app's own engine when the app is built), where the manifest's `answers`
 * names: for the tables the snapshot holds, which the build made from the same files.
 */
export const publishedGeneration = 'published';

/** What may be kept: outputs without a file, and small (a few panels' charts and tables). */
const maxRowsPerAnswer = 5_000;
export const maxKeptAnswers = 60;

const rowCount = (r: AnalysisResult) => r.rows.length + Object.values(r.tables ?? {}).reduce((n, rows) => n + rows.length, 0);

export function isKeepable(result: AnalysisResult): boolean {
  return result.file === undefined && rowCount(result) <= maxRowsPerAnswer;
}

// JSON has no NaN or infinities; a ratio of zero to zero comes back as NaN and must stay one.
const nonFinite = (v: number) => (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity');
const replacer = (_: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { $number: nonFinite(v) } : v);
function reviver(_: string, v: unknown): unknown {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const keys = Object.keys(v);
    const n = (v as { $number?: unknown }).$number;
    if (keys.length === 1 && (n === 'NaN' || n === 'Infinity' || n === '-Infinity')) return Number(n);
  }
  return v;
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The answers as kept: for this build and these tables only. */
export async function encodeKeptAnswers(kept: KeptAnswers, stamp: { build: string; generation: string }): Promise<Blob> {
  const body = JSON.stringify({ info: kept.info, answers: [...kept.answers] }, replacer);
  const head = JSON.stringify({ format, ...stamp, sha256: await digest(body) });
  return new Blob([head, '\n', body], { type: 'application/json' });
}

const isCell = (v: unknown): v is Cell => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const isRows = (v: unknown): v is Row[] =>
  Array.isArray(v) &&
  v.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r) && Object.values(r as object).every(isCell));
const isTexts = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function isResult(v: unknown): v is AnalysisResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<Record<keyof AnalysisResult, unknown>>;
  const tables = r.tables;
  return (
    isRows(r.rows) &&
    (tables === undefined || (typeof tables === 'object' && tables !== null && Object.values(tables).every(isRows))) &&
    isTexts(r.statements) &&
    typeof r.sql === 'string' &&
    typeof r.ms === 'number' &&
    r.file === undefined
  );
}

function isInfo(v: unknown): v is WorkspaceInfo {
  if (typeof v !== 'object' || v === null) return false;
  const i = v as Partial<Record<keyof WorkspaceInfo, unknown>>;
  return (
    typeof i.name === 'string' &&
    typeof i.timeZone === 'string' &&
    typeof i.weekStart === 'string' &&
    Array.isArray(i.files) &&
    typeof i.events === 'number' &&
    typeof i.users === 'number' &&
    typeof i.activeUsers === 'number' &&
    typeof i.hasAmount === 'boolean' &&
    isTexts(i.eventNames) &&
    typeof i.eventNameCount === 'number' &&
    isTexts(i.userAttributes) &&
    isTexts(i.eventColumns)
  );
}

/**
 * The answers kept in `blob`, or null when they cannot be used: written by another build, for
 * other tables, damaged, or not answers at all. Never an error: without them the panels only
 * wait for the engine, as they always did.
 */
export async function readKeptAnswers(blob: Blob, stamp: { build: string; generation: string }): Promise<KeptAnswers | null> {
  try {
    const text = await blob.text();
    const split = text.indexOf('\n');
    if (split < 0) return null;
    const head = JSON.parse(text.slice(0, split)) as {
      format?: unknown;
      build?: unknown;
      generation?: unknown;
      sha256?: unknown;
    };
    if (head.format !== format || head.build !== stamp.build || head.generation !== stamp.generation) return null;
    const body = text.slice(split + 1);
    if (head.sha256 !== (await digest(body))) return null;
    const { info, answers } = JSON.parse(body, reviver) as { info?: unknown; answers?: unknown };
    if (!isInfo(info) || !Array.isArray(answers)) return null;
    const valid = answers.every((a) => Array.isArray(a) && a.length === 2 && typeof a[0] === 'string' && isResult(a[1]));
    if (!valid) return null;
    return { info, answers: new Map(answers as [string, AnalysisResult][]) };
  } catch {
    return null;
  }
}
