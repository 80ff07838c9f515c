import { useEffect, useMemo, useState } from 'react';
import { Panel } from '../../ui/components/panel';
import { downloadText, toCsv } from '../../ui/components/csv';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useRoute } from '../../ui/hooks/use-route';
import { useI18n } from '../../ui/i18n/i18n';
import { newSegmentId, useSegments, type SavedSegment } from '../../ui/workspace/segments-context';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { missingReference, type SegmentRule, type SegmentScope } from '../segment-rule';
import { channelColumnOf, reachColumns, type ReachChannel } from './reach-export';
import { newRule } from './rule-defaults';
import { RuleEditor } from './rule-editor';
import { SegmentCompare } from './segment-compare';
import { allEventNames } from '../../engine/workspace-info';
import { pagesFilteredBySegment } from '../../ui/workspace/segment-filter';

/** The value after it has stopped changing for `ms`: the count follows the rule as it is edited, not each keystroke. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Members and share of all users of a segment, live. */
function MemberCount({ definition, panel, stale = false }: { definition: SegmentScope; panel: string; stale?: boolean }) {
  const { t, formatNumber, formatPercent, formatProblem } = useI18n();
  const { status } = useAnalysis(panel, { kind: 'segment-count', spec: { segment: definition } });
  if (status.state === 'error') return <span role="alert">{formatProblem(status.error)}</span>;
  if (status.state !== 'ready') return <span className="muted">…</span>;
  const row = status.result.rows[0];
  const members = Number(row?.members ?? 0);
  const users = Number(row?.users ?? 0);
  return (
    <span data-testid="member-count" data-state={stale ? 'pending' : 'ready'} className={stale ? 'muted' : undefined}>
      {t('segments.members', { n: formatNumber(members), share: formatPercent(users > 0 ? members / users : 0) })}
    </span>
  );
}

/** Why a segment cannot be counted on the data loaded now (a column or event a re-import removed). */
function useInvalidReason(definition: SegmentScope): string | null {
  const { t } = useI18n();
  const { info } = useWorkspace();
  if (!info || !('rule' in definition)) return null;
  const missing = missingReference(definition.rule, {
    columns: info.userAttributes,
    events: allEventNames(info),
    eventColumns: info.eventColumns,
  });
  if (missing === null) return null;
  switch (missing.kind) {
    case 'column':
      return t('segments.missingColumn', { column: missing.name });
    case 'event':
      return t('segments.missingEvent', { event: missing.name });
    case 'eventColumn':
      return t('segments.missingEventColumn', { column: missing.name });
    default: {
      const never: never = missing.kind;
      throw new Error(`unknown reference ${String(never)}`);
    }
  }
}

function ReachExport({ segment }: { segment: SavedSegment }) {
  const { t } = useI18n();
  const { client, info } = useWorkspace();
  const columns = info?.userAttributes ?? [];
  const [problem, setProblem] = useState<string | null>(null);
  const channels: ReachChannel[] = ['sms', 'email', 'push', 'ids'];
  const exportFor = async (channel: ReachChannel) => {
    const picked = reachColumns(channel, columns) ?? [];
    const outcome = await client.run(`reach-${segment.id}`, {
      kind: 'segment-members',
      spec: { segment: segment.definition, columns: picked },
    });
    if (!outcome.ok) {
      setProblem(outcome.error.code);
      return;
    }
    const header = ['user_id', ...picked];
    const rows = outcome.value.rows.map((r) => header.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))));
    downloadText(`${segment.name}-${channel}.csv`, toCsv(header, rows));
  };
  return (
    <div className="reach" data-testid="reach-export">
      <strong>{t('segments.reach')}</strong>{' '}
      {channels.map((channel) => {
        const missing = channel !== 'ids' && channelColumnOf(channel, columns) === null;
        return (
          <button
            key={channel}
            type="button"
            disabled={missing}
            title={missing ? t('segments.noChannelColumn') : undefined}
            onClick={() => void exportFor(channel)}
          >
            {t(`segments.channel.${channel}`)}
          </button>
        );
      })}
      {problem ? <p role="alert">{problem}</p> : null}
    </div>
  );
}

/**
 * One segment's builder. `justSaved`: it was saved a moment ago as a new segment, whose editor
 * (under its own address) then says so as this one would have.
 */
