import { defineMessages } from '../messages';

/** The user profile's labels, in both languages. */
export const profileMessages = defineMessages(
  {
    'nav.user': '用户细查',
    'profile.search': '用户 ID',
    'profile.open': '查看',
    'profile.hint': '输入一个用户 ID，或在留存单元格的用户列表中点击 ID。',
    'profile.title': '用户 {id}',
    'profile.definition':
      '首次 / 最近活跃为该用户有事件的第一天 / 最后一天（{tz} 时区的自然日）；活跃天数为有事件的不同日期数；购买为带金额的事件；创建日为用户表的注册时间，没有时为首次事件日。时间线按 {tz} 的当地时间列出每一条事件。',
    'profile.unknown': '数据中没有用户“{id}”。',
    'profile.created': '创建日',
    'profile.firstSeen': '首次活跃',
    'profile.lastSeen': '最近活跃',
    'profile.activeDays': '活跃天数',
    'profile.events': '事件数',
    'profile.purchases': '购买次数',
    'profile.amount': '消费金额',
    'profile.segments': '所在分群：',
    'profile.noSegments': '不在任何已保存的分群中。',
    'profile.timeline': '事件时间线（按天）',
    'profile.dayEvents': '{n} 条事件',
  },
  {
    'nav.user': 'User profile',
    'profile.search': 'User id',
    'profile.open': 'Open',
    'profile.hint': 'Type a user id, or click an id in the users behind a retention cell.',
    'profile.title': 'User {id}',
    'profile.definition':
      'First / last seen are the first and last days with an event (calendar days in {tz}); active days count distinct days with an event; purchases are events with an amount; created is the users file signup time, else the first event day. The timeline lists every event in local time ({tz}).',
    'profile.unknown': 'There is no user "{id}" in the data.',
    'profile.created': 'Created',
    'profile.firstSeen': 'First seen',
    'profile.lastSeen': 'Last seen',
    'profile.activeDays': 'Active days',
    'profile.events': 'Events',
    'profile.purchases': 'Purchases',
    'profile.amount': 'Amount spent',
    'profile.segments': 'Segments:',
    'profile.noSegments': 'in none of the saved segments.',
    'profile.timeline': 'Event timeline (by day)',
    'profile.dayEvents': '{n} events',
  },
);
