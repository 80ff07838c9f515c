import { useCallback } from 'react';
import { version as appVersion } from '../../../package.json';
import { dataBlockJson } from '../../report/report-payload';
import { reportHtml, type ReportLabels } from '../../report/report-html';
import type { DataFingerprint, ReportItemSnapshot, ReportSnapshot } from '../../report/report-types';
import { reportVersion } from '../../report/report-types';
import { downloadText } from '../components/csv';
import { useI18n, type I18n } from '../i18n/i18n';
import type { WorkspaceInfo } from '../../engine/workspace-info';
import { useWorkspace } from './workspace-context';
import { isoDayOrNull } from '../../schema/iso-day';

const labelKeys = [
  'madeAt',
  'appVersion',
  'language',
  'data',
  'file',
  'role',
  'rows',
  'events',
  'users',
  'dateRange',
  'timeZone',
  'contentHash',
  'definition',
  'table',
  'sql',
  'segment',
  'route',
  'omittedRows',
  'error',
  'noScript',
] as const satisfies readonly (keyof ReportLabels)[];

function reportLabels(t: I18n['t']): ReportLabels {
  // `{n}` is filled in by the document, per panel.
  return Object.fromEntries(labelKeys.map((k) => [k, t(`report.doc.${k}`, { n: '{n}' })])) as unknown as ReportLabels;
}

/** The styles the page is drawn with, so that exported panels look as they did on screen. */
function pageCss(): string {
  const rules: string[] = [];
  for (const sheet of document.styleSheets) {
    try {
      for (const rule of sheet.cssRules) rules.push(rule.cssText);
    } catch {
      // A sheet from elsewhere cannot be read; the app has none (CSP), so nothing is lost.
    }
  }
  return rules.join('\n');
}

function fingerprint(info: WorkspaceInfo, hashes: readonly string[]): DataFingerprint {
  return {
    files: info.files.map((f) => ({ name: f.path, role: f.role, rows: f.rowsLoaded })),
    events: info.events,
    users: info.users,
    firstDay: isoDayOrNull(info.firstDay),
    lastDay: isoDayOrNull(info.lastDay),
    timeZone: info.timeZone,
    contentHash: hashes.join('-'),
  };
}

/** A file name from a title: its words, without characters file systems refuse. */
export function reportFileName(title: string): string {
  const base =
    title
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
      .trim()
      .slice(0, 80) || 'report';
  return `${base}.html`;
}

export interface ExportedReport {
  snapshot: ReportSnapshot;
  html: string;
}

/**
 * Makes the self-contained HTML file of a report (or of one analysis) and downloads it: the
 * items as drawn now, the data fingerprint, the time, the app version and the language.
 */
export function useReportExport(): (title: string, items: ReportItemSnapshot[]) => Promise<ExportedReport> {
  const { client, info } = useWorkspace();
  const { t, locale, formatNumber, formatProblem } = useI18n();
  return useCallback(
    async (title, items) => {
      if (!info) throw new Error(t('workspace.none'));
      const outcome = await client.run('report-fingerprint', { kind: 'data-fingerprint', spec: {} });
      if (!outcome.ok) throw new Error(formatProblem(outcome.error));
      const hashes = outcome.value.rows.map((r) => String(r.hash));
      const snapshot: ReportSnapshot = {
        format: 'strata-report',
        version: reportVersion,
        title,
        madeAt: new Date().toISOString(),
        appVersion,
        language: locale,
        fingerprint: fingerprint(info, hashes),
        items,
      };
      const html = reportHtml(snapshot, await dataBlockJson(snapshot), {
        labels: reportLabels(t),
        css: pageCss(),
        formatNumber,
        languageName: locale === 'zh' ? '中文' : 'English',
      });
      downloadText(reportFileName(title), html, 'text/html;charset=utf-8');
      return { snapshot, html };
    },
    [client, info, t, locale, formatNumber, formatProblem],
  );
}
