import { createContext, useContext } from 'react';
import type { Row } from '../../engine/to-rows';

/**
 * Where a page is drawn when it is not the screen itself: a report item shows one panel of the
 * page, read-only, and the report gathers what each item drew (to export or compare it).
 */
export interface PanelHost {
  /** The test id of the one panel to draw; the page's other panels draw nothing. */
  panel: string;
  /** Prefixed to request ids so that two items on one report never cancel each other. */
  requestPrefix: string;
  /** The drawn panel's section and result, or null while it is not ready. */
  onDrawn?: (drawn: DrawnPanel | null) => void;
}

/** A panel as drawn: enough to snapshot it for an exported report. */
export interface DrawnPanel {
  section: HTMLElement;
  title: string;
  definition: string;
  rows: readonly Row[];
  sql: string;
  error: string | null;
}

export const PanelHostContext = createContext<PanelHost | null>(null);

export function usePanelHost(): PanelHost | null {
  return useContext(PanelHostContext);
}
