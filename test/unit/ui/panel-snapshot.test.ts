import { describe, expect, it } from 'vitest';
import { panelSnapshot, sanitisedMarkup } from '../../../src/ui/components/panel-snapshot';

function body(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('a panel as it goes into an exported report', () => {
  it('keeps what is read and drops what works or loads', () => {
    const markup = sanitisedMarkup(
      body(
        '<table class="heat"><tr><td><button class="cell-button" onclick="x()">36.6%</button></td></tr></table>' +
          '<svg width="10" height="10" onload="x()"><use href="#clip"></use><image href="https://t.example/a.png"></image>' +
          '<foreignObject><div>f</div></foreignObject><style>.a{fill:red}</style><text>&lt;script&gt;</text></svg>' +
          '<a href="#/user?id=1">u1</a><select><option>o</option></select><input value="v">' +
          '<p style="background:url(https://t.example/x)">styled</p><div data-export="omit">Download SVG</div>' +
          '<section class="cell-users">ids</section><img src="https://t.example/p.png"><script>alert(1)</script>',
      ),
    );
    const out = body(markup);
    expect(out.querySelector('.cell-button')?.tagName).toBe('SPAN');
    expect(out.querySelector('.cell-button')?.textContent).toBe('36.6%');
    expect(markup).not.toMatch(/onclick|onload|https?:|<script|<select|<input|foreignObject|Download SVG|cell-users/i);
    expect(out.querySelector('use')?.getAttribute('href')).toBe('#clip');
    expect(out.querySelector('svg style')?.textContent).toBe('.a{fill:red}');
    expect(out.querySelector('svg text')?.textContent).toBe('<script>');
    expect(out.querySelector('a')).toBeNull();
    expect(out.textContent).toContain('u1');
    expect(out.querySelector('p')?.getAttribute('style')).toBeNull();
  });

  it("keeps a colour legend's ramp, an inline PNG, and nothing else an image could load", () => {
    const ramp = 'data:image/png;base64,iVBORw0KGgo=';
    const out = body(
      sanitisedMarkup(
        body(
          `<svg><image id="a" xlink:href="${ramp}"></image><image id="b" href="data:image/svg+xml,<svg onload=x()>"></image></svg>`,
        ),
      ),
    );
    expect(out.querySelector('#a')?.getAttribute('xlink:href')).toBe(ramp);
    expect(out.querySelector('#b')?.getAttribute('href')).toBeNull();
  });

  it('leaves per-user rows out unless asked, and says how many', () => {
    const input = {
      title: 'At risk',
      route: '#/churn',
      panel: 'panel-churn-risk',
      segment: null,
      definition: 'd',
      body: body('<p>42 users</p><table><tr><td>u1</td></tr></table><ul class="id-list"><li>u2</li></ul>'),
      rows: [
        { user_id: 'u1', days: 3 },
        { user_id: 'u2', days: 4.123456789 },
      ],
      sql: 'SELECT 1',
      error: null,
    };
    const withheld = panelSnapshot({ ...input, includeUserRows: false });
    expect(withheld.table).toBeNull();
    expect(withheld.omittedRows).toBe(2);
    expect(withheld.body).toBe('<p>42 users</p>');
    const included = panelSnapshot({ ...input, includeUserRows: true });
    expect(included.table).toEqual({
      columns: ['user_id', 'days'],
      rows: [
        ['u1', '3'],
        ['u2', '4.123457'],
      ],
      perUser: true,
    });
    expect(included.omittedRows).toBe(0);
  });
});
