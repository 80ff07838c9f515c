import type { AnalysisDefinition } from './contract';
import { churnModule } from './churn';
import { lifecycleModule } from './lifecycle';
import { overviewModule } from './overview';
import { profileModule } from './profile';
import { reportsModule } from './reports';
import { retentionModule } from './retention';
import { rfmModule } from './rfm';
import { segmentsModule } from './segments';
import { stickinessModule } from './stickiness';

/**
 * Every analysis folder, once. Adding an analysis is its folder, one line here, and one in
 * pages.tsx (the views stay out of the worker's bundle). Kinds and labels derive from this.
 */
const modules = [
  overviewModule,
  retentionModule,
  lifecycleModule,
  stickinessModule,
  segmentsModule,
  profileModule,
  rfmModule,
  churnModule,
  reportsModule,
] as const;

type Merged<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
type Modules = (typeof modules)[number];

/** Every analysis kind the engine runs, by kind. */
export const analyses = Object.assign({}, ...modules.map((m) => m.analyses)) as Merged<Modules['analyses']>;

export type AnalysisKind = keyof typeof analyses;
export type SpecOf<K extends AnalysisKind> = (typeof analyses)[K] extends AnalysisDefinition<infer S> ? S : never;

/** Kinds declared twice would shadow each other; the registry test checks there are none. */
export const declaredKinds: readonly string[] = modules.flatMap((m) => Object.keys(m.analyses));

/** The analyses' labels, merged into the UI's catalogue. */
export const analysisMessages = {
  zh: Object.assign({}, ...modules.map((m) => m.messages.zh)) as Merged<Modules['messages']['zh']>,
  en: Object.assign({}, ...modules.map((m) => m.messages.en)) as Merged<Modules['messages']['en']>,
};

/** An analysis kind's definition, for a kind that arrived as text. */
export function analysisOf(kind: string): AnalysisDefinition<unknown> | null {
  return Object.hasOwn(analyses, kind) ? (analyses[kind as AnalysisKind] as AnalysisDefinition<unknown>) : null;
}
