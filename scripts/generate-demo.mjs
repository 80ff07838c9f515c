// Writes public/demo/: a seeded, realistic demo workspace for a Chinese shopping app
// (about 50k users and 1M events over six months) so that `npm start` shows a product an
// operations analyst recognises without any file dropped. Deterministic: same bytes every run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'demo');
const firstDay = Date.UTC(2026, 4, 1); // 2026-05-01, local calendar days (Asia/Shanghai)
const days = 184; // through 2026-10-31
const userCount = 50_000;
const dayMs = 86_400_000;
const lastMoment = firstDay + days * dayMs; // the export ends at 2026-10-31 24:00 local

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20260501);

function pick(weighted) {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of weighted) {
    r -= w;
    if (r <= 0) return value;
  }
  return weighted[weighted.length - 1][0];
}

function normal() {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const cities = [
  ['北京', '一线', 9],
  ['上海', '一线', 9],
  ['广州', '一线', 7],
  ['深圳', '一线', 7],
  ['杭州', '新一线', 5],
  ['成都', '新一线', 6],
  ['武汉', '新一线', 5],
  ['南京', '新一线', 4],
  ['西安', '新一线', 4],
  ['重庆', '新一线', 5],
  ['苏州', '新一线', 4],
  ['长沙', '新一线', 4],
  ['郑州', '新一线', 4],
  ['青岛', '新一线', 3],
  ['合肥', '新一线', 3],
  ['昆明', '二线', 3],
  ['南宁', '二线', 3],
  ['福州', '二线', 3],
  ['济南', '二线', 3],
  ['哈尔滨', '二线', 2],
  ['洛阳', '三线及以下', 2],
  ['赣州', '三线及以下', 2],
  ['绵阳', '三线及以下', 2],
  ['曲靖', '三线及以下', 2],
  ['商丘', '三线及以下', 2],
  ['湛江', '三线及以下', 2],
];

// Channels differ in size, engagement and how fast users fade (daily churn hazard).
const channels = {
  应用商店: { weight: 30, engagement: 0.25, hazard: 0.05, buy: 1.0 },
  信息流广告: { weight: 26, engagement: 0.18, hazard: 0.09, buy: 0.8 },
  好友邀请: { weight: 14, engagement: 0.3, hazard: 0.03, buy: 1.1 },
  自然流量: { weight: 18, engagement: 0.28, hazard: 0.032, buy: 1.0 },
  直播带货: { weight: 12, engagement: 0.22, hazard: 0.08, buy: 1.8 },
};

const hourWeights = [2, 1, 0.6, 0.4, 0.4, 0.6, 1.5, 3, 4, 4, 4, 4.5, 5.5, 5, 4, 4, 4, 4.5, 5.5, 6.5, 8, 8.5, 7, 4];

function isCampaign(day) {
  const date = new Date(firstDay + day * dayMs);
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return (m === 6 && d >= 14 && d <= 18) || (m === 10 && d <= 7) || (m === 8 && d >= 8 && d <= 10);
}

function weekFactor(day) {
  const weekday = new Date(firstDay + day * dayMs).getUTCDay();
  return weekday === 0 || weekday === 6 ? 1.25 : weekday === 5 ? 1.1 : 0.95;
}

function signupWeight(day) {
  const growth = 1 + day / days;
  return growth * weekFactor(day) * (isCampaign(day) ? 2.6 : 1);
}

function pad(n, w = 2) {
  return String(n).padStart(w, '0');
}

function localTime(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function hourOfDay() {
  return pick(hourWeights.map((w, h) => [h, w]));
}

function orderValue(buy) {
  const base = Math.exp(Math.log(95) + 0.75 * normal()) * buy;
  return Math.max(3.9, Math.min(base, 6000)).toFixed(2);
}

/** One session from `start`: app_open, browsing, maybe cart and purchase; returns its end. */
function session(userId, start, profile, out, firstOfDay) {
  let t = start;
  const push = (event, amount = '') => {
    if (t >= lastMoment) return;
    out.push(`${userId},${localTime(t)},${event},${amount}`);
    t += (5 + Math.floor(random() * 90)) * 1000;
  };
  push('app_open');
  if (firstOfDay && random() < 0.25) push('sign_in');
  const views = 1 + Math.floor(random() * 1.4 * profile.intensity);
  let carts = 0;
  for (let i = 0; i < views; i++) {
    if (random() < 0.22) push('search');
    push('view_item');
    if (random() < 0.16) {
      push('add_to_cart');
      carts++;
    }
    if (random() < 0.03) push('share');
  }
  if (carts > 0 && random() < 0.45 * profile.buy) push('purchase', orderValue(profile.buy));
  return t;
}

function simulateUser(index, signupDay, channel, out) {
  const userId = `u${pad(index, 6)}`;
  const power = random() < 0.035;
  const c = channels[channel];
  const profile = {
    engagement: power ? 0.8 : c.engagement * 0.85 * (0.5 + random()),
    hazard: power ? 0.008 : c.hazard * (0.6 + 0.8 * random()),
    intensity: power ? 1.6 : 0.7 + random() * 0.6,
    buy: c.buy * (power ? 1.4 : 1),
  };
  const signupMs = firstDay + signupDay * dayMs + hourOfDay() * 3_600_000 + Math.floor(random() * 3_600_000);
  const neverActive = random() < 0.03;
  if (neverActive) return signupMs;
  let churned = false;
  for (let day = signupDay; day < days; day++) {
    const since = day - signupDay;
    if (since > 0) {
      if (!churned && random() < profile.hazard) churned = true;
      else if (churned && random() < (isCampaign(day) ? 0.03 : 0.002)) churned = false;
    }
    if (since > 0 && churned) continue;
    const p =
      since === 0
        ? 1
        : profile.engagement * weekFactor(day) * (isCampaign(day) ? 1.3 : 1) * (0.55 + 0.45 * Math.exp(-since / 20));
    if (random() >= p) continue;
    const sessions = since === 0 ? 1 : 1 + (random() < 0.25 ? 1 : 0) + (power && random() < 0.4 ? 1 : 0);
    let t =
      since === 0
        ? signupMs + Math.floor(random() * 240_000)
        : firstDay + day * dayMs + hourOfDay() * 3_600_000 + Math.floor(random() * 3_000_000);
    const dayEnd = firstDay + (day + 1) * dayMs - 60_000;
    for (let s = 0; s < sessions && t < dayEnd; s++) {
      t = session(userId, t, profile, out, s === 0);
      t += (20 + Math.floor(random() * 240)) * 60_000;
    }
  }
  return signupMs;
}

function main() {
  const signupWeights = Array.from({ length: days }, (_, d) => [d, signupWeight(d)]);
  const channelWeights = Object.entries(channels).map(([name, c]) => [name, c.weight]);
  const cityWeights = cities.map((c) => [c, c[2]]);
  const users = ['user_id,signup_time,gender,age_band,city,city_tier,channel'];
  const events = ['user_id,event_time,event,amount'];
  for (let i = 1; i <= userCount; i++) {
    const signupDay = pick(signupWeights);
    const channel = pick(channelWeights);
    const [city, tier] = pick(cityWeights);
    const gender = pick([
      ['女', 52],
      ['男', 45],
      ['未知', 3],
    ]);
    const age = pick([
      ['18-24', 24],
      ['25-30', 30],
      ['31-40', 28],
      ['41-50', 12],
      ['50+', 6],
    ]);
    const signupMs = simulateUser(i, signupDay, channel, events);
    users.push(`u${pad(i, 6)},${localTime(signupMs)},${gender},${age},${city},${tier},${channel}`);
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'users.csv.gz'), gzipSync(users.join('\n') + '\n', { level: 9 }));
  writeFileSync(path.join(outDir, 'events.csv.gz'), gzipSync(events.join('\n') + '\n', { level: 9 }));
  const manifest = {
    format: 'strata.workspace',
    version: 1,
    name: '演示：购物 App / Demo: shopping app',
    names: { zh: '演示：购物 App', en: 'Demo: shopping app' },
    demo: true,
    timeZone: 'Asia/Shanghai',
    // Published by `npm run build` (vite.config.ts): the first screen restores it.
    snapshot: 'tables.snapshot.gz',
    weekStart: 'monday',
    files: [
      {
        role: 'events',
        path: 'events.csv.gz',
        format: 'csv',
        columns: { userId: 'user_id', time: 'event_time', event: 'event', amount: 'amount' },
      },
      { role: 'users', path: 'users.csv.gz', format: 'csv', columns: { userId: 'user_id', signupTime: 'signup_time' } },
    ],
  };
  writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`wrote ${users.length - 1} users and ${events.length - 1} events to ${outDir}`);
}

main();
