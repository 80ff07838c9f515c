import { useCallback, useMemo } from 'react';
import type { PinnedPanel } from '../../report/report-definition';
import { PanelHostContext, type DrawnPanel, type PanelHost } from '../../ui/components/panel-host';
import { useScreens } from '../../ui/components/screens-context';
import { RouteOverrideContext } from '../../ui/hooks/use-route';
import { parseRoute } from '../../ui/route';
import { useI18n } from '../../ui/i18n/i18n';

/**
 * A pinned analysis re-run on the data loaded now: its screen drawn with the pinned settings
 * (and segment filter), showing only the pinned panel, read-only.
 */
export function PinnedPanelView({
  item,
  onDrawn,
}: {
  item: PinnedPanel;
  onDrawn: (itemId: string, drawn: DrawnPanel | null) => void;
}) {
  const { t } = useI18n();
  const screens = useScreens();
  const route = useMemo(() => parseRoute(item.route), [item.route]);
  const onItemDrawn = useCallback((drawn: DrawnPanel | null) => onDrawn(item.id, drawn), [onDrawn, item.id]);
  const host = useMemo<PanelHost>(
    () => ({ panel: item.panel, requestPrefix: `report/${item.id}`, onDrawn: onItemDrawn }),
    [item.panel, item.id, onItemDrawn],
  );
  const screen = screens.find((s) => s.id === route.page.split('/')[0]);
  if (!screen) return <p className="panel-error">{t('report.notFound')}</p>;
  return (
    <div className="report-item-page">
      <RouteOverrideContext.Provider value={route}>
        <PanelHostContext.Provider value={host}>
          <screen.View />
        </PanelHostContext.Provider>
      </RouteOverrideContext.Provider>
      <p>
        <a href={item.route}>{t('report.openAnalysis')}</a>
      </p>
    </div>
  );
}
