import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { canRead, denialMessage } from '../../core/access/policies.ts';
import { cellLabel, parseDisaggregationKey } from '../../core/monitoring/disaggregation.ts';
import { formatNumber } from '../../core/monitoring/format-number.ts';
import type { DataValueStatus, DisaggregationCell } from '../../core/monitoring/data-value.types.ts';
import { STATUS_LABELS } from '../../core/monitoring/approval-order.ts';
import type { Database } from '../../storage/schema.ts';
import type { AuditEntity, AuditRow } from '../../storage/schema/monitoring.schema.ts';
import { findAudit } from '../../storage/repositories/audit.repository.ts';
import { findDataValueByKey, valueKey } from '../../storage/repositories/data-value.repository.ts';
import { loadReportingCatalogue } from '../../storage/repositories/round.repository.ts';
import { loadReadableForm } from './form.service.ts';
import { accessDenied, badRequest, notFound } from './monitoring.errors.ts';
import { valueResource } from './monitoring-context.ts';

export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'value.insert': '填报',
  'value.update': '修改',
  'value.import': '批量导入',
  'value.return': '退回数据',
  'value.unlock': '解锁数据',
  'form.submit': '提交报表',
  'form.resubmit': '重新提交报表',
  'form.return': '退回报表',
  'form.approve': '审核通过',
  'form.unlock': '解锁报表',
  'round.open': '开启填报轮次',
  'round.close': '结束填报轮次',
  'round.reopen': '重新开启填报轮次',
  'reporter.set': '调整报送部门',
  'rules.set': '修改校验规则',
  'rules.reset': '恢复默认校验规则',
};

const ORIGIN_LABELS: Readonly<Record<string, string>> = { form: '网页填报', excel: 'Excel上传', csv: 'CSV导入', cli: '命令行', api: '接口' };

export interface AuditEntry {
  id: number;
  at: string;
  user: { id: number | null; name: string };
  action: string;
  actionLabel: string;
  entity: AuditEntity;
  entityKey: string;
  formId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  origin: string | null;
  /** One Chinese line: what changed. */
  summary: string;
}

function parse(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const FIELD_LABELS: Record<string, string> = { value: '数值', numerator: '分子', denominator: '分母', source: '来源', note: '备注' };

function show(x: unknown): string {
  if (x === null || x === undefined || x === '') return '空';
  return typeof x === 'number' ? formatNumber(x) : String(x);
}

function statusText(x: unknown): string {
  return typeof x === 'string' && x in STATUS_LABELS ? STATUS_LABELS[x as DataValueStatus] : show(x);
}

function summarise(row: AuditRow, before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  const label = AUDIT_ACTION_LABELS[row.action] ?? row.action;
  const origin = row.origin !== null ? `（${ORIGIN_LABELS[row.origin] ?? row.origin}）` : '';
  const why = row.reason !== null ? `，原因：${row.reason}` : '';
  switch (row.action) {
    case 'value.insert': {
      const parts = Object.keys(FIELD_LABELS).filter((f) => after?.[f] !== null && after?.[f] !== undefined).map((f) => `${FIELD_LABELS[f]}${show(after?.[f])}`);
      return `${label}${origin}：${parts.join('，') || '空值'}`;
    }
    case 'value.update': {
      const parts = Object.keys(FIELD_LABELS)
        .filter((f) => JSON.stringify(before?.[f] ?? null) !== JSON.stringify(after?.[f] ?? null))
        .map((f) => `${FIELD_LABELS[f]}${show(before?.[f])}→${show(after?.[f])}`);
      if (before?.['status'] !== after?.['status']) parts.push(`状态${statusText(before?.['status'])}→${statusText(after?.['status'])}`);
      return `${label}${origin}：${parts.join('，') || '无变化'}${why}`;
    }
    case 'value.import':
      return `${label}${origin}：新增${show(after?.['inserted'])}项，修改${show(after?.['updated'])}项${why}`;
    case 'value.return':
      return `${label}：${row.reason ?? ''}`;
    case 'form.submit':
    case 'form.resubmit':
    case 'form.approve':
      return `${label}${typeof after?.['values'] === 'number' ? `（${after['values']}项数据）` : ''}`;
    default:
      return `${label}${why}`;
  }
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  const before = parse(row.before_json);
  let after = parse(row.after_json);
  // An import's batch row in a form's log: its counts; each value's before and after show in that value's log.
  if (row.action === 'value.import' && after !== null) after = { inserted: after['inserted'], updated: after['updated'] };
  return {
    id: row.id,
    at: row.at,
    user: { id: row.user_id, name: row.user_name },
    action: row.action,
    actionLabel: AUDIT_ACTION_LABELS[row.action] ?? row.action,
    entity: row.entity,
    entityKey: row.entity_key,
    formId: row.form_id,
    before,
    after,
    reason: row.reason,
    origin: row.origin,
    summary: summarise(row, before, after),
  };
}

/** A form's log: its transitions and every change to its values, oldest first. */
export async function formAuditTrail(db: Kysely<Database>, actor: Actor, formId: number): Promise<AuditEntry[]> {
  await loadReadableForm(db, actor, formId);
  return (await findAudit(db, { formId })).map(toAuditEntry);
}

export interface ValueAuditQuery {
  indicatorCode: string;
  regionCode: string;
  year: number;
  /** disaggregationKey: '_T' for the total, 'sex=女' … */
  cellKey: string;
}

/**
 * One value's log: its own changes (entered, changed, returned, unlocked) and the transitions of the form it
 * belongs to (submitted, returned, approved), oldest first.
 */
export async function valueAuditTrail(db: Kysely<Database>, actor: Actor, query: ValueAuditQuery): Promise<AuditEntry[]> {
  let cell: DisaggregationCell;
  try {
    cell = parseDisaggregationKey(query.cellKey);
  } catch {
    throw badRequest(`分组键“${query.cellKey}”无效`);
  }
  const indicator = (await loadReportingCatalogue(db)).find((i) => i.definition.code === query.indicatorCode);
  if (indicator === undefined) throw notFound(`指标“${query.indicatorCode}”`);
  if (!canRead(actor, valueResource(query.indicatorCode, query.regionCode, indicator.reportingDepartmentId))) {
    throw accessDenied(denialMessage(actor, 'read', `该数据（${indicator.definition.name}，${cellLabel(cell)}）`));
  }
  const key = valueKey(query.indicatorCode, query.regionCode, query.year, query.cellKey);
  const own = await findAudit(db, { entity: 'data_value', entityKey: key });
  const value = await findDataValueByKey(db, { indicatorCode: query.indicatorCode, regionCode: query.regionCode, year: query.year, disaggregation: cell });
  const formIds = new Set(own.map((r) => r.form_id).filter((id): id is number => id !== null));
  if (value?.formId !== null && value?.formId !== undefined) formIds.add(value.formId);
  const formRows: AuditRow[] = [];
  for (const formId of formIds) formRows.push(...(await findAudit(db, { formId, entity: 'form' })));
  return [...own, ...formRows].sort((a, b) => a.id - b.id).map(toAuditEntry);
}
