import { describe, expect, it } from 'vitest';
import { cellFormats, columnLabel, displayCell } from '../../../src/ui/components/data-cells';
import { formatCell } from '../../../src/ui/components/csv';

describe('Show data on screen: headings in words, values rounded (issue 13, bug 5)', () => {
  const en = cellFormats('en', 'en-US');
  const zh = cellFormats('zh', 'zh-CN');

  it('names the columns in the UI language, and keeps a column it does not know by its name', () => {
    expect(columnLabel('dau_mau', 'en')).toBe('DAU/MAU');
    expect(columnLabel('dau_mau', 'zh')).toBe('DAU/MAU 粘性');
    expect(columnLabel('period_n', 'zh')).toBe('期数');
    expect(columnLabel('t_x', 'en')).toBe('Time of last purchase (t_x)');
    expect(columnLabel('overlap_1', 'en')).toBe('Also in segment #1');
    expect(columnLabel('overlap_0', 'zh')).toBe('同时在分群 #0');
    expect(columnLabel('no_such_column', 'zh')).toBe('no_such_column');
  });

  it('shows shares as percentages, days as dates, counts grouped and ids as they are', () => {
    expect(displayCell('dau_mau', 0.678363, en)).toBe('67.8%');
    expect(displayCell('churned_share', 0.771744, zh)).toBe('77.2%');
    expect(displayCell('share_at_least', 1, en)).toBe('100.0%');
    expect(displayCell('share_at_least', 0.04, en)).toBe('4.0%');
    expect(displayCell('as_of', Date.UTC(1998, 5, 30), en)).toBe('1998-06-30');
    expect(displayCell('created_day', Date.UTC(2026, 6, 9), zh)).toBe('2026-07-09');
    expect(displayCell('from_period', Date.UTC(1998, 3, 1), en)).toBe('1998-04-01');
    expect(displayCell('events', 463964, en)).toBe('463,964');
    expect(displayCell('user_id', 2079, en)).toBe('2079');
    expect(displayCell('period_n', 12, en)).toBe('12');
  });

  it('rounds other numbers: two decimals, or three significant digits below 1', () => {
    expect(displayCell('arppu', 189.370588, en)).toBe('189.37');
    expect(displayCell('monetary_sum', 1869019.07, en)).toBe('1,869,019.07');
    expect(displayCell('t_x', 49.285714, en)).toBe('49.29');
    expect(displayCell('p_alive', 0.631627, en)).toBe('0.632');
    expect(displayCell('value', 0.0036311, en)).toBe('0.00363');
    expect(displayCell('quick_ratio', Number.POSITIVE_INFINITY, en)).toBe('Infinity');
    expect(displayCell('quick_ratio', null, en)).toBe('');
  });

  it('says yes or no, and codes in words', () => {
    expect(displayCell('complete', true, zh)).toBe('是');
    expect(displayCell('wau_complete', false, en)).toBe('no');
    expect(displayCell('to_stage', 'silent', zh)).toBe('沉默');
    expect(displayCell('from_stage', 'recalled', en)).toBe('Recalled');
    expect(displayCell('from_stage', 'none', zh)).toBe('尚未活跃');
    expect(displayCell('group', 'important-value', zh)).toBe('重要价值客户');
    expect(displayCell('reasons', 'overdue+p_alive', en)).toBe('overdue; low P(alive)');
    expect(displayCell('reasons', 'overdue+something-new', en)).toBe('overdue+something-new');
    expect(displayCell('event', 'view_item', zh)).toBe('view_item');
  });

  it('leaves the CSV its column names and full precision, with days as dates', () => {
    expect(formatCell('dau_mau', 0.678363)).toBe('0.678363');
    expect(formatCell('as_of', Date.UTC(1998, 5, 30))).toBe('1998-06-30');
    expect(formatCell('last_active', Date.UTC(1997, 11, 31))).toBe('1997-12-31');
    expect(formatCell('days_since', 188)).toBe('188');
    expect(formatCell('complete', true)).toBe('true');
  });
});
