/** Shared look: system fonts with CJK fallbacks (no web fonts: the app works offline). */
export const chartStyle = {
  fontFamily: 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  fontSize: '12px',
  overflow: 'visible',
} as const;

export const seriesColors = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#dc2626'];

export interface ChartText {
  x: string;
  y: string;
  formatDay: (epochMs: number) => string;
  formatNumber: (value: number) => string;
}
