import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import {
  canCommentUnitReport,
  canCorrectUnitReport,
  canManageUnitReports,
  canWriteUnitReport,
} from '../../core/unit-reports/unit-report-access.ts';
import type { ReportUnit } from '../../core/unit-reports/unit-report-access.ts';
import {
  EDITABLE_STATUSES,
  LATENESS_LABELS,
  PENDING_STATUSES,
  UNIT_ITEM_ROLE_LABELS,
  UNIT_PROGRESS_LABELS,
  UNIT_REPORT_KIND_LABELS,
  UNIT_REPORT_STATUS_LABELS,
  latenessOf,
} from '../../core/unit-reports/unit-report.types.ts';
import { findAudit } from '../../storage/repositories/audit.repository.ts';
import { listAttachments, listComments, listItems, listUnitReportRows } from '../../storage/repositories/unit-report.repository.ts';
import type { Database } from '../../storage/schema.ts';
import type { UnitReportItemRow, UnitReportRoundRow, UnitReportRow } from '../../storage/schema/unit-reports.schema.ts';
import { effectiveDue } from '../../core/deadlines/round-deadline.ts';
import { extensionIndex, listDeadlineExtensions } from '../../storage/repositories/deadline-extension.repository.ts';
import type { DeadlineExtensionRow } from '../../storage/schema/deadlines.schema.ts';
import type { Clock } from '../responsibility/clock.ts';
import { todayOf } from '../responsibility/clock.ts';
import type { UnitReportDetail, UnitReportItemView, UnitReportRoundView, UnitReportView } from './unit-report.contract.ts';

/** Row → view mapping of the units' reports, shared by the round, report and public services. */

const PLAN_LABELS = { women: '妇女', children: '儿童' } as const;

const ACTION_LABELS: Record<string, string> = {
  'unit_report.create': '创建报告',
  'unit_report.save': '保存草稿',
  'unit_report.submit': '提交',
  'unit_report.resubmit': '重新提交',
  'unit_report.return': '退回修改',
  'unit_report.comment': '审核意见',
  'unit_report.approve': '审定',
  'unit_report.publish': '发布',
  'unit_report.correct': '创建更正版本',
  'unit_report.attach': '上传附件',
  'unit_report.detach': '删除附件',
  'unit_report.deadline': '调整截止日期',
};

export const unitOf = (r: UnitReportRow): ReportUnit => ({ unitKind: r.unit_kind, departmentId: r.department_id, regionCode: r.region_code });

export function toRoundView(r: UnitReportRoundRow): UnitReportRoundView {
  return { id: r.id, year: r.year, kind: r.kind, kindLabel: UNIT_REPORT_KIND_LABELS[r.kind], title: r.title, dueDate: r.due_date, note: r.note, createdByName: r.created_by_name, createdAt: r.created_at };
}

/** The date (in the office's time zone) of a timestamp. */
export const dayOf = (stamp: string): string => todayOf({ now: new Date(stamp) });

export interface SeriesFacts {
  /** First submission across the series' versions. */
  firstSubmittedAt: string | null;
  latestVersion: number;
}

/** Per series (round + unit): the first submission and the newest version number. */
export function seriesFacts(rows: readonly UnitReportRow[]): Map<string, SeriesFacts> {
  const out = new Map<string, SeriesFacts>();
  for (const r of rows) {
    const key = `${r.round_id}|${r.unit_key}`;
    const f = out.get(key) ?? { firstSubmittedAt: null, latestVersion: 0 };
    if (r.submitted_at !== null && (f.firstSubmittedAt === null || r.submitted_at < f.firstSubmittedAt)) f.firstSubmittedAt = r.submitted_at;
    f.latestVersion = Math.max(f.latestVersion, r.version);
    out.set(key, f);
  }
  return out;
}

/** Per-unit deadline extensions of report rounds, keyed `${roundId}|${unitKey}` (for toReportView). */
export type ExtensionLookup = ReadonlyMap<string, DeadlineExtensionRow>;

export async function loadExtensions(db: Kysely<Database>, roundIds: readonly number[]): Promise<ExtensionLookup> {
  return extensionIndex(await listDeadlineExtensions(db, 'unit_report', [...new Set(roundIds)]));
}

/**
 * A report version as the API shows it. Lateness is measured from the series' first submission against the
 * unit's deadline in force now (the round's, or its extension): after an extension a unit that submitted after
 * the old date is on time.
 */
