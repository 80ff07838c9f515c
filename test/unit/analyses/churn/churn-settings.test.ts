import { describe, expect, it } from 'vitest';
import { churnSettingsFromParams } from '../../../../src/analyses/churn/churn-settings';

describe('churn settings from the URL', () => {
  it('defaults: L and S from the data, monthly, as of the last day, P(alive) rule only with amounts, 52 weeks', () => {
    const { settings, problems } = churnSettingsFromParams({}, ['open'], true);
    expect(settings).toEqual({
      coreEvents: [],
      threshold: null,
      silent: null,
      grain: 'month',
      asOf: null,
      alpha: 2,
      pAlive: 0.5,
      window: 14,
      beta: 50,
      calibrationEnd: null,
      unit: 'week',
      horizon: 52,
    });
    expect(problems).toEqual({ inactivity: null, bgnbd: null });
    expect(churnSettingsFromParams({}, [], false).settings.pAlive).toBeNull();
  });

  it('reads the BG/NBD settings of #/churn?calibrationEnd=1997-09-30&unit=week&horizon=52', () => {
    const { settings, problems } = churnSettingsFromParams(
      {
        calibrationEnd: '1997-09-30',
        unit: 'week',
        horizon: '52',
        threshold: '60',
        silent: '14',
        pAlive: 'off',
        event: 'open',
        window: '28',
        beta: '62.5',
      },
      ['open'],
      true,
    );
    expect(settings).toMatchObject({
      calibrationEnd: '1997-09-30',
      unit: 'week',
      horizon: 52,
      threshold: 60,
      silent: 14,
      pAlive: null,
      coreEvents: ['open'],
      window: 28,
      beta: 62.5,
    });
    expect(problems).toEqual({ inactivity: null, bgnbd: null });
    expect(churnSettingsFromParams({ unit: 'day' }, [], true).settings.horizon).toBe(365);
  });

  it('turns a setting that does not parse into a problem for the panels it feeds, never a silent default', () => {
    const at = (params: Record<string, string>) => churnSettingsFromParams(params, ['open'], true).problems;
    expect(at({ threshold: '0' }).inactivity).toEqual({ code: 'churn.badThreshold', vars: { value: '0' } });
    expect(at({ threshold: '30', silent: '30' }).inactivity).toEqual({ code: 'churn.badSilent', vars: { value: '30', l: 30 } });
    expect(at({ asOf: '1997-02-30' }).inactivity).toEqual({
      code: 'churn.badDate',
      vars: { field: 'asOf', value: '1997-02-30' },
    });
    expect(at({ alpha: '0.5' }).inactivity?.code).toBe('churn.badAlpha');
    expect(at({ pAlive: '1.5' }).inactivity?.code).toBe('churn.badPAlive');
    expect(at({ window: '0' }).inactivity).toEqual({ code: 'churn.badWindow', vars: { value: '0' } });
    expect(at({ window: '2.5' }).inactivity?.code).toBe('churn.badWindow');
    expect(at({ beta: '150' }).inactivity).toEqual({ code: 'churn.badBeta', vars: { value: '150' } });
    expect(at({ event: 'gone' }).inactivity).toEqual({ code: 'churn.missingEvent', vars: { event: 'gone' } });
    expect(at({ calibrationEnd: 'soon' })).toEqual({
      inactivity: null,
      bgnbd: { code: 'churn.badDate', vars: { field: 'calibrationEnd', value: 'soon' } },
    });
    expect(at({ horizon: '-3' }).bgnbd).toEqual({ code: 'churn.bgnbd.badHorizon', vars: { value: '-3' } });
  });
});
