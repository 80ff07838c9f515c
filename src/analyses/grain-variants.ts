import { grains, type Grain } from '../schema/period';
import type { AnalysisRequest } from './request';

const hasGrain = (spec: unknown): spec is { grain: Grain } =>
  typeof spec === 'object' && spec !== null && grains.includes((spec as { grain?: Grain }).grain as Grain);

/**
 * The same request at each other grain, the nearest first and, between two as near, the coarser
 * (fewer periods, a quicker answer): what a grain control asks for next. None if the spec has no
 * grain.
 */
export function grainVariants(request: AnalysisRequest): AnalysisRequest[] {
  const { spec } = request;
  if (!hasGrain(spec)) return [];
  const at = grains.indexOf(spec.grain);
  return grains
    .map((grain, i) => ({ grain, distance: Math.abs(i - at), coarser: i > at }))
    .filter((g) => g.distance > 0)
    .sort((a, b) => a.distance - b.distance || Number(b.coarser) - Number(a.coarser))
    .map(({ grain }) => ({ ...request, spec: { ...spec, grain } }) as AnalysisRequest);
}