function SegmentEditor({
  existing,
  justSaved = false,
  onSaved,
}: {
  existing: SavedSegment | null;
  justSaved?: boolean;
  onSaved: (id: string) => void;
}) {
  const { t } = useI18n();
  const { info, workspaceId } = useWorkspace();
  const { save } = useSegments();
  const { navigate } = useRoute();
  const data = useMemo(
    () => ({ events: info?.eventNames ?? [], columns: info?.userAttributes ?? [], eventColumns: info?.eventColumns ?? [] }),
    [info],
  );
  const [name, setName] = useState(existing?.name ?? t('segments.untitled'));
  const [description, setDescription] = useState(existing?.description ?? '');
  const [definition, setDefinition] = useState<SegmentScope>(existing?.definition ?? { rule: newRule(data) });
  const settled = useSettled(definition, 300);
  const invalid = useInvalidReason(definition);
  const [saved, setSaved] = useState(justSaved);

  const onSave = async () => {
    if (!workspaceId) return;
    const now = Date.now();
    const segment: SavedSegment = {
      id: existing?.id ?? newSegmentId(),
      workspaceId,
      name: name.trim() || t('segments.untitled'),
      description,
      definition,
      frozenAt: existing?.frozenAt ?? null,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    if (await save(segment)) {
      setSaved(true);
      onSaved(segment.id);
      if (!existing) navigate(`segments/${segment.id}`);
    }
  };

  return (
    <div className="page" data-testid="segment-editor">
      <section className="panel">
        <header className="panel-head">
          <h2>{existing ? t('segments.edit') : t('segments.new')}</h2>
          <a href="#/segments" data-testid="segment-back">
            {t('segments.backToList')}
          </a>
        </header>
        <div className="controls-grid">
          <label>
            {t('segments.name')} <input value={name} onChange={(e) => setName(e.target.value)} data-testid="segment-name" />
          </label>
          <label>
            {t('segments.description')} <input value={description} size={40} onChange={(e) => setDescription(e.target.value)} />
          </label>
        </div>
        {'rule' in definition ? (
          <RuleEditor rule={definition.rule} data={data} onChange={(rule: SegmentRule) => setDefinition({ rule })} />
        ) : (
          <p>{t('segments.frozen', { n: definition.ids.length })}</p>
        )}
        <p className="segment-count" aria-live="polite">
          {invalid ? (
            <span role="alert">{t('segments.invalid', { reason: invalid })}</span>
          ) : (
            <MemberCount definition={settled} panel="segment-editor-count" stale={settled !== definition} />
          )}
        </p>
        <p>
          <button type="button" onClick={() => void onSave()} data-testid="segment-save" disabled={!workspaceId}>
            {t('segments.save')}
          </button>{' '}
          {saved ? <span role="status">{t('segments.saved')}</span> : null}
        </p>
        {existing ? (
          <>
            <ReachExport segment={existing} />
            <p className="reach">
              {t('segments.useIn')}{' '}
              {pagesFilteredBySegment.map((page) => (
                <a key={page} href={`#/${page}?segment=${encodeURIComponent(existing.id)}`}>
                  {t(`nav.${page}`)}
                </a>
              ))}
            </p>
          </>
        ) : null}
      </section>
    </div>
  );
}

function SegmentRow(props: { segment: SavedSegment; picked: boolean; onPick: () => void; onDelete: () => void }) {
  const { segment, picked, onPick, onDelete } = props;
  const { t, formatDay } = useI18n();
  const { save } = useSegments();
  const invalid = useInvalidReason(segment.definition);
  const duplicate = () => {
    const now = Date.now();
    void save({
      ...segment,
      id: newSegmentId(),
      name: t('segments.copyOf', { name: segment.name }),
      createdAt: now,
      updatedAt: now,
    });
  };
  const rename = (name: string) => {
    if (name.trim() && name !== segment.name) void save({ ...segment, name: name.trim(), updatedAt: Date.now() });
  };
  return (
    <tr data-testid="segment-row">
      <td>
        <input type="checkbox" aria-label={t('segments.pick')} checked={picked} onChange={onPick} />
      </td>
      <td>
        <a href={`#/segments/${encodeURIComponent(segment.id)}`}>{segment.name}</a>
        {segment.description ? <div className="muted">{segment.description}</div> : null}
      </td>
      <td>{'rule' in segment.definition ? t('segments.dynamic') : t('segments.frozenShort')}</td>
      <td>
        {invalid ? (
          <span role="alert">{t('segments.invalid', { reason: invalid })}</span>
        ) : (
          <MemberCount definition={segment.definition} panel={`segment-count-${segment.id}`} />
        )}
      </td>
      <td>{formatDay(segment.updatedAt - (segment.updatedAt % 86_400_000))}</td>
      <td>
        <input aria-label={t('segments.rename')} defaultValue={segment.name} size={12} onBlur={(e) => rename(e.target.value)} />{' '}
        <button type="button" onClick={duplicate}>
          {t('segments.duplicate')}
        </button>{' '}
        <button type="button" onClick={onDelete}>
          {t('segments.delete')}
        </button>
      </td>
    </tr>
  );
}

function SegmentList() {
  const { t } = useI18n();
  const { segments, save, remove } = useSegments();
  const { workspaceId } = useWorkspace();
  const { navigate } = useRoute();
  const [deleted, setDeleted] = useState<SavedSegment | null>(null);
  const [ids, setIds] = useState('');
  const [picked, setPicked] = useState<readonly string[]>([]);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length < 4 ? [...p, id] : p));

  const fromIds = async () => {
    const list = [
      ...new Set(
        ids
          .split(/[\s,，;]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    if (!workspaceId || list.length === 0) return;
    const now = Date.now();
    const segment: SavedSegment = {
      id: newSegmentId(),
      workspaceId,
      name: t('segments.pasted', { n: list.length }),
      description: '',
      definition: { ids: list },
      frozenAt: now,
      createdAt: now,
      updatedAt: now,
    };
    if (await save(segment)) navigate(`segments/${segment.id}`);
  };

  return (
    <div className="page" data-testid="segments-page">
      <section className="panel">
        <header className="panel-head">
          <h2>{t('segments.title')}</h2>
          <button type="button" onClick={() => navigate('segments/new')} data-testid="segment-new">
            {t('segments.new')}
          </button>
        </header>
        <p className="muted">{t('segments.intro')}</p>
        {deleted ? (
          <p role="status">
            {t('segments.deleted', { name: deleted.name })}{' '}
            <button type="button" onClick={() => void save(deleted).then(() => setDeleted(null))}>
              {t('segments.undo')}
            </button>
          </p>
        ) : null}
        {segments.length === 0 ? (
          <p>{t('segments.none')}</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th>{t('segments.pick')}</th>
                <th>{t('segments.name')}</th>
                <th>{t('segments.type')}</th>
                <th>{t('segments.size')}</th>
                <th>{t('segments.updated')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {segments.map((s) => (
                <SegmentRow
                  key={s.id}
                  segment={s}
                  picked={picked.includes(s.id)}
                  onPick={() => toggle(s.id)}
                  onDelete={() =>
                    void remove(s.id).then((ok) => {
                      if (ok) setDeleted(s);
                    })
                  }
                />
              ))}
            </tbody>
          </table>
        )}
        {segments.length >= 2 ? (
          <p>
            <button
              type="button"
              data-testid="segment-compare-button"
              disabled={picked.length < 2}
              onClick={() => navigate('segments/compare', { ids: picked.join(',') })}
            >
              {t('segments.compare', { n: picked.length })}
            </button>
          </p>
        ) : null}
        <details>
          <summary>{t('segments.fromIds')}</summary>
          <textarea aria-label={t('segments.fromIds')} rows={4} cols={50} value={ids} onChange={(e) => setIds(e.target.value)} />
          <p>
            <button type="button" onClick={() => void fromIds()}>
              {t('segments.createFrozen')}
            </button>
          </p>
        </details>
      </section>
    </div>
  );
}

/** 用户分群: saved segments (`#/segments`) and one segment's builder (`#/segments/<id>`, `#/segments/new`). */
export function SegmentsPage() {
  const { t } = useI18n();
  const { route } = useRoute();
  const { segments } = useSegments();
  const { info } = useWorkspace();
  const [savedId, setSavedId] = useState<string | null>(null);
  const id = route.page.split('/').slice(1).join('/');
  if (!id) return <SegmentList />;
  if (!info) return <p className="panel-pending">{t('panel.loading')}</p>;
  if (id === 'new') return <SegmentEditor key="new" existing={null} onSaved={setSavedId} />;
  if (id === 'compare') {
    const wanted = (route.params.ids ?? '').split(',');
    const chosen = wanted.map((w) => segments.find((s) => s.id === w)).filter((s) => s !== undefined);
    if (chosen.length >= 2 && chosen.length <= 4) return <SegmentCompare segments={chosen} />;
    return <p role="alert">{t('segments.compareNeeds')}</p>;
  }
  const existing = segments.find((s) => s.id === id);
  if (!existing)
    return (
      <Panel
        testId="segment-missing"
        title={t('segments.title')}
        definition=""
        status={{ state: 'idle' }}
        retry={() => {}}
        notice={t('segments.notFound')}
      >
        {() => null}
      </Panel>
    );
  return <SegmentEditor key={existing.id} existing={existing} justSaved={savedId === existing.id} onSaved={setSavedId} />;
}
