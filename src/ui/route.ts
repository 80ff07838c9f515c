/** A page and its settings, as held in the URL hash: `#/page?key=value`. */
export interface Route {
  page: string;
  params: Record<string, string>;
}

export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = body.split('?', 2);
  const params: Record<string, string> = {};
  new URLSearchParams(query).forEach((value, key) => {
    params[key] = value;
  });
  return { page: decodeURIComponent(path) || 'overview', params };
}

export function formatRoute(route: Route): string {
  const query = new URLSearchParams(Object.entries(route.params).sort(([a], [b]) => a.localeCompare(b))).toString();
  return `#/${route.page.split('/').map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`;
}
