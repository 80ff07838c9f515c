import { useEffect, useMemo, useRef, useState } from 'react';
import { Panel } from '../../ui/components/panel';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useRoute } from '../../ui/hooks/use-route';
import { useI18n } from '../../ui/i18n/i18n';
import { catalogues, type MessageKey } from '../../ui/i18n/messages';
import { useSegments } from '../../ui/workspace/segments-context';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import type { Row } from '../../schema/row';
import {
  pagesOf,
  timelineLines,
  timelinePageSize,
  toTimelineDays,
  toTimelineEvents,
  type TimelineDay,
  type TimelineEvent,
} from './timeline-rows';

const lineHeight = 26;
const windowHeight = 520;

/**
 * Draws only the lines in view (plus a margin), and fetches only their events, a page at a
 * time: a user may have 100,000 events. The first page comes with the profile.
 */
function Timeline({ userId, days, first }: { userId: string; days: readonly TimelineDay[]; first: readonly TimelineEvent[] }) {
  const { t, formatDay, formatNumber } = useI18n();
  const { client } = useWorkspace();
  const [top, setTop] = useState(0);
  const [pages, setPages] = useState<ReadonlyMap<number, readonly TimelineEvent[]>>(() => new Map([[0, first]]));
  const [basis, setBasis] = useState(first);
  const [failed, setFailed] = useState(false);
  // A new answer for the profile (the data changed): start again from its first page.
  if (basis !== first) {
    setBasis(first);
    setPages(new Map([[0, first]]));
  }
  const asked = useRef(new Set<number>());
  // Pages asked for before a new answer belong to the old data.
  const generation = useRef(first);
  const lines = useMemo(() => timelineLines(days), [days]);
  const time = useMemo(
    () => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    [],
  );
  const from = Math.max(0, Math.floor(top / lineHeight) - 20);
  const to = Math.min(lines.length, Math.ceil((top + windowHeight) / lineHeight) + 20);
  const shown = lines.slice(from, to);
  const missing = pagesOf(shown)
    .filter((page) => !pages.has(page))
    .join(',');
  useEffect(() => {
    if (generation.current !== first) {
      generation.current = first;
      asked.current.clear();
    }
    if (!missing) return;
    for (const page of missing.split(',').map(Number)) {
      if (asked.current.has(page)) continue;
      asked.current.add(page);
      const spec = { userId, offset: page * timelinePageSize, limit: timelinePageSize };
      void client.run(`profile-timeline-${page}`, { kind: 'user-timeline', spec }).then((outcome) => {
        if (generation.current !== first) return;
        asked.current.delete(page);
        if (outcome.ok) setPages((p) => new Map(p).set(page, toTimelineEvents(outcome.value.rows)));
        else if (outcome.error.kind !== 'cancelled') setFailed(true);
      });
    }
  }, [client, userId, missing, first]);
  const eventAt = (ordinal: number) => pages.get(Math.floor(ordinal / timelinePageSize))?.[ordinal % timelinePageSize];
  return (
    <div
      className="timeline"
      data-testid="timeline"
      style={{ height: Math.min(windowHeight, lines.length * lineHeight + 2), overflowY: 'auto', position: 'relative' }}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      tabIndex={0}
      aria-label={t('profile.timeline')}
      aria-busy={missing !== '' && !failed}
    >
      <div style={{ height: lines.length * lineHeight, position: 'relative' }}>
        {shown.map((line, i) => {
          const style = { position: 'absolute' as const, top: (from + i) * lineHeight, height: lineHeight, left: 0, right: 0 };
          if (line.kind === 'day') {
            return (
              <div key={from + i} className="timeline-day" style={style}>
                {formatDay(line.day)} · {t('profile.dayEvents', { n: formatNumber(line.events) })}
              </div>
            );
          }
          const event = eventAt(line.ordinal);
          return event ? (
            <div key={from + i} className="timeline-event" style={style}>
              <span className="muted">{time.format(event.time)}</span> {event.event}
              {event.amount !== null ? <span className="muted"> · {formatNumber(event.amount)}</span> : null}
            </div>
          ) : (
            <div key={from + i} className="timeline-pending muted" style={style}>
              {failed ? t('profile.timelineFailed') : '…'}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function Facts({ summary, attributes }: { summary: Row | undefined; attributes: Row | undefined }) {
  const { t, formatDay, formatNumber } = useI18n();
  const day = (v: Row[string] | undefined) => (v === null || v === undefined ? '–' : formatDay(Number(v)));
  const num = (v: Row[string] | undefined) => (v === null || v === undefined ? '–' : formatNumber(Number(v)));
  const facts: [string, string][] = [
    [t('profile.created'), day(summary?.created_day)],
    [t('profile.firstSeen'), day(summary?.first_day)],
    [t('profile.lastSeen'), day(summary?.last_day)],
    [t('profile.activeDays'), num(summary?.active_days)],
    [t('profile.events'), num(summary?.events)],
    [t('profile.purchases'), num(summary?.purchases)],
    [t('profile.amount'), num(summary?.amount)],
  ];
  // created_at is the created day above.
  const attrs = Object.entries(attributes ?? {}).filter(([k]) => k !== 'user_id' && k !== 'created_at');
  return (
    <dl className="facts" data-testid="profile-facts">
      {[...facts, ...attrs.map(([k, v]) => [k, v === null ? '–' : String(v)] as [string, string])].map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The label of an RFM classic group code (the RFM page's labels are in the shared catalogue). */
function rfmGroupKey(group: unknown): MessageKey | null {
  const key = `rfm.group.${String(group)}`;
  return Object.hasOwn(catalogues.en, key) ? (key as MessageKey) : null;
}

/** The user's RFM scores and classic group, scored against every customer; or that there are no purchases. */
function RfmLine({ userId }: { userId: string }) {
  const { t, formatNumber, formatProblem } = useI18n();
  const { status } = useAnalysis('profile-rfm', { kind: 'rfm-customer', spec: { userId } });
  if (status.state === 'error') {
    return (
      <p data-testid="profile-rfm" data-state="error" role="alert">
        {t('profile.rfm')} {formatProblem(status.error)}
      </p>
    );
  }
  if (status.state !== 'ready') {
    return (
      <p data-testid="profile-rfm" data-state="pending" className="muted">
        {t('profile.rfm')} …
      </p>
    );
  }
  const row = status.result.rows[0];
  const key = row ? rfmGroupKey(row.group) : null;
  return (
    <p data-testid="profile-rfm" data-state="ready" title={t('profile.rfmNote')}>
      {t('profile.rfm')}{' '}
      {row && key ? (
        <>
          <strong data-testid="profile-rfm-group" data-group={String(row.group)}>
            {t(key)}
          </strong>{' '}
          <span className="muted">
            {t('profile.rfmScores', {
              r: Number(row.r_score),
              f: Number(row.f_score),
              m: Number(row.m_score),
              recency: formatNumber(Number(row.recency_days)),
              frequency: formatNumber(Number(row.frequency)),
              monetary: formatNumber(Number(row.monetary)),
            })}
          </span>
        </>
      ) : (
        <span data-testid="profile-rfm-group" data-group="">
          {t('profile.rfmNone')}
        </span>
      )}
    </p>
  );
}

/** 用户细查 (`#/user?id=<user id>`): one user's attributes, totals, segments and every event by day. */
export function ProfilePage() {
  const { t } = useI18n();
  const { route, setParams } = useRoute();
  const { info } = useWorkspace();
  const { segments } = useSegments();
  const userId = route.params.id ?? '';
  const [draft, setDraft] = useState(userId);
  // Another user opened by a link, Back or Forward on this page: the box shows who is shown
  // (state adjusted while rendering, as React advises for state that follows a prop).
  const [draftFor, setDraftFor] = useState(userId);
  if (draftFor !== userId) {
    setDraftFor(userId);
    setDraft(userId);
  }
  const memberships = useMemo(() => segments.map((s) => ({ id: s.id, definition: s.definition })), [segments]);
  const { status, retry } = useAnalysis(
    'user-profile',
    userId ? { kind: 'user-profile', spec: { userId, segments: memberships } } : null,
  );
  const result = status.state === 'ready' ? status.result : null;
  const days = useMemo(() => toTimelineDays(result?.tables?.days ?? []), [result]);
  const first = useMemo(() => toTimelineEvents(result?.tables?.timeline ?? []), [result]);
  const summary = result?.rows[0];
  const known = summary !== undefined && (Number(summary.events) > 0 || summary.created_day !== null);
  const inSegments = (result?.tables?.segments ?? [])
    .map((r) => segments.find((s) => s.id === r.segment_id))
    .filter((s) => s !== undefined);

  return (
    <div className="page" data-testid="profile-page">
      <form
        className="controls-grid"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ id: draft || undefined });
        }}
      >
        <label>
          {t('profile.search')}{' '}
          <input value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="profile-search" size={30} />
        </label>
        <button type="submit">{t('profile.open')}</button>
      </form>
      {userId ? (
        <Panel
          testId="panel-profile"
          title={t('profile.title', { id: userId })}
          definition={t('profile.definition', { tz: info?.timeZone ?? 'UTC' })}
          status={status}
          retry={retry}
          notice={result && !known ? t('profile.unknown', { id: userId }) : null}
        >
          {() => (
            <>
              <Facts summary={summary} attributes={result?.tables?.attributes?.[0]} />
              {known ? <RfmLine userId={userId} /> : null}
              <p data-testid="profile-segments">
                {t('profile.segments')}{' '}
                {inSegments.length === 0
                  ? t('profile.noSegments')
                  : inSegments.map((s) => (
                      <a key={s.id} href={`#/segments/${encodeURIComponent(s.id)}`} className="chip">
                        {s.name}
                      </a>
                    ))}
              </p>
              <h3>{t('profile.timeline')}</h3>
              <Timeline key={userId} userId={userId} days={days} first={first} />
            </>
          )}
        </Panel>
      ) : (
        <p className="muted">{t('profile.hint')}</p>
      )}
    </div>
  );
}
