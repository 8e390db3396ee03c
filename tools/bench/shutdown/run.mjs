#!/usr/bin/env node
// Shutdown-sweep benchmark: 10,000 workspaces across 1,000 projects (schedules in several time zones, idle policies,
// a few exhausted stop-at-limit budgets). Runs several sweep ticks around a 19:00 stop, timing the due decision
// per tick and enqueueing the stops into a real BullMQ queue on a throwaway redis-server, then counts the jobs:
// there must be exactly one per due workspace however many ticks saw it. A naive baseline (the cron parsed again
// for every workspace, the project found by scanning) is timed in the same run and must decide the same.
// Prints figures; asserts nothing beyond the decisions agreeing.
//   node tools/bench/shutdown/run.mjs [--projects 1000] [--per-project 10] [--ticks 5]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAll } from '../../dev/build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { projects: { type: 'string', default: '1000' }, 'per-project': { type: 'string', default: '10' }, ticks: { type: 'string', default: '5' } } });
const PROJECTS = Number(values.projects);
const PER_PROJECT = Number(values['per-project']);
const TICKS = Number(values.ticks);

buildAll(root, { quiet: true });
const domain = require(join(root, 'libs/domain/dist/index.js'));
const { BullJobQueue, createRedisConnection, freePort, startRedisServer } = require(join(root, 'libs/adapters/dist/index.js'));
const { CronExpressionParser } = require('cron-parser');

// Friday 2026-07-03 18:00:20 UTC = 19:00:20 in London (BST). Ticks follow a minute apart.
const FIRST_TICK = Date.parse('2026-07-03T18:00:20Z');
const LOOKBACK_MS = 10 * 60_000;
const ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'];

// A deterministic generator, so every run benchmarks the same population.
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const id = (p, i) => `00000000-0000-4000-8000-${String(p * 1000 + i).padStart(12, '0')}`;

const projects = [];
const workspaces = [];
const cpu = new Map();
for (let p = 0; p < PROJECTS; p++) {
  const projectId = id(p, 999);
  projects.push({
    projectId,
    schedule: { stopCron: rand() < 0.8 ? '0 19 * * 1-5' : '30 18 * * *', startCron: rand() < 0.5 ? '0 8 * * 1-5' : null, timeZone: ZONES[p % ZONES.length], enabled: rand() < 0.95 },
    idle: rand() < 0.3 ? { enabled: true, cpuThresholdPercent: 5, idleMinutes: 60 } : null,
    budgetExhaustedAt: rand() < 0.02 ? new Date(FIRST_TICK - 3 * 3_600_000) : null,
  });
  for (let i = 0; i < PER_PROJECT; i++) {
    const r = rand();
    const status = r < 0.7 ? 'running' : r < 0.9 ? 'stopped' : r < 0.95 ? 'starting' : 'stopping';
    const w = { id: id(p, i), projectId, status, statusSinceMs: FIRST_TICK - Math.floor(rand() * 10 * 3_600_000), lastStopReason: status === 'stopped' ? 'schedule' : null };
    workspaces.push(w);
    if (status === 'running') cpu.set(w.id, { averagePercent: rand() * 20, coveredMinutes: 60 });
  }
}

