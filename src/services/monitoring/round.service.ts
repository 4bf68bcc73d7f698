import type { Kysely } from 'kysely';
import { syncRoundTasksAs } from '../responsibility/task-issue.service.ts';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import { canAdmin, canRead, denialMessage } from '../../core/access/policies.ts';
import type { Database } from '../../storage/schema.ts';
import type { FormStatus, RoundRow, RoundStatus } from '../../storage/schema/monitoring.schema.ts';
import { appendAudit } from '../../storage/repositories/audit.repository.ts';
import { attachValuesToForm, moveValuesToForm } from '../../storage/repositories/data-value.repository.ts';
import { findForms, formScopeKey, insertForms } from '../../storage/repositories/form.repository.ts';
import type { NewFormRow } from '../../storage/repositories/form.repository.ts';
import {
  departmentNames,
  findRound,
  findRoundByYear,
  insertRound,
  listRoundRows,
  loadReportingCatalogue,
  regionNames,
  saveIndicatorReporter,
  setRoundStatus,
} from '../../storage/repositories/round.repository.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { DeadlineExtensionView } from '../../core/deadlines/round-deadline.ts';
import { listDeadlineExtensions } from '../../storage/repositories/deadline-extension.repository.ts';
import { toExtensionView } from '../deadlines/round-deadline.shared.ts';
import { accessDenied, badRequest, invalidState, notFound } from './monitoring.errors.ts';
import { actorRef, cityChildrenIn, nowIso } from './monitoring-context.ts';

const ROUND: { type: 'round' } = { type: 'round' };

export interface RoundSummary {
  id: number;
  year: number;
  title: string;
  dueDate: string;
  status: RoundStatus;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  forms: Record<FormStatus, number> & { total: number; department: number; region: number };
  /** Units given a later deadline than the round's (调整截止日期 for one unit). */
  extensions: DeadlineExtensionView[];
}

