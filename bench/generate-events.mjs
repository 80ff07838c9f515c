// Synthetic event logs for the benchmark: a consumer app's shape (sessions of several events
// per active user-day), seeded so every run measures the same bytes. ~48 bytes a row.
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const events = ['app_open', 'view_item', 'view_item', 'view_item', 'search', 'add_to_cart', 'share', 'sign_in'];

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

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Writes `rows` events to `file` unless a marker says it already holds exactly that. */
export async function generateEvents(file, rows) {
  const marker = `${file}.rows`;
  if (existsSync(file) && existsSync(marker) && readFileSync(marker, 'utf8') === String(rows)) return file;
  mkdirSync(path.dirname(file), { recursive: true });
  const random = mulberry32(rows);
  const users = Math.max(1000, Math.round(rows / 25));
  const out = createWriteStream(file);
  const start = Date.UTC(2026, 4, 1);
  let written = 0;
  let chunk = ['user_id,event_time,event,amount'];
  while (written < rows) {
    // One active user-day: a session of 3-15 events a few seconds to minutes apart.
    const user = Math.floor(random() ** 1.6 * users);
    const day = Math.floor(random() * 184);
    let t = start + day * 86_400_000 + Math.floor(random() * 86_000_000);
    const n = Math.min(rows - written, 3 + Math.floor(random() * 13));
    for (let i = 0; i < n; i++) {
      const d = new Date(t);
      const stamp = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      const purchase = random() < 0.04;
      const event = purchase ? 'purchase' : events[Math.floor(random() * events.length)];
      chunk.push(`u${pad(user, 7)},${stamp},${event},${purchase ? (5 + random() * 300).toFixed(2) : ''}`);
      t += 1000 * (5 + Math.floor(random() * 200));
    }
    written += n;
    if (chunk.length > 50_000) {
      if (!out.write(chunk.join('\n') + '\n')) await new Promise((r) => out.once('drain', r));
      chunk = [];
    }
  }
  out.write(chunk.join('\n') + (chunk.length ? '\n' : ''));
  await new Promise((r) => out.end(r));
  writeFileSync(marker, String(rows));
  return file;
}
