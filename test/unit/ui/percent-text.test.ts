import { describe, expect, it } from 'vitest';
import { percentText } from '../../../src/ui/i18n/percent-text';

describe('a share as a percentage', () => {
  const upToOne = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
  const column = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

  it('says a share too small to show is below 0.1%, not 0%: 5 users of 50,000', () => {
    expect(percentText(upToOne, 5 / 50_000)).toBe('<0.1%');
    expect(percentText(column, 5 / 50_000)).toBe('<0.1%');
  });

  it('writes zero and shares that round to 0.1% or more as they are', () => {
    expect(percentText(upToOne, 0)).toBe('0%');
    expect(percentText(column, 0)).toBe('0.0%');
    expect(percentText(upToOne, 0.0005)).toBe('0.1%');
    expect(percentText(upToOne, 0.04)).toBe('4%');
    expect(percentText(column, 0.04)).toBe('4.0%');
    expect(percentText(column, 0.178)).toBe('17.8%');
  });
});
