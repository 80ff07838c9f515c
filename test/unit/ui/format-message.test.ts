import { describe, expect, it } from 'vitest';
import { catalogues, formatMessage } from '../../../src/ui/i18n/messages';

describe('messages with counts', () => {
  it('fills {name|one|other} with the singular only where the value reads "1"', () => {
    const template = '{n} {n|day|days} in {k} {k|week|weeks}';
    expect(formatMessage(template, { n: 1, k: '1' })).toBe('1 day in 1 week');
    expect(formatMessage(template, { n: 0, k: '2' })).toBe('0 days in 2 weeks');
    expect(formatMessage(template, { n: 1.5, k: '1,000' })).toBe('1.5 days in 1,000 weeks');
    // A value that is not given leaves the placeholder as written, as for {name}.
    expect(formatMessage(template, { n: 1 })).toBe('1 day in {k} {k|week|weeks}');
  });

  it('puts values in as text, never reading braces or bars in them as placeholders', () => {
    expect(formatMessage('{a} {b|x|y}', { a: '{b|p|q}', b: 1 })).toBe('{b|p|q} x');
  });

  it('says "1 user, 1 event, 1 event name" and "users active on exactly 1 day" in English', () => {
    const en = catalogues.en;
    expect(formatMessage(en['import.report.result'], { users: '1', events: '1', names: '1', range: 'r', zone: 'UTC' })).toBe(
      'Result: 1 user, 1 event, 1 event name, dates r (UTC).',
    );
    expect(formatMessage(en['import.report.result'], { users: '2', events: '10', names: '3', range: 'r', zone: 'UTC' })).toBe(
      'Result: 2 users, 10 events, 3 event names, dates r (UTC).',
    );
    expect(formatMessage(en['stickiness.usersExact'], { k: 1, from: 'a', to: 'b', count: '5' })).toBe(
      'Users active on exactly 1 day, a – b (5)',
    );
  });

  it('has every plural of a message name a placeholder the same message fills, in both languages', () => {
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      for (const [key, template] of Object.entries(catalogue)) {
        for (const [, name] of template.matchAll(/\{(\w+)\|[^|{}]*\|[^|{}]*\}/g)) {
          expect(template.includes(`{${name}}`), `${locale} ${key}: {${name}|…} without {${name}}`).toBe(true);
        }
      }
    }
  });
});
