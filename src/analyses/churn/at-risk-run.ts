import type { Row } from '../../schema/row';
import type { RunContext, RunOutput } from '../contract';
import { fittedModel, purchaseWindow } from './bgnbd-model';
import { predictInSlices } from './bgnbd-steps';
import { atRiskQuery, type AtRiskSpec } from './inactivity-query';

/** Why the P(alive) rule could not be applied, for the page to say. */
type PAliveNote = 'no-purchases' | 'no-fit' | 'as-of-outside';

/**
 * P(alive) as of `asOf` per purchase customer, from a BG/NBD fit in weeks on the purchases up
 * to it; or why there is none. The fit is the BG/NBD panel's when its settings match (weeks,
 * any purchase, calibration end = as of; the page's defaults): fitted once, not twice.
 */
async function pAliveAsOf(
  asOf: string | null,
  ctx: RunContext,
): Promise<{ ok: true; pAlive: Map<string, number> } | { ok: false; note: PAliveNote }> {
  const window = await purchaseWindow(null, asOf, ctx);
  if (!window.ok) return { ok: false, note: window.code === 'no-purchases' ? 'no-purchases' : 'as-of-outside' };
  const { summaries, fit } = await fittedModel({ event: null, unit: 'week' }, window.calibrationEnd, ctx);
  if (!fit.ok) return { ok: false, note: 'no-fit' };
  const { triples, userIds, tripleOf } = summaries;
  const { pAlive } = await predictInSlices(fit.params, triples, 0, ctx);
  return { ok: true, pAlive: new Map(userIds.map((id, i) => [String(id), pAlive[tripleOf[i]!]!])) };
}

/**
 * The at-risk list (流失预警, METRICS.md): users not churned as of t, flagged by explainable
 * rules, each kept as a reason: `overdue` (days since the last activity > alpha x the user's
 * own median gap), `fell` ((core) events of the last K days at least beta % below the K days
 * before) and, for purchase data, `p_alive` (BG/NBD P(alive) below the threshold).
 * Rows: user_id, last_active, days_since, gaps, median_gap, overdue_ratio, earlier_events,
 * recent_events, p_alive, reasons.
 * Table `notes` says when the P(alive) rule could not be applied, and why.
 */
export async function runAtRisk(spec: AtRiskSpec, ctx: RunContext): Promise<RunOutput> {
  const withPAlive = spec.pAlive !== null;
  const users = await ctx.query(atRiskQuery(spec, !withPAlive));
  const model = withPAlive ? await pAliveAsOf(spec.asOf, ctx) : null;
  const pAlive = model?.ok ? model.pAlive : null;
  const threshold = spec.pAlive ?? 0;
  const rows: Row[] = [];
  for (const u of users) {
    const p = pAlive?.get(String(u.user_id));
    const reasons: string[] = [];
    if (u.overdue === true) reasons.push('overdue');
    if (u.fell === true) reasons.push('fell');
    if (p !== undefined && p < threshold) reasons.push('p_alive');
    if (reasons.length === 0) continue;
    rows.push({
      user_id: u.user_id ?? null,
      last_active: u.last_active ?? null,
      days_since: u.days_since ?? null,
      gaps: u.gaps ?? null,
      median_gap: u.median_gap ?? null,
      overdue_ratio: u.overdue_ratio ?? null,
      earlier_events: u.earlier_events ?? null,
      recent_events: u.recent_events ?? null,
      p_alive: p ?? null,
      reasons: reasons.join('+'),
    });
  }
  return { rows, tables: { notes: model && !model.ok ? [{ note: model.note }] : [] } };
}
