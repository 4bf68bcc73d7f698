import type { Kysely } from 'kysely';
import { syncWarningTasksAs } from '../responsibility/task-issue.service.ts';
import type { Actor } from '../../core/access/actor.types.ts';
import { assessedStatusRank, difficultyLevel, type EvaluationConfigOverrides, type EvaluationStatus } from '../../core/evaluation/index.ts';
import type { Database } from '../../storage/schema.ts';
import type { WarningLevel, WarningRow } from '../../storage/schema/warnings.schema.ts';
import { findWarnings, insertWarning, updateWarning, type WarningChange } from '../../storage/repositories/warning.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { conflict, forbidden, invalidInput } from './evaluation.errors.ts';
import type { EvaluationRecord } from './evaluate-year.service.ts';
import { forEachStoredEvaluation } from './evaluation-cache.service.ts';
import { canGenerateWarnings } from './warning-policy.ts';
import { auditWarnings, type WarningAuditEntry, type WarningOrigin } from './warning-audit.ts';
import { summarise, type WarningSummary } from './warning-view.ts';

/**
 * The year's early-warning list (预警清单), generated after the year's data are approved:
 * - 达标困难 (difficulty): a target of the indicator in that region is at risk (黄) or off track (红), or a
 *   direction-only target's trend worsens (黄) — core difficultyLevel;
 * - 波动较大 (volatility): the year's change is flagged by the robust z-score (黄; 红 when also off track).
 * One warning per indicator × region (the worst of the indicator's targets decides), assigned to the
 * indicator's lead department, and for a county's warning to the county as well. Re-generating the same year
 * updates the warnings in place (never duplicates); a warning whose condition is gone is withdrawn while no one
 * has answered it yet, and otherwise stays open with `flagged` cleared. A warning that already stood last year
 * links to it and counts the consecutive years.
 */

export interface GenerateWarningsOptions {
  year: number;
  /** Generate even though some of the year's forms are not approved yet. */
  force?: boolean;
  origin?: WarningOrigin;
  config?: EvaluationConfigOverrides;
}

export interface GenerateWarningsResult {
  year: number;
  created: number;
  updated: number;
  unchanged: number;
  reissued: number;
  withdrawn: number;
  /** Warnings still open whose condition the evaluation no longer finds. */
  unflagged: number;
  /** Warnings the evaluation finds this time, by level. */
  total: number;
  red: number;
  yellow: number;
  /** Forms not yet approved when `force` was used. */
  unapprovedForms: number;
  warnings: WarningSummary[];
}

/** What one indicator × region contributes to the warning list. */
interface Finding {
  indicatorCode: string;
  regionCode: string;
  departmentId: number | null;
  level: WarningLevel;
  difficulty: boolean;
  volatility: boolean;
  status: EvaluationStatus;
  targetText: string;
  latestYear: number | null;
  latestValue: number | null;
  targetValue: number | null;
  projected: number | null;
  reason: string;
}

const rank = (s: EvaluationStatus): number => assessedStatusRank[s] ?? 99;

/** The warning an indicator's records in one region call for, or null. */
export function findingOf(records: readonly EvaluationRecord[]): Finding | null {
  if (records.length === 0) return null;
  const struggling = records.filter((r) => difficultyLevel(r) !== null);
  const volatile = records.some((r) => r.volatile);
  if (struggling.length === 0 && !volatile) return null;
  const pool = struggling.length > 0 ? struggling : records;
  const worst = [...pool].sort((a, b) => rank(a.status) - rank(b.status))[0]!;
  const first = records[0]!;
  const offTrack = struggling.some((r) => difficultyLevel(r) === 'red');
  return {
    indicatorCode: first.indicatorCode,
    regionCode: first.regionCode,
    departmentId: first.departmentId,
    level: offTrack ? 'red' : 'yellow',
    difficulty: struggling.length > 0,
    volatility: volatile,
    status: worst.status,
    targetText: [...new Set(pool.map((r) => r.targetText))].join('；'),
    latestYear: worst.latestYear,
    latestValue: worst.latestValue,
    targetValue: worst.targetValue,
    projected: worst.projected,
    reason: [...new Set(pool.map((r) => r.reason))].join('；另：'),
  };
}

