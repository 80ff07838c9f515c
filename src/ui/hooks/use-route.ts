import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from '../route';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => location.hash;

/**
 * A fixed route for a page drawn inside another (a report item re-running a pinned analysis),
 * or for the screen still shown while the next one renders (app.tsx): the page reads its
 * settings from it, and its setters change nothing.
 */
export const RouteOverrideContext = createContext<Route | null>(null);

const ignore = () => undefined;

/** The current route, and setters that write settings to the URL (so links reproduce a view). */
export function useRoute(): {
  route: Route;
  navigate: (page: string, params?: Record<string, string>) => void;
  setParams: (patch: Record<string, string | undefined>) => void;
} {
  const hash = useSyncExternalStore(subscribe, getHash);
  const route = parseRoute(hash);
  const navigate = useCallback((page: string, params: Record<string, string> = {}) => {
    location.hash = formatRoute({ page, params });
  }, []);
  const setParams = useCallback((patch: Record<string, string | undefined>) => {
    const current = parseRoute(location.hash);
    const params = { ...current.params };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete params[k];
      else params[k] = v;
    }
    history.replaceState(null, '', formatRoute({ page: current.page, params }));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, []);
  const override = useContext(RouteOverrideContext);
  if (override) return { route: override, navigate, setParams: ignore };
  return { route, navigate, setParams };
}