/** The obvious implementation: for every workspace, find its project by scanning and parse its crons again. */
function naiveDecide(now) {
  const due = [];
  for (const w of workspaces) {
    const p = projects.find((x) => x.projectId === w.projectId);
    if (!p) continue;
    const occ = (expr) => {
      if (!expr || !p.schedule.enabled) return null;
      const prev = CronExpressionParser.parse(expr, { tz: p.schedule.timeZone, currentDate: new Date(now.getTime() + 1) }).prev().toDate();
      return now.getTime() - prev.getTime() <= LOOKBACK_MS ? prev : null;
    };
    const stopAt = occ(p.schedule.stopCron);
    const startAt = occ(p.schedule.startCron);
    const reading = cpu.get(w.id);
    if (w.status === 'running') {
      if (stopAt && w.statusSinceMs <= stopAt.getTime()) due.push(domain.dueActionKey(w.id, 'stop', stopAt));
      else if (p.budgetExhaustedAt) due.push(domain.dueActionKey(w.id, 'stop', p.budgetExhaustedAt));
      else if (p.idle && domain.isIdle(p.idle, now.getTime() - w.statusSinceMs, reading)) due.push(domain.dueActionKey(w.id, 'stop', new Date(w.statusSinceMs)));
    } else if (w.status === 'stopped' && startAt && !p.budgetExhaustedAt && w.lastStopReason === 'schedule' && w.statusSinceMs <= startAt.getTime()) {
      due.push(domain.dueActionKey(w.id, 'start', startAt));
    }
  }
  return due;
}

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const dataDir = mkdtempSync(join(tmpdir(), 'cloister-bench-shutdown-'));
const redisServer = await startRedisServer({ dataDir, port: await freePort() });
const redis = createRedisConnection(redisServer.url);
const jobs = new BullJobQueue(redis, 'cloister-bench');
try {
  console.log(`shutdown sweep: ${workspaces.length} workspaces across ${projects.length} projects, ${TICKS} ticks a minute apart from ${new Date(FIRST_TICK).toISOString()}`);
  const keys = new Set();
  const rows = [];
  for (let t = 0; t < TICKS; t++) {
    const now = new Date(FIRST_TICK + t * 60_000);
    let t0 = process.hrtime.bigint();
    const due = domain.decideDueActions({ now, lookbackMs: LOOKBACK_MS, projects, workspaces, cpu });
    const decideMs = ms(t0);
    t0 = process.hrtime.bigint();
    const naive = naiveDecide(now);
    const naiveMs = ms(t0);
    const same = naive.length === due.length && due.every((a, i) => a.idempotencyKey === naive[i]);
    if (!same) throw new Error(`tick ${t}: the naive baseline decided differently (${naive.length} vs ${due.length})`);
    t0 = process.hrtime.bigint();
    for (let i = 0; i < due.length; i += 500) {
      await Promise.all(due.slice(i, i + 500).map((a) => a.action === 'stop'
        ? jobs.enqueue('workspaces', 'stop-workspace', { workspaceId: a.workspaceId, reason: a.reason, dueAt: a.dueAt.toISOString() }, a.idempotencyKey)
        : jobs.enqueue('workspaces', 'start-workspace', { workspaceId: a.workspaceId, reason: 'schedule', dueAt: a.dueAt.toISOString() }, a.idempotencyKey)));
    }
    const enqueueMs = ms(t0);
    for (const a of due) keys.add(a.idempotencyKey);
    rows.push({ tick: now.toISOString().slice(11, 19), due: due.length, stops: due.filter((a) => a.action === 'stop').length, decideMs, naiveMs, enqueueMs });
  }
  console.log('tick (UTC) | due | of which stops | decision ms | naive baseline ms | enqueue ms');
  for (const r of rows) console.log(`${r.tick} | ${r.due} | ${r.stops} | ${r.decideMs.toFixed(1)} | ${r.naiveMs.toFixed(1)} | ${r.enqueueMs.toFixed(1)}`);
  const counts = await jobs.queue('workspaces').getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed');
  const enqueued = Object.values(counts).reduce((s, n) => s + n, 0);
  const stopJobs = (await jobs.queue('workspaces').getJobs(['waiting'], 0, -1)).filter((j) => j.name === 'stop-workspace');
  const perWorkspace = new Map();
  for (const j of stopJobs) perWorkspace.set(j.data.workspaceId, (perWorkspace.get(j.data.workspaceId) ?? 0) + 1);
  const worst = Math.max(0, ...perWorkspace.values());
  const maxDecide = Math.max(...rows.map((r) => r.decideMs));
  console.log(`distinct due actions over all ticks: ${keys.size}; jobs in the queue: ${enqueued} (stop jobs: ${stopJobs.length} on ${perWorkspace.size} workspaces, at most ${worst} per workspace)`);
  console.log(`decision time per tick: max ${maxDecide.toFixed(1)} ms (target < 1000 ms); naive baseline max ${Math.max(...rows.map((r) => r.naiveMs)).toFixed(1)} ms`);
  console.log(enqueued === keys.size && worst <= 1 ? 'OK: exactly one job per due workspace action' : 'MISMATCH: duplicate or missing jobs');
} finally {
  await jobs.close();
  redis.disconnect();
  await redisServer.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