/** Forms of the year's round that are not approved, with a label for messages. */
async function unapprovedForms(db: Kysely<Database>, year: number): Promise<string[]> {
  const rows = await db
    .selectFrom('forms as f')
    .innerJoin('rounds as r', 'r.id', 'f.round_id')
    .leftJoin('departments as d', 'd.id', 'f.department_id')
    .leftJoin('regions as g', 'g.code', 'f.region_code')
    .select(['f.kind', 'd.name as department_name', 'g.name as region_name', 'f.region_code'])
    .where('r.year', '=', year)
    .where('f.status', '!=', 'approved')
    .orderBy('f.kind')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => (r.kind === 'department' ? (r.department_name ?? '部门') : (r.region_name ?? r.region_code)));
}

async function hasApprovedValues(db: Kysely<Database>, year: number): Promise<boolean> {
  const row = await db.selectFrom('data_values').select('id').where('year', '=', year).where('status', '=', 'approved').limit(1).executeTakeFirst();
  return row !== undefined;
}

const SNAPSHOT_FIELDS = [
  'department_id',
  'level',
  'difficulty',
  'volatility',
  'evaluation_status',
  'target_text',
  'latest_year',
  'latest_value',
  'target_value',
  'projected',
  'reason',
  'flagged',
  'previous_id',
  'recurrence',
] as const;

type Snapshot = Pick<WarningRow, (typeof SNAPSHOT_FIELDS)[number]>;

function snapshotOf(row: WarningRow): Snapshot {
  const out = {} as Record<string, unknown>;
  for (const f of SNAPSHOT_FIELDS) out[f] = row[f];
  return out as Snapshot;
}

function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  return SNAPSHOT_FIELDS.every((f) => {
    const x = a[f];
    const y = b[f];
    if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
    return x === y;
  });
}

