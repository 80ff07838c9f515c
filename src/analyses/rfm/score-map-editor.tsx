import { useState } from 'react';
import type { Problem } from '../../schema/problem';
import { useI18n } from '../../ui/i18n/i18n';
import { namedSegments, segmentMap, type NamedSegment, type ScoreRange, type SegmentRule } from './rfm-segments';
import { formatScoreMap, isDefaultScoreMap, maxRules, scoreMapNotes, scoreMapProblems } from './score-map';

interface ScoreMapEditorProps {
  /** The map the page uses now (the link's, or the default). */
  map: readonly SegmentRule[];
  onApply: (map: readonly SegmentRule[]) => void;
  name: (segment: NamedSegment) => string;
  problemText: (problem: Problem) => string;
}

const scores = [1, 2, 3, 4, 5];
const measures = ['r', 'f', 'm'] as const;

/**
 * The named segments' score map as rows in priority order: segment, R / F / M score ranges,
 * move, remove; add a rule, reset. A change is applied at once when the map is valid; one that
 * is not stays a draft here, with what is wrong, and the page keeps the last valid map.
 */
export function ScoreMapEditor({ map, onApply, name, problemText }: ScoreMapEditorProps) {
  const { t } = useI18n();
  const applied = formatScoreMap(map);
  const [draft, setDraft] = useState<readonly SegmentRule[]>(map);
  const [basis, setBasis] = useState(applied);
  // The link changed from elsewhere (back, reset, another link): show what it says.
  if (basis !== applied) {
    setBasis(applied);
    if (formatScoreMap(draft) !== applied) setDraft(map);
  }
  const problems = scoreMapProblems(draft);
  const notes = problems.length === 0 ? scoreMapNotes(draft) : [];

  const change = (next: readonly SegmentRule[]) => {
    setDraft(next);
    if (scoreMapProblems(next).length === 0) onApply(next);
  };
  const update = (i: number, patch: Partial<SegmentRule>) =>
    change(draft.map((rule, j) => (j === i ? { ...rule, ...patch } : rule)));
  const setBound = (i: number, measure: (typeof measures)[number], end: 0 | 1, value: number) => {
    const range = [...draft[i]![measure]] as [number, number];
    range[end] = value;
    update(i, { [measure]: range as ScoreRange });
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...draft];
    const [rule] = next.splice(i, 1);
    next.splice(i + by, 0, rule!);
    change(next);
  };
  const unused = namedSegments.find((s) => !draft.some((rule) => rule.segment === s)) ?? 'lost';

  return (
    <details className="score-map" data-testid="rfm-map-editor" open={!isDefaultScoreMap(map) || problems.length > 0}>
      <summary>
        {t('rfm.map.title')}
        {isDefaultScoreMap(map) ? null : <span className="muted"> · {t('rfm.map.custom')}</span>}
      </summary>
      <p className="muted">{t('rfm.map.hint')}</p>
      <div className="table-scroll" style={{ maxHeight: 'none' }}>
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('rfm.map.priority')}</th>
              <th scope="col">{t('rfm.map.segment')}</th>
              <th scope="col">{t('rfm.map.scoreR')}</th>
              <th scope="col">{t('rfm.map.scoreF')}</th>
              <th scope="col">{t('rfm.map.scoreM')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {draft.map((rule, i) => (
              <tr key={i} data-rule={i + 1}>
                <td className="num">{i + 1}</td>
                <td>
                  <select
                    aria-label={`${t('rfm.map.segment')} ${i + 1}`}
                    value={rule.segment}
                    onChange={(e) => update(i, { segment: e.target.value as NamedSegment })}
                  >
                    {namedSegments.map((s) => (
                      <option key={s} value={s}>
                        {name(s)}
                      </option>
                    ))}
                  </select>
                </td>
                {measures.map((measure) => (
                  <td key={measure} style={{ whiteSpace: 'nowrap' }}>
                    {([0, 1] as const).map((end) => (
                      <span key={end}>
                        {end === 1 ? ' – ' : null}
                        <select
                          aria-label={`${t(end === 0 ? 'rfm.map.low' : 'rfm.map.high', { measure: measure.toUpperCase() })} ${i + 1}`}
                          data-bound={`${measure}${end}`}
                          value={rule[measure][end]}
                          onChange={(e) => setBound(i, measure, end, Number(e.target.value))}
                        >
                          {scores.map((s) => (
                            <option key={s} value={s}>
                              {s}
                            </option>
                          ))}
                        </select>
                      </span>
                    ))}
                  </td>
                ))}
                <td style={{ whiteSpace: 'nowrap' }}>
                  <button
                    type="button"
                    disabled={i === 0}
                    title={t('rfm.map.up')}
                    aria-label={`${t('rfm.map.up')} ${i + 1}`}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>{' '}
                  <button
                    type="button"
                    disabled={i === draft.length - 1}
                    title={t('rfm.map.down')}
                    aria-label={`${t('rfm.map.down')} ${i + 1}`}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>{' '}
                  <button
                    type="button"
                    title={t('rfm.map.remove')}
                    aria-label={`${t('rfm.map.remove')} ${i + 1}`}
                    onClick={() => change(draft.filter((_, j) => j !== i))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button
          type="button"
          data-testid="rfm-map-add"
          disabled={draft.length >= maxRules}
          onClick={() => change([...draft, { segment: unused, r: [1, 5], f: [1, 5], m: [1, 5] }])}
        >
          {t('rfm.map.add')}
        </button>{' '}
        <button type="button" data-testid="rfm-map-reset" disabled={isDefaultScoreMap(draft)} onClick={() => change(segmentMap)}>
          {t('rfm.map.reset')}
        </button>
      </p>
      {problems.length > 0 ? (
        <div role="alert" data-testid="rfm-map-problems">
          <p>{t('rfm.map.notApplied')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{problemText(p)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {notes.length > 0 ? (
        <ul className="muted" role="status" data-testid="rfm-map-notes">
          {notes.map((p, i) => (
            <li key={i}>{problemText(p)}</li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
