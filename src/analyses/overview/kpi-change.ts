/** A KPI's change against the comparison period: the difference, and its ratio to then. */
export function kpiChange(now: number | null, then: number | null): { delta: number; ratio: number | null } | null {
  if (now === null || then === null || !Number.isFinite(now) || !Number.isFinite(then)) return null;
  return { delta: now - then, ratio: then === 0 ? null : (now - then) / then };
}
