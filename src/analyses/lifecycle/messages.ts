import { defineMessages } from '../messages';

/** The lifecycle screens' labels, in both languages. */
export const lifecycleMessages = defineMessages(
  {
    'nav.lifecycle': '生命周期',
    'lifecycle.title': '生命周期',
    'lifecycle.new': '新增',
    'lifecycle.returning': '留存',
    'lifecycle.resurrecting': '回流',
    'lifecycle.dormant': '流失',
    'lifecycle.state': '状态',
    'lifecycle.period': '周期',
    'lifecycle.stateCount': '{state} {count}',
    'lifecycle.pickHint': '点击一种状态，查看、下载这些用户或存为分群',
    'lifecycle.users': '{period} 所在{grain} · {state}用户（{count} 人）',
    'lifecycle.quickRatio': '快速比率 (新增 + 回流) / 流失',
    'lifecycle.definition':
      '按 {tz} 时区的{grain}：新增 = 本期活跃且本期为创建期（有注册时间用注册时间，否则用首次事件）；留存 = 本期与上期都活跃；回流 = 本期活跃、上期未活跃且不是新增；流失 = 上期活跃而本期未活跃（画在零线以下）。恒等式：活跃 = 新增 + 留存 + 回流；活跃(i) = 活跃(i−1) + 新增 + 回流 − 流失。快速比率 = (新增 + 回流) / 流失。',
  },
  {
    'nav.lifecycle': 'Lifecycle',
    'lifecycle.title': 'Lifecycle',
    'lifecycle.new': 'New',
    'lifecycle.returning': 'Returning',
    'lifecycle.resurrecting': 'Resurrecting',
    'lifecycle.dormant': 'Dormant',
    'lifecycle.state': 'State',
    'lifecycle.period': 'Period',
    'lifecycle.stateCount': '{state} {count}',
    'lifecycle.pickHint': 'Choose a state to list, download or save its users as a segment',
    'lifecycle.users': '{state} users, {grain} of {period} ({count})',
    'lifecycle.quickRatio': 'Quick ratio (new + resurrecting) / dormant',
    'lifecycle.definition':
      'Per {grain} in {tz}: new = active and created in the period (signup time when known, else the first event); returning = active in this and the previous period; resurrecting = active, not in the previous period, not new; dormant = active in the previous period but not this one (drawn below zero). Identities: active = new + returning + resurrecting; active(i) = active(i−1) + new + resurrecting − dormant. Quick ratio = (new + resurrecting) / dormant.',
  },
);
