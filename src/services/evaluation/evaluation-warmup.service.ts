/**
 * Background warm-up of the stored evaluation results (evaluation-cache.service.ts). After a form is approved or
 * an import has written approved values, the year's stored results are stale, and the next dashboard read would
 * recompute them (tens of seconds at province scale). Once the write has committed, the year is queued here and
 * recomputed in the background: one year at a time, in this process, never blocking the request; a failure is
 * logged, not thrown. Off until enabled (the server enables it: a short-lived CLI run must not leave work behind
 * its closed database); `fuer evaluate --year Y --warm` does the same work in the foreground for scheduled jobs.
 */
import type { Kysely } from 'kysely';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import type { Database } from '../../storage/schema.ts';
import { cacheScope, refreshStoredEvaluations, type RefreshResult } from './evaluation-cache.service.ts';

export type WarmupLog = (message: string, error?: unknown) => void;

interface Job {
  db: Kysely<Database>;
  year: number;
}

const defaultLog: WarmupLog = (message, error) => console.error(message, error instanceof Error ? error.message : (error ?? ''));

let enabled = false;
let log: WarmupLog = defaultLog;
const queue: Job[] = [];
let running: Promise<void> | null = null;

/** Turns the background warm-up on (or off); `log` receives failures (default: standard error). */
export function enableEvaluationWarmup(on = true, options: { log?: WarmupLog } = {}): void {
  enabled = on;
  log = options.log ?? defaultLog;
  if (!on) queue.length = 0; // what is running finishes; nothing waiting starts

}

export function evaluationWarmupEnabled(): boolean {
  return enabled;
}

/**
 * Recomputes the stale stored results of a year: the whole-city scope the dashboard reads, and the per-plan
 * scopes that have been stored for that year before (a filtered dashboard).
 */
export async function warmYear(db: Kysely<Database>, year: number): Promise<RefreshResult> {
  const total: RefreshResult = await refreshStoredEvaluations(db, { year });
  const stored = new Set(
    (await db.selectFrom('evaluation_cache').select('scope').distinct().where('year', '=', year).execute()).map((r) => r.scope),
  );
  for (const planKind of ['women', 'children'] as PlanKind[]) {
    if (!stored.has(cacheScope({ planKind }))) continue;
    const r = await refreshStoredEvaluations(db, { year, planKind });
    total.indicators += r.indicators;
    total.recomputed += r.recomputed;
  }
  return total;
}

async function drain(): Promise<void> {
  for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
    try {
      await warmYear(job.db, job.year);
    } catch (err) {
      log(`后台更新${job.year}年度已存评估结果失败（下次查看看板时将重新计算）：`, err);
    }
  }
}

/**
 * Queues the years whose approved values changed (call after the transaction has committed). A year already
 * waiting is not queued twice; work starts on a later turn of the event loop.
 */
export function scheduleEvaluationWarmup(db: Kysely<Database>, years: number | Iterable<number>): void {
  if (!enabled || db.isTransaction) return;
  for (const year of typeof years === 'number' ? [years] : years) {
    if (!Number.isInteger(year)) continue;
    if (!queue.some((j) => j.db === db && j.year === year)) queue.push({ db, year });
  }
  start();
}

function start(): void {
  if (running !== null || queue.length === 0) return;
  running = new Promise<void>((resolve) => {
    setImmediate(() => {
      drain()
        .catch((err: unknown) => log('后台更新已存评估结果失败：', err))
        .finally(() => {
          running = null;
          resolve();
          start(); // a year queued between the last job and here
        });
    });
  });
}

/** Resolves once the queue is empty and nothing runs (tests; the server before it closes its database). */
export async function evaluationWarmupIdle(): Promise<void> {
  while (running !== null) await running;
}