export interface OpenRoundInput {
  year: number;
  /** ISO date, e.g. 2025-03-31. */
  dueDate: string;
  /** Default: “2024年度妇女儿童发展规划监测数据填报”. */
  title?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

async function summarise(db: Kysely<Database>, rounds: readonly RoundRow[]): Promise<RoundSummary[]> {
  const forms = await findForms(db, { roundIds: rounds.map((r) => r.id) });
  const extensions = await listDeadlineExtensions(db, 'data', rounds.map((r) => r.id));
  return rounds.map((r) => {
    const own = forms.filter((f) => f.round_id === r.id);
    const count = (status: FormStatus) => own.filter((f) => f.status === status).length;
    return {
      id: r.id,
      year: r.year,
      title: r.title,
      dueDate: r.due_date,
      status: r.status,
      openedAt: r.opened_at,
      openedBy: r.opened_by_name,
      closedAt: r.closed_at,
      forms: {
        total: own.length,
        department: own.filter((f) => f.kind === 'department').length,
        region: own.filter((f) => f.kind === 'region').length,
        draft: count('draft'),
        submitted: count('submitted'),
        returned: count('returned'),
        approved: count('approved'),
      },
      extensions: extensions.filter((e) => e.round_id === r.id).map(toExtensionView),
    };
  });
}

/** Every round, latest year first, with its forms counted by status. Any logged-in role may read them. */
export async function listRounds(db: Kysely<Database>, actor: Actor): Promise<RoundSummary[]> {
  if (!canRead(actor, ROUND)) throw accessDenied('无权查看填报轮次：账号没有任何角色');
  return summarise(db, await listRoundRows(db));
}

export async function getRound(db: Kysely<Database>, actor: Actor, roundId: number): Promise<RoundSummary> {
  if (!canRead(actor, ROUND)) throw accessDenied('无权查看填报轮次：账号没有任何角色');
  const round = await findRound(db, roundId);
  if (round === null) throw notFound(`填报轮次${roundId}`);
  return (await summarise(db, [round]))[0] as RoundSummary;
}

/**
 * Opens the collection round of a data year: one form per department that reports indicators (the city's
 * values) and one per county or zone under the city in that year, from the catalogue and the reporting
 * assignments. Values of earlier years entered while it is open are attached to its forms as back-filled.
 */
export async function openRound(db: Kysely<Database>, actor: Actor, input: OpenRoundInput): Promise<RoundSummary> {
  if (!canAdmin(actor, ROUND)) throw accessDenied(denialMessage(actor, 'admin', '填报轮次'));
  const { year, dueDate } = input;
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw badRequest(`数据年度“${year}”无效，应为1990—2100之间的整数`);
  if (!isIsoDate(dueDate)) throw badRequest(`截止日期“${dueDate}”无效，应为 YYYY-MM-DD 格式的日期`);
  if (dueDate <= `${year}-12-31`) throw badRequest(`截止日期（${dueDate}）应在数据年度${year}年结束之后`);
  const title = input.title?.trim() || `${year}年度妇女儿童发展规划监测数据填报`;

  return inTransaction(db, async (trx) => {
    const existing = await findRoundByYear(trx, year);
    if (existing !== null) {
      throw invalidState(`${year}年度的填报轮次已经存在（${existing.status === 'open' ? '进行中' : '已结束'}），不能重复开启`);
    }
    if (!(await regionNames(trx, [CITY_REGION_CODE])).has(CITY_REGION_CODE)) {
      throw invalidState(`区划 ${CITY_REGION_CODE}（淄博市）尚未载入，请先载入行政区划`);
    }
    const catalogue = await loadReportingCatalogue(trx);
    if (catalogue.length === 0) throw invalidState('指标目录为空，请先导入指标目录');
    const departments = [...new Set(catalogue.map((i) => i.reportingDepartmentId).filter((d): d is number => d !== null))].sort((a, b) => a - b);
    const counties = (await cityChildrenIn(trx, year)).codes;

    const now = nowIso();
    const who = actorRef(actor);
    const round = await insertRound(trx, { year, title, dueDate, openedBy: who.id, openedByName: who.name, openedAt: now });
    const base = { round_id: round.id, status: 'draft' as const, version: 1, created_at: now, updated_at: now };
    const rows: NewFormRow[] = [
      ...departments.map((id) => ({
        ...base, kind: 'department' as const, department_id: id, region_code: CITY_REGION_CODE,
        scope_key: formScopeKey({ kind: 'department', departmentId: id }),
      })),
      ...counties.map((code) => ({
        ...base, kind: 'region' as const, department_id: null, region_code: code, scope_key: formScopeKey({ kind: 'region', regionCode: code }),
      })),
    ];
    await insertForms(trx, rows);
    // Values of the year stored before the round opened (imports, back-filling) belong to its forms from now on.
    for (const form of await findForms(trx, { roundIds: [round.id] })) {
      const indicatorCodes =
        form.kind === 'department' ? catalogue.filter((i) => i.reportingDepartmentId === form.department_id).map((i) => i.definition.code) : undefined;
      await attachValuesToForm(trx, form.id, { year, regionCode: form.region_code, ...(indicatorCodes !== undefined ? { indicatorCodes } : {}) });
    }
    await appendAudit(trx, [
      {
        at: now, user_id: who.id, user_name: who.name, action: 'round.open', entity: 'round', entity_key: String(round.id), form_id: null,
        before_json: null,
        after_json: JSON.stringify({ year, title, dueDate, departmentForms: departments.length, regionForms: counties.length }),
        reason: null, origin: null,
      },
    ]);
    await syncRoundTasksAs(trx, actor, round.id); // one data-reporting task per form (任务与期限)
    return (await summarise(trx, [round]))[0] as RoundSummary;
  });
}

async function changeRoundStatus(db: Kysely<Database>, actor: Actor, roundId: number, status: RoundStatus): Promise<RoundSummary> {
  if (!canAdmin(actor, ROUND)) throw accessDenied(denialMessage(actor, 'admin', '填报轮次'));
  return inTransaction(db, async (trx) => {
    const round = await findRound(trx, roundId);
    if (round === null) throw notFound(`填报轮次${roundId}`);
    if (round.status === status) throw invalidState(`${round.year}年度填报轮次${status === 'closed' ? '已经结束' : '正在进行中'}`);
    const now = nowIso();
    const who = actorRef(actor);
    await setRoundStatus(trx, roundId, status, who, now);
    await appendAudit(trx, [
      {
        at: now, user_id: who.id, user_name: who.name, action: status === 'closed' ? 'round.close' : 'round.reopen',
        entity: 'round', entity_key: String(roundId), form_id: null,
        before_json: JSON.stringify({ status: round.status }), after_json: JSON.stringify({ status }), reason: null, origin: null,
      },
    ]);
    return (await summarise(trx, [{ ...round, status }]))[0] as RoundSummary;
  });
}

/** Ends a round: reporters can no longer change its forms (operators still can, audited). */
export function closeRound(db: Kysely<Database>, actor: Actor, roundId: number): Promise<RoundSummary> {
  return changeRoundStatus(db, actor, roundId, 'closed');
}

export function reopenRound(db: Kysely<Database>, actor: Actor, roundId: number): Promise<RoundSummary> {
  return changeRoundStatus(db, actor, roundId, 'open');
}

export interface IndicatorReporter {
  indicatorCode: string;
  indicatorName: string;
  catalogueDepartment: { id: number; name: string } | null;
  reportingDepartment: { id: number; name: string } | null;
  reassigned: boolean;
}

/** Who reports each indicator for the city. */
export async function listIndicatorReporters(db: Kysely<Database>, actor: Actor): Promise<IndicatorReporter[]> {
  if (!canRead(actor, ROUND)) throw accessDenied('无权查看指标报送部门：账号没有任何角色');
  const catalogue = await loadReportingCatalogue(db);
  const names = await departmentNames(db);
  const ref = (id: number | null) => (id === null ? null : { id, name: names.get(id) ?? String(id) });
  return catalogue.map((i) => ({
    indicatorCode: i.definition.code,
    indicatorName: i.definition.name,
    catalogueDepartment: ref(i.catalogueDepartmentId),
    reportingDepartment: ref(i.reportingDepartmentId),
    reassigned: i.reassigned,
  }));
}

/**
 * Assigns an indicator to another reporting department (administrators). In open rounds the new department
 * gets a form if it had none, and the city's values of the indicator move to it.
 */
export async function setIndicatorReporter(db: Kysely<Database>, actor: Actor, indicatorCode: string, departmentId: number): Promise<IndicatorReporter> {
  if (!canAdmin(actor, ROUND)) throw accessDenied(denialMessage(actor, 'admin', '指标报送部门'));
  return inTransaction(db, async (trx) => {
    const catalogue = await loadReportingCatalogue(trx);
    const indicator = catalogue.find((i) => i.definition.code === indicatorCode);
    if (indicator === undefined) throw notFound(`指标“${indicatorCode}”`);
    const names = await departmentNames(trx, [departmentId, ...(indicator.reportingDepartmentId === null ? [] : [indicator.reportingDepartmentId])]);
    if (!names.has(departmentId)) throw notFound(`部门${departmentId}`);
    const now = nowIso();
    const who = actorRef(actor);
    await saveIndicatorReporter(trx, indicatorCode, departmentId, who, now);

    const openRounds = (await listRoundRows(trx)).filter((r) => r.status === 'open');
    const forms = await findForms(trx, { roundIds: openRounds.map((r) => r.id), kind: 'department' });
    const scope = formScopeKey({ kind: 'department', departmentId });
    const missing = openRounds.filter((r) => !forms.some((f) => f.round_id === r.id && f.scope_key === scope));
    await insertForms(
      trx,
      missing.map((r) => ({
        round_id: r.id, kind: 'department' as const, department_id: departmentId, region_code: CITY_REGION_CODE, scope_key: scope,
        status: 'draft' as const, version: 1, created_at: now, updated_at: now,
      })),
    );
    const after = await findForms(trx, { roundIds: openRounds.map((r) => r.id), kind: 'department' });
    for (const round of openRounds) {
      const target = after.find((f) => f.round_id === round.id && f.scope_key === scope);
      const others = after.filter((f) => f.round_id === round.id && f.scope_key !== scope).map((f) => f.id);
      if (target !== undefined) await moveValuesToForm(trx, indicatorCode, others, target.id);
    }
    await appendAudit(trx, [
      {
        at: now, user_id: who.id, user_name: who.name, action: 'reporter.set', entity: 'indicator_reporter', entity_key: indicatorCode,
        form_id: null,
        before_json: JSON.stringify({ departmentId: indicator.reportingDepartmentId }),
        after_json: JSON.stringify({ departmentId }), reason: null, origin: null,
      },
    ]);
    const catalogueId = indicator.catalogueDepartmentId;
    const catalogueName = catalogueId === null ? null : ((await departmentNames(trx, [catalogueId])).get(catalogueId) ?? String(catalogueId));
    return {
      indicatorCode,
      indicatorName: indicator.definition.name,
      catalogueDepartment: catalogueId === null ? null : { id: catalogueId, name: catalogueName ?? '' },
      reportingDepartment: { id: departmentId, name: names.get(departmentId) ?? String(departmentId) },
      reassigned: departmentId !== catalogueId,
    };
  });
}
