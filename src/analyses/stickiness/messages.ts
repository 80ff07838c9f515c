import { defineMessages } from '../messages';

/** The stickiness screens' labels, in both languages. */
export const stickinessMessages = defineMessages(
  {
    'nav.stickiness': '粘性',
    'stickiness.title': '粘性分布',
    'stickiness.span': '时间段',
    'stickiness.cumulative': '累计（至少 k 天）',
    'stickiness.exact': '恰好 k 天',
    'stickiness.days': '活跃天数 k',
    'stickiness.share': '占比',
    'stickiness.spanOf': '{from} – {to}，活跃用户 {users} 人',
    'stickiness.definition':
      '在一个完整的{grain}（默认数据中最后一个完整的{grain}）内，k = 用户活跃的天数（按 {tz} 时区的自然日）。分母为该时段内至少活跃一天的用户；“恰好”为 k(u) = k，“累计”为 k(u) ≥ k。',
    'stickiness.ratioTitle': 'DAU/MAU 走势',
    'stickiness.pickHint': '点击人数，查看、下载这些用户或存为分群',
    'stickiness.usersExact': '{from} – {to} 恰好活跃 {k} 天的用户（{count} 人）',
    'stickiness.usersAtLeast': '{from} – {to} 至少活跃 {k} 天的用户（{count} 人）',
  },
  {
    'nav.stickiness': 'Stickiness',
    'stickiness.title': 'Stickiness',
    'stickiness.span': 'Span',
    'stickiness.cumulative': 'cumulative (at least k days)',
    'stickiness.exact': 'exactly k days',
    'stickiness.days': 'Active days k',
    'stickiness.share': 'Share',
    'stickiness.spanOf': '{from} – {to}, {users} active users',
    'stickiness.definition':
      'Over one whole {grain} (by default the last complete {grain} of the data), k = the number of calendar days in {tz} on which the user was active. The base is the users active at least one day in it; "exactly" is k(u) = k, "cumulative" is k(u) ≥ k.',
    'stickiness.ratioTitle': 'DAU/MAU over time',
    'stickiness.pickHint': 'Click a count to list, download or save those users as a segment',
    'stickiness.usersExact': 'Users active on exactly {k} {k|day|days}, {from} – {to} ({count})',
    'stickiness.usersAtLeast': 'Users active on at least {k} {k|day|days}, {from} – {to} ({count})',
  },
);