export async function generateWarnings(
  db: Kysely<Database>,
  actor: Actor,
  options: GenerateWarningsOptions,
): Promise<GenerateWarningsResult> {
  if (!canGenerateWarnings(actor)) throw forbidden('无权生成预警：仅管理员（妇儿工委办公室）或统计局可以操作');
  const { year } = options;
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw invalidInput(`预警年度“${year}”无效，应为1990—2100之间的整数`);
  const pending = await unapprovedForms(db, year);
  if (pending.length > 0 && options.force !== true) {
    const shown = pending.slice(0, 10).join('、') + (pending.length > 10 ? `等` : '');
    throw conflict(
      `${year}年度尚有${pending.length}张报表未审核通过（${shown}），预警应在全年数据审核通过后生成；确需提前生成，请使用强制生成（命令行 --force）`,
      { unapprovedForms: pending },
    );
  }
  if (!(await hasApprovedValues(db, year))) throw conflict(`${year}年度没有已审核通过的监测数据，无法生成预警`);

  const findings: Finding[] = [];
  await forEachStoredEvaluation(db, { year, details: false, ...(options.config ? { config: options.config } : {}) }, (e) => {
    const byRegion = new Map<string, EvaluationRecord[]>();
    for (const r of e.records) {
      let list = byRegion.get(r.regionCode);
      if (list === undefined) byRegion.set(r.regionCode, (list = []));
      list.push(r);
    }
    for (const records of byRegion.values()) {
      const f = findingOf(records);
      if (f !== null) findings.push(f);
    }
  });

  const origin = options.origin ?? 'api';
  const now = new Date().toISOString();
  const by = actor.displayName || actor.username;
  return inTransaction(db, async (trx) => {
    const existing = new Map<string, WarningRow>((await findWarnings(trx, { year })).map((w) => [`${w.indicator_code}|${w.region_code}`, w]));
    const lastYear = new Map<string, WarningRow>(
      (await findWarnings(trx, { year: year - 1 })).filter((w) => w.status !== 'withdrawn').map((w) => [`${w.indicator_code}|${w.region_code}`, w]),
    );
    const result: GenerateWarningsResult = {
      year, created: 0, updated: 0, unchanged: 0, reissued: 0, withdrawn: 0, unflagged: 0, total: findings.length,
      red: findings.filter((f) => f.level === 'red').length, yellow: findings.filter((f) => f.level === 'yellow').length,
      unapprovedForms: pending.length, warnings: [],
    };
    const audits: WarningAuditEntry[] = [];
    const touched: number[] = [];
    const seen = new Set<string>();

    for (const f of findings) {
      const key = `${f.indicatorCode}|${f.regionCode}`;
      seen.add(key);
      const previous = lastYear.get(key);
      const snapshot: Snapshot = {
        department_id: f.departmentId,
        level: f.level,
        difficulty: f.difficulty ? 1 : 0,
        volatility: f.volatility ? 1 : 0,
        evaluation_status: f.status,
        target_text: f.targetText,
        latest_year: f.latestYear,
        latest_value: f.latestValue,
        target_value: f.targetValue,
        projected: f.projected,
        reason: f.reason,
        flagged: 1,
        previous_id: previous?.id ?? null,
        recurrence: previous === undefined ? 0 : previous.recurrence + 1,
      };
      const current = existing.get(key);
      if (current === undefined) {
        const row = await insertWarning(trx, {
          year, indicator_code: f.indicatorCode, region_code: f.regionCode, ...snapshot, status: 'issued', escalations: 0,
          generated_at: now, generated_by: actor.userId, generated_by_name: by, updated_at: now, version: 1,
        });
        result.created++;
        touched.push(row.id);
        audits.push({ warningId: row.id, action: 'warning.create', after: { ...snapshot, status: 'issued' } });
        continue;
      }
      touched.push(current.id);
      const before = snapshotOf(current);
      const reissue = current.status === 'withdrawn';
      if (sameSnapshot(before, snapshot) && !reissue) {
        result.unchanged++;
        continue;
      }
      const change: WarningChange = { ...snapshot, updated_at: now, ...(reissue ? { status: 'issued' } : {}) };
      await updateWarning(trx, current.id, change);
      if (reissue) {
        result.reissued++;
        audits.push({ warningId: current.id, action: 'warning.reissue', before: { ...before, status: current.status }, after: { ...snapshot, status: 'issued' } });
      } else {
        result.updated++;
        audits.push({ warningId: current.id, action: 'warning.update', before, after: snapshot });
      }
    }

    for (const [key, w] of existing) {
      if (seen.has(key) || Number(w.flagged) === 0) continue;
      if (w.status === 'issued') {
        await updateWarning(trx, w.id, { status: 'withdrawn', flagged: 0, updated_at: now });
        result.withdrawn++;
        audits.push({ warningId: w.id, action: 'warning.withdraw', before: { status: w.status, flagged: 1 }, after: { status: 'withdrawn', flagged: 0 } });
      } else if (w.status !== 'closed' && w.status !== 'withdrawn') {
        await updateWarning(trx, w.id, { flagged: 0, updated_at: now });
        result.unflagged++;
        audits.push({ warningId: w.id, action: 'warning.unflag', before: { flagged: 1 }, after: { flagged: 0 } });
      }
    }
    const reason = pending.length > 0 ? `强制生成：${pending.length}张报表尚未审核通过` : null;
    await auditWarnings(trx, actor, origin, audits.map((a) => ({ ...a, reason: a.reason ?? reason })), now);
    result.warnings = await summarise(trx, await findWarnings(trx, { ids: touched }));
    await syncWarningTasksAs(trx, actor, { year }); // each open warning gets its rectification task (任务与期限)
    return result;
  });
}
