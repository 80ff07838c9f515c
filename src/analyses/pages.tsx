import type { ComponentType } from 'react';
import type { MessageKey } from '../ui/i18n/messages';
import { ChurnPage } from './churn/churn-page';
import { LifecyclePage } from './lifecycle/lifecycle-page';
import { OverviewPage } from './overview/overview-page';
import { ProfilePage } from './profile/profile-page';
import { ReportsPage } from './reports/reports-page';
import { RetentionPage } from './retention/retention-page';
import { SegmentsPage } from './segments/segments-page';
import { RfmPage } from './rfm/rfm-page';
import { StickinessPage } from './stickiness/stickiness-page';

/** A screen of the app: its route (`#/<id>`), its label in the navigation, its view. */
export interface PageDefinition {
  id: string;
  label: MessageKey;
  View: ComponentType;
}

/** The analysis screens in navigation order: one line per analysis folder (see registry.ts). */
export const analysisPages: readonly PageDefinition[] = [
  { id: 'overview', label: 'nav.overview', View: OverviewPage },
  { id: 'retention', label: 'nav.retention', View: RetentionPage },
  { id: 'lifecycle', label: 'nav.lifecycle', View: LifecyclePage },
  { id: 'stickiness', label: 'nav.stickiness', View: StickinessPage },
  { id: 'segments', label: 'nav.segments', View: SegmentsPage },
  { id: 'user', label: 'nav.user', View: ProfilePage },
  { id: 'rfm', label: 'nav.rfm', View: RfmPage },
  { id: 'churn', label: 'nav.churn', View: ChurnPage },
  { id: 'reports', label: 'nav.reports', View: ReportsPage },
];
