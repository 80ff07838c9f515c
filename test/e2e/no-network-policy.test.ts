import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, waitForChart, type AppSession } from './harness';

// Issue 14: the browser itself refuses any request to another origin (Content-Security-Policy
// in index.html), so no code path, ours or a library's, can send data anywhere.
describe('no network beyond the own origin, enforced by the browser', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp('?lang=en#/overview');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('still draws every demo chart under the policy', async () => {
    for (const id of ['panel-active', 'panel-new-users', 'panel-revenue', 'panel-top-events']) {
      await waitForChart(app.page, id);
    }
  });

  it('refuses a fetch to another origin with a CSP violation before it leaves the page', async () => {
    const outcome = await app.page.evaluate(async () => {
      const violation = new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
      });
      let fetched: string;
      try {
        await fetch('http://127.0.0.2:9/collect?data=1');
        fetched = 'sent';
      } catch {
        fetched = 'refused';
      }
      return { fetched, directive: await violation };
    });
    expect(outcome).toEqual({ fetched: 'refused', directive: 'connect-src' });
    expect(app.outsideRequests).toEqual([]);
  });

  it('refuses an image and a script from another origin', async () => {
    const directives = await app.page.evaluate(async () => {
      const seen: string[] = [];
      const both = new Promise<void>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => {
          seen.push(e.effectiveDirective);
          if (seen.length === 2) resolve();
        });
      });
      const img = document.createElement('img');
      img.src = 'http://127.0.0.2:9/pixel.gif';
      document.body.append(img);
      const script = document.createElement('script');
      script.src = 'http://127.0.0.2:9/x.js';
      document.body.append(script);
      await both;
      img.remove();
      script.remove();
      return seen.sort();
    });
    expect(directives).toEqual(['img-src', 'script-src-elem']);
    expect(app.outsideRequests).toEqual([]);
  });
});
