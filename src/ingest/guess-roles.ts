import type { ColumnMapping, FileRole } from './manifest';

type MappedRole = keyof ColumnMapping | 'unitPrice';

/** Header names (English or Chinese, case and separators ignored) that name a role. */
const namePatterns: [MappedRole, RegExp][] = [
  [
    'anonymousId',
    /^(anonymous(id)?|anonid|deviceid|cookieid|visitorid|guestid|clientid|匿名(id|用户id|标识)?|设备(id|号|标识)|访客id)$/,
  ],
  [
    'userId',
    /^(user(id)?|uid|distinctid|customer(id|no|number)?|member(id|no)?|buyer(id)?|account(id)?|用户(id|编号|号)?|会员(id|编号|号)?|客户(id|编号|号)?|买家(id)?|账号)$/,
  ],
  ['signupTime', /^(signup(time|at|date)?|register(ed)?(time|at|date)?|registration(time|date)?|createdat|注册(时间|日期))$/],
  [
    'time',
    /^(time|ts|timestamp|datetime|eventtime|eventdate|eventts|occurredat|invoicedate|orderdate|ordertime|date|purchasedate|时间|事件时间|发生时间|下单时间|订单时间|支付时间|购买时间|日期|时间戳)$/,
  ],
  ['event', /^(event|eventname|eventtype|action|事件|事件名|事件名称|行为|行为类型)$/],
  [
    'amount',
    /^(amount|revenue|sales|total|totalprice|payment|dollarvalue|gmv|金额|实付金额|支付金额|订单金额|消费金额|销售额|实付)$/,
  ],
  ['unitPrice', /^(unitprice|price|单价|价格)$/],
  ['quantity', /^(quantity|qty|数量|购买数量)$/],
];

/** Case, separators and quotes (`"User ID"`, `'uid'`, `「用户ID」` as exports write them) ignored. */
const normalise = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.'"`‘’“”「」『』]/g, '');

const datePattern =
  /^(\d{4}[-/年]\d{1,2}([-/月]\d{1,2}日?)?([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?|\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))$/;

/** True when every non-empty sample value looks like a date or a date-time. */
function looksLikeTime(values: readonly string[]): boolean {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  return present.length > 0 && present.every((v) => datePattern.test(v));
}

export interface RoleGuess {
  role: FileRole;
  columns: Partial<ColumnMapping>;
}

/**
 * Guesses which column plays which role from the header names (English or Chinese) and,
 * for the time, from the sample values; and from those, whether the file holds events,
 * orders, users or an identity map. An orders file without a total but with a unit price and a quantity
 * gets amount = unit price x quantity.
 */
export function guessRoles(header: readonly string[], rows: readonly (readonly string[])[]): RoleGuess {
  const found = new Map<MappedRole, string>();
  for (const [role, pattern] of namePatterns) {
    const name = header.find((h) => pattern.test(normalise(h)) && ![...found.values()].includes(h));
    if (name !== undefined) found.set(role, name);
  }
  if (!found.has('time')) {
    const index = header.findIndex((h, i) => ![...found.values()].includes(h) && looksLikeTime(rows.map((r) => r[i] ?? '')));
    if (index >= 0) found.set('time', header[index]!);
  }
  const columns: Partial<ColumnMapping> = {};
  for (const key of ['userId', 'time', 'event', 'signupTime', 'anonymousId'] as const) {
    const name = found.get(key);
    if (name !== undefined) columns[key] = name;
  }
  const amount = found.get('amount');
  const unitPrice = found.get('unitPrice');
  const quantity = found.get('quantity');
  if (amount !== undefined) columns.amount = amount;
  else if (unitPrice !== undefined) {
    columns.amount = unitPrice;
    if (quantity !== undefined) columns.quantity = quantity;
  }
  // Without a time, a file pairing anonymous ids with user ids is an identity map.
  if (!columns.time && columns.anonymousId && columns.userId) return { role: 'identity', columns };
  delete columns.anonymousId;
  const role: FileRole = !columns.time ? 'users' : !columns.event && columns.amount ? 'orders' : 'events';
  return { role, columns };
}