export function toReportView(r: UnitReportRow, round: UnitReportRoundRow, facts: SeriesFacts | undefined, items: readonly UnitReportItemRow[], clock: Clock = {}, extensions: ExtensionLookup = new Map()): UnitReportView {
  const first = facts?.firstSubmittedAt ?? r.submitted_at;
  const extension = extensions.get(`${r.round_id}|${r.unit_key}`);
  const due = effectiveDue(round.due_date, extension?.due_date);
  const lateness = latenessOf(due, first === null ? null : dayOf(first), todayOf(clock));
  const own = items.filter((i) => i.report_id === r.id);
  return {
    id: r.id,
    roundId: r.round_id,
    year: round.year,
    kind: round.kind,
    kindLabel: UNIT_REPORT_KIND_LABELS[round.kind],
    version: r.version,
    latest: (facts?.latestVersion ?? r.version) === r.version,
    unitKind: r.unit_kind,
    unitCode: r.unit_kind === 'department' ? String(r.department_id) : (r.region_code ?? ''),
    departmentId: r.department_id,
    regionCode: r.region_code,
    unitName: r.unit_name,
    title: r.title,
    status: r.status,
    statusLabel: UNIT_REPORT_STATUS_LABELS[r.status],
    dueDate: due,
    roundDueDate: round.due_date,
    extension: extension !== undefined && extension.due_date > round.due_date ? { dueDate: extension.due_date, reason: extension.reason } : null,
    submittedAt: first,
    lastSubmittedAt: r.last_submitted_at,
    approvedAt: r.approved_at,
    publishedAt: r.published_at,
    lateness,
    latenessLabel: LATENESS_LABELS[lateness],
    correctionNote: r.correction_note,
    itemCount: own.length,
    assessedCount: own.filter((i) => i.progress !== null).length,
    taskId: r.task_id,
    updatedAt: r.updated_at,
  };
}

export function toItemView(i: UnitReportItemRow): UnitReportItemView {
  return {
    id: i.id,
    ord: i.ord,
    plan: i.plan_kind,
    planLabel: PLAN_LABELS[i.plan_kind],
    domain: i.domain_ord,
    goal: i.goal_ord,
    goalText: i.goal_text,
    role: i.role,
    roleLabel: UNIT_ITEM_ROLE_LABELS[i.role],
    progress: i.progress,
    progressLabel: i.progress === null ? null : UNIT_PROGRESS_LABELS[i.progress],
    done: i.done,
    problems: i.problems,
    nextPlan: i.next_plan,
  };
}

const parse = (json: string | null): unknown => (json === null ? null : (JSON.parse(json) as unknown));

/** The full report; `actor` null: the public view (published versions only, no comments or history). */
export async function buildDetail(db: Kysely<Database>, row: UnitReportRow, round: UnitReportRoundRow, actor: Actor | null, clock: Clock = {}): Promise<UnitReportDetail> {
  const series = await listUnitReportRows(db, { roundId: row.round_id, unitKey: row.unit_key });
  const visible = actor === null ? series.filter((s) => s.status === 'published') : series;
  const facts = seriesFacts(series).get(`${row.round_id}|${row.unit_key}`);
  const items = await listItems(db, series.map((s) => s.id));
  const unit = unitOf(row);
  const editable = EDITABLE_STATUSES.includes(row.status);
  const pending = PENDING_STATUSES.includes(row.status);
  const extensions = await loadExtensions(db, [round.id]);
  const view = toReportView(row, round, facts, items, clock, extensions);
  const latestPublished = view.latest && row.status === 'published';
  return {
    ...view,
    overview: row.overview,
    problems: row.problems,
    nextPlan: row.next_plan,
    items: items.filter((i) => i.report_id === row.id).map(toItemView),
    comments:
      actor === null
        ? []
        : (await listComments(db, [row.id])).map((c) => ({ id: c.id, authorName: c.author_name, text: c.text, stage: c.stage, createdAt: c.created_at })),
    attachments: (await listAttachments(db, row.id)).map((a) => ({ id: a.id, fileName: a.file_name, mime: a.mime, size: a.size, uploadedByName: a.uploaded_by_name, uploadedAt: a.uploaded_at })),
    versions: visible.map((s) => toReportView(s, round, facts, items, clock, extensions)),
    history:
      actor === null
        ? []
        : (await findAudit(db, { entity: 'unit_report', entityKey: String(row.id) })).map((a) => ({
            at: a.at,
            userName: a.user_name,
            action: a.action,
            actionLabel: ACTION_LABELS[a.action] ?? a.action,
            reason: a.reason,
            before: parse(a.before_json),
            after: parse(a.after_json),
          })),
    can: {
      edit: actor !== null && editable && canWriteUnitReport(actor, unit),
      submit: actor !== null && editable && canWriteUnitReport(actor, unit),
      comment: actor !== null && pending && canCommentUnitReport(actor),
      return: actor !== null && pending && canManageUnitReports(actor),
      approve: actor !== null && pending && canManageUnitReports(actor),
      publish: actor !== null && row.status === 'approved' && canManageUnitReports(actor),
      correct: actor !== null && latestPublished && canCorrectUnitReport(actor, unit),
    },
  };
}
