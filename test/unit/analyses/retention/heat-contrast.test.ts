// Issue 13, bug 10: every retention heat cell's text meets WCAG AA contrast (4.5:1).
import { describe, expect, it } from 'vitest';
import { heatColor, heatTextColor } from '../../../../src/analyses/retention/retention-matrix';

/** sRGB channels (0..1) of `hsl(h s% l%)`, by the CSS Color 4 algorithm. */
function hslToRgb(css: string): [number, number, number] {
  const [h, s, l] = css.match(/[\d.]+/g)!.map(Number) as [number, number, number];
  const c = (1 - Math.abs((2 * l) / 100 - 1)) * (s / 100);
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l / 100 - c / 2;
  const [r, g, b] =
    h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  return [r + m, g + m, b + m];
}

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const lum = ([r, g, b]: [number, number, number]) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
const hex = (h: string): [number, number, number] => (h === '#000' ? [0, 0, 0] : [1, 1, 1]);
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

describe('retention heat cells', () => {
  it('have text with at least 4.5:1 contrast at every rate', () => {
    for (let i = 0; i <= 1000; i++) {
      const rate = i / 1000;
      const ratio = contrast(lum(hslToRgb(heatColor(rate))), lum(hex(heatTextColor(rate))));
      expect(ratio, `rate ${rate}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('fixes the band the old rule failed: white on 55% to 65%', () => {
    for (const rate of [0.56, 0.6, 0.65]) {
      expect(contrast(lum(hslToRgb(heatColor(rate))), 1)).toBeLessThan(4.5);
      expect(heatTextColor(rate)).toBe('#000');
    }
  });
});
