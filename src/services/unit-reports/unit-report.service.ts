import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import {
  canCommentUnitReport,
  canCorrectUnitReport,
  canManageUnitReports,
  canReadUnitReport,
  canWriteUnitReport,
} from '../../core/unit-reports/unit-report-access.ts';
import type { UnitProgress, UnitReportKind, UnitReportStatus } from '../../core/unit-reports/unit-report.types.ts';
import { EDITABLE_STATUSES, PENDING_STATUSES, UNIT_PROGRESS, UNIT_REPORT_STATUS_LABELS } from '../../core/unit-reports/unit-report.types.ts';
import { recordEvent, updateTaskRow, findTask } from '../../storage/repositories/task.repository.ts';
import {
  attachmentsWithData,
  deleteAttachment,
  findAttachment,
  findRound,
  findUnitReport,
  insertAttachment,
  insertComment,
  insertItems,
  insertUnitReport,
  listItems,
  listRoundRows,
  listUnitReportRows,
  updateItem,
  updateUnitReportRow,
} from '../../storage/repositories/unit-report.repository.ts';
import type { Database } from '../../storage/schema.ts';
import type { UnitReportRoundRow, UnitReportRow, UnitReportsTable } from '../../storage/schema/unit-reports.schema.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { Clock } from '../responsibility/clock.ts';
import { stampOf } from '../responsibility/clock.ts';
import { badRequest, forbidden, invalidState, notFound } from '../responsibility/responsibility.errors.ts';
import { closeReviewTask, openReviewTask } from '../responsibility/task-review.service.ts';
import { closeTaskRecord } from '../responsibility/task.service.ts';
import type { Updateable } from 'kysely';
import { auditUnitReport } from './unit-report-audit.ts';
import type { UnitReportAttachmentView, UnitReportDetail, UnitReportView } from './unit-report.contract.ts';
import { scopeOf } from './unit-report-round.service.ts';
import { buildDetail, loadExtensions, seriesFacts, toReportView, unitOf } from './unit-report-views.ts';

/**
 * A unit's report through its flow: the unit drafts (saves as often as it likes), submits; the office returns it
 * with a comment (the unit fixes and resubmits), approves, publishes. A published version is immutable (the
 * database refuses changes too); a correction is a new version with a note. Every change is audited.
 */

/** Largest attachment accepted, in bytes. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;
const TEXT_LIMIT = 20000;

async function loadReport(db: Kysely<Database>, id: number): Promise<{ row: UnitReportRow; round: UnitReportRoundRow }> {
  const row = Number.isInteger(id) ? await findUnitReport(db, id) : null;
  if (row === null) throw notFound(`报告 ${id} `);
  const round = await findRound(db, row.round_id);
  if (round === null) throw notFound(`报告轮次 ${row.round_id} `);
  return { row, round };
}

async function loadReadable(db: Kysely<Database>, actor: Actor, id: number): Promise<{ row: UnitReportRow; round: UnitReportRoundRow }> {
  const loaded = await loadReport(db, id);
  if (!canReadUnitReport(actor, unitOf(loaded.row))) throw forbidden('无权查看该报告：它不属于您的部门或区县');
  return loaded;
}

function requireWriter(actor: Actor, row: UnitReportRow, what: string): void {
  if (!canWriteUnitReport(actor, unitOf(row))) throw forbidden(`无权${what}：只有${row.unit_name}的填报员或审核员可以${what}`);
}

function requireOffice(actor: Actor, what: string): void {
  if (!canManageUnitReports(actor)) throw forbidden(`无权${what}：仅妇儿工委办公室（管理员）可以${what}`);
}

/** Moves the report from one of `from` to new fields; 409 when the status does not allow it or changed meanwhile. */
async function transition(db: Kysely<Database>, row: UnitReportRow, from: readonly UnitReportStatus[], changes: Updateable<UnitReportsTable>, action: string): Promise<void> {
  if (row.status === 'published') throw invalidState(`报告已发布，不可${action}：已发布的版本不再修改，更正请创建新版本`);
  if (!from.includes(row.status)) throw invalidState(`报告当前为“${UNIT_REPORT_STATUS_LABELS[row.status]}”，不能${action}`);
  if (!(await updateUnitReportRow(db, row.id, from, changes))) throw invalidState(`报告状态已变化，不能${action}，请刷新后重试`);
}

export async function getUnitReport(db: Kysely<Database>, actor: Actor, id: number, clock: Clock = {}): Promise<UnitReportDetail> {
  const { row, round } = await loadReadable(db, actor, id);
  return buildDetail(db, row, round, actor, clock);
}

export interface UnitReportQuery {
  year?: number;
  kind?: UnitReportKind;
  roundId?: number;
  status?: UnitReportStatus[];
  /** Every version, not only each unit's newest. */
  allVersions?: boolean;
}

/** Reports the actor may see (its own unit's, or all for the office, statistics bureau, viewers), newest rounds first. */
export async function listUnitReports(db: Kysely<Database>, actor: Actor, query: UnitReportQuery = {}, clock: Clock = {}): Promise<UnitReportView[]> {
  const rounds = (await listRoundRows(db, query.year === undefined ? {} : { year: query.year })).filter((r) => (query.kind === undefined || r.kind === query.kind) && (query.roundId === undefined || r.id === query.roundId));
  const rows = await listUnitReportRows(db, { roundIds: rounds.map((r) => r.id), scope: scopeOf(actor) });
  const facts = seriesFacts(rows);
  const chosen = rows.filter((r) => (query.allVersions || facts.get(`${r.round_id}|${r.unit_key}`)?.latestVersion === r.version) && (query.status === undefined || query.status.length === 0 || query.status.includes(r.status)));
  const items = await listItems(db, chosen.map((r) => r.id));
  const roundOf = new Map(rounds.map((r) => [r.id, r]));
  const extensions = await loadExtensions(db, chosen.map((r) => r.round_id));
  return chosen.map((r) => toReportView(r, roundOf.get(r.round_id) as UnitReportRoundRow, facts.get(`${r.round_id}|${r.unit_key}`), items, clock, extensions));
}

export interface ItemChanges {
  id: number;
  progress?: UnitProgress | null;
  done?: string;
  problems?: string;
  nextPlan?: string;
}

export interface UnitReportChanges {
  overview?: string;
  problems?: string;
  nextPlan?: string;
  items?: ItemChanges[];
}

function checkText(value: string | undefined, label: string): void {
  if (value !== undefined && value.length > TEXT_LIMIT) throw badRequest(`“${label}”过长：不超过${TEXT_LIMIT}字`);
}

/** Saves the draft (or the returned report being fixed): only the fields given; the audit keeps before and after. */
export async function saveUnitReport(db: Kysely<Database>, actor: Actor, id: number, changes: UnitReportChanges, clock: Clock = {}): Promise<UnitReportDetail> {
  checkText(changes.overview, '总体情况');
  checkText(changes.problems, '存在问题');
  checkText(changes.nextPlan, '下一年工作安排');
  await inTransaction(db, async (trx) => {
    const { row } = await loadReport(trx, id);
    requireWriter(actor, row, '填写报告');
    if (!EDITABLE_STATUSES.includes(row.status)) throw invalidState(`报告当前为“${UNIT_REPORT_STATUS_LABELS[row.status]}”，不能修改${row.status === 'published' ? '（更正请创建新版本）' : '（已提交的报告如需修改，请联系妇儿工委办公室退回）'}`);
    const at = stampOf(clock);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: Updateable<UnitReportsTable> = {};
    for (const [key, column] of [
      ['overview', 'overview'],
      ['problems', 'problems'],
      ['nextPlan', 'next_plan'],
    ] as const) {
      const value = changes[key];
      if (value !== undefined && value !== row[column]) {
        before[key] = row[column];
        after[key] = value;
        set[column] = value;
      }
    }
    if (changes.items !== undefined && changes.items.length > 0) {
      const items = await listItems(trx, [row.id]);
      for (const change of changes.items) {
        const item = items.find((i) => i.id === change.id);
        if (item === undefined) throw badRequest(`目标条目 ${change.id} 不属于该报告`);
        if (change.progress !== undefined && change.progress !== null && !UNIT_PROGRESS.includes(change.progress)) throw badRequest(`进展评估“${change.progress}”无效`);
        for (const [k, label] of [['done', '工作开展情况'], ['problems', '存在问题'], ['nextPlan', '下一年工作安排']] as const) checkText(change[k], label);
        const itemSet: Record<string, unknown> = {};
        const itemBefore: Record<string, unknown> = {};
        for (const [key, column] of [
          ['progress', 'progress'],
          ['done', 'done'],
          ['problems', 'problems'],
          ['nextPlan', 'next_plan'],
        ] as const) {
          const value = change[key];
          if (value !== undefined && value !== item[column]) {
            itemBefore[key] = item[column];
            itemSet[column] = value;
          }
        }
        if (Object.keys(itemSet).length === 0) continue;
        await updateItem(trx, item.id, itemSet);
        const label = `goal ${item.plan_kind}/${item.domain_ord}/${item.goal_ord}`;
        before[label] = itemBefore;
        after[label] = Object.fromEntries(Object.entries(itemSet).map(([k, v]) => [k === 'next_plan' ? 'nextPlan' : k, v]));
      }
    }
    if (Object.keys(after).length === 0) return;
    await transition(trx, row, EDITABLE_STATUSES, { ...set, updated_at: at }, '修改');
    await auditUnitReport(trx, actor, at, row.id, 'unit_report.save', { before, after });
  });
  return getUnitReport(db, actor, id, clock);
}

/** What is missing before a report can be submitted; empty when complete. */
async function missingParts(db: Kysely<Database>, row: UnitReportRow): Promise<string[]> {
  const out: string[] = [];
  if (row.overview.trim() === '') out.push('总体情况');
  const items = await listItems(db, [row.id]);
  const unassessed = items.filter((i) => i.progress === null);
  if (unassessed.length > 0) {
    out.push(`${unassessed.length}个目标的进展评估（${unassessed.slice(0, 5).map((i) => `${i.plan_kind === 'women' ? '妇女' : '儿童'}规划领域${i.domain_ord}目标${i.goal_ord}`).join('、')}${unassessed.length > 5 ? '等' : ''}）`);
  }
  return out;
}

async function closeTask(db: Kysely<Database>, actor: Actor, taskId: number | null, note: string, clock: Clock): Promise<void> {
  if (taskId === null) return;
  const task = await findTask(db, taskId);
  if (task !== null && task.status === 'open') await closeTaskRecord(db, actor, task, note, clock);
}

async function reopenTask(db: Kysely<Database>, actor: Actor, taskId: number | null, note: string, clock: Clock): Promise<void> {
  if (taskId === null) return;
  const task = await findTask(db, taskId);
  if (task === null || task.status !== 'done') return;
  const at = stampOf(clock);
  await updateTaskRow(db, task.id, { status: 'open', completed_at: null, completed_by: null, completed_by_name: null, outcome_note: null, updated_at: at });
  await recordEvent(db, { at, user_id: actor.userId, user_name: actor.displayName, entity: 'task', entity_id: task.id, action: 'task.reopen', note });
}

/** The office's review task of a submitted report: 审核：市卫生健康委2024年度妇女儿童发展规划落实情况和2025年工作安排. */
async function openReview(db: Kysely<Database>, actor: Actor, row: UnitReportRow, round: UnitReportRoundRow, resubmitted: boolean, clock: Clock): Promise<void> {
  await openReviewTask(
    db,
    actor,
    {
      source: { type: 'unit_report_review', id: row.id },
      kind: round.kind === 'annual' ? 'annual_report' : 'other',
      title: `审核：${row.title}${row.version > 1 ? `（第${row.version}版）` : ''}`,
      description: `${row.unit_name}${resubmitted ? '修改后重新提交' : '已提交'}报告，请审核：审定或退回修改${row.correction_note ? `；更正原因：${row.correction_note}` : ''}`,
      year: round.year,
    },
    clock,
  );
}

const review = (id: number) => ({ type: 'unit_report_review', id }) as const;

/** Submits a draft (submitted) or a returned report (resubmitted); its deadline task is done, the office's review task opens. */
export async function submitUnitReport(db: Kysely<Database>, actor: Actor, id: number, clock: Clock = {}): Promise<UnitReportDetail> {
  await inTransaction(db, async (trx) => {
    const { row, round } = await loadReport(trx, id);
    requireWriter(actor, row, '提交报告');
    if (!EDITABLE_STATUSES.includes(row.status)) throw invalidState(`报告当前为“${UNIT_REPORT_STATUS_LABELS[row.status]}”，不能提交`);
    const missing = await missingParts(trx, row);
    if (missing.length > 0) throw badRequest(`报告尚不完整，请填写：${missing.join('；')}`, { missing });
    const at = stampOf(clock);
    const status = row.status === 'returned' ? 'resubmitted' : 'submitted';
    await transition(trx, row, [row.status], { status, submitted_at: row.submitted_at ?? at, last_submitted_at: at, submitted_by_name: actor.displayName, updated_at: at }, '提交');
    await auditUnitReport(trx, actor, at, row.id, status === 'submitted' ? 'unit_report.submit' : 'unit_report.resubmit', { before: { status: row.status }, after: { status } });
    await closeTask(trx, actor, row.task_id, '报告已提交', clock);
    await openReview(trx, actor, row, round, status === 'resubmitted', clock);
  });
  return getUnitReport(db, actor, id, clock);
}

/** The office sends a submitted report back with its comment; the unit's deadline task opens again. */
export async function returnUnitReport(db: Kysely<Database>, actor: Actor, id: number, comment: string, clock: Clock = {}): Promise<UnitReportDetail> {
  requireOffice(actor, '退回报告');
  const text = comment.trim();
  if (text === '') throw badRequest('退回须填写意见（说明需修改之处）');
  await inTransaction(db, async (trx) => {
    const { row } = await loadReport(trx, id);
    const at = stampOf(clock);
    await transition(trx, row, PENDING_STATUSES, { status: 'returned', updated_at: at }, '退回');
    await insertComment(trx, { report_id: row.id, author_id: actor.userId, author_name: actor.displayName, text, stage: 'returned', created_at: at });
    await auditUnitReport(trx, actor, at, row.id, 'unit_report.return', { before: { status: row.status }, after: { status: 'returned' }, reason: text });
    await reopenTask(trx, actor, row.task_id, `报告被退回：${text}`, clock);
    await closeReviewTask(trx, actor, review(row.id), `已退回：${text}`, clock);
  });
  return getUnitReport(db, actor, id, clock);
}

/** A review comment (office or coordination group) on a submitted report, without changing its status. */
export async function commentUnitReport(db: Kysely<Database>, actor: Actor, id: number, comment: string, clock: Clock = {}): Promise<UnitReportDetail> {
  if (!canCommentUnitReport(actor)) throw forbidden('无权提出审核意见：仅妇儿工委办公室和协调组成员可以提出');
  const text = comment.trim();
  if (text === '') throw badRequest('审核意见不能为空');
  await inTransaction(db, async (trx) => {
    const { row } = await loadReport(trx, id);
    if (!PENDING_STATUSES.includes(row.status)) throw invalidState(`报告当前为“${UNIT_REPORT_STATUS_LABELS[row.status]}”，只有已提交的报告可以提出审核意见`);
    const at = stampOf(clock);
    await insertComment(trx, { report_id: row.id, author_id: actor.userId, author_name: actor.displayName, text, stage: 'comment', created_at: at });
    await auditUnitReport(trx, actor, at, row.id, 'unit_report.comment', { reason: text });
  });
  return getUnitReport(db, actor, id, clock);
}

export async function approveUnitReport(db: Kysely<Database>, actor: Actor, id: number, clock: Clock = {}): Promise<UnitReportDetail> {
  requireOffice(actor, '审定报告');
  await inTransaction(db, async (trx) => {
    const { row } = await loadReport(trx, id);
    const at = stampOf(clock);
    await transition(trx, row, PENDING_STATUSES, { status: 'approved', approved_at: at, approved_by_name: actor.displayName, updated_at: at }, '审定');
    await auditUnitReport(trx, actor, at, row.id, 'unit_report.approve', { before: { status: row.status }, after: { status: 'approved' } });
    await closeReviewTask(trx, actor, review(row.id), '已审定', clock);
  });
  return getUnitReport(db, actor, id, clock);
}

export async function publishUnitReport(db: Kysely<Database>, actor: Actor, id: number, clock: Clock = {}): Promise<UnitReportDetail> {
  requireOffice(actor, '发布报告');
  await inTransaction(db, async (trx) => {
    const { row } = await loadReport(trx, id);
    const at = stampOf(clock);
    // The audit row first: after the update the report can no longer change.
    await auditUnitReport(trx, actor, at, row.id, 'unit_report.publish', { before: { status: row.status }, after: { status: 'published' } });
    await transition(trx, row, ['approved'], { status: 'published', published_at: at, published_by_name: actor.displayName, updated_at: at }, '发布');
    await closeReviewTask(trx, actor, review(row.id), '已发布', clock);
  });
  return getUnitReport(db, actor, id, clock);
}

/**
 * A correction of a published report: a new draft version with the same texts, items and attachments, and a
 * note saying why; it goes through submission, approval and publication again.
 */
export async function correctUnitReport(db: Kysely<Database>, actor: Actor, id: number, note: string, clock: Clock = {}): Promise<UnitReportDetail> {
  const reason = note.trim();
  if (reason === '') throw badRequest('更正须说明原因');
  const newId = await inTransaction(db, async (trx) => {
    const { row } = await loadReport(trx, id);
    if (!canCorrectUnitReport(actor, unitOf(row))) throw forbidden(`无权更正该报告：只有${row.unit_name}或妇儿工委办公室可以更正`);
    if (row.status !== 'published') throw invalidState('只有已发布的报告需要以新版本更正；未发布的报告请直接修改或退回');
    const series = await listUnitReportRows(trx, { roundId: row.round_id, unitKey: row.unit_key });
    const newest = series[0] as UnitReportRow;
    if (newest.id !== row.id) throw invalidState(`该报告已有第${newest.version}版（${UNIT_REPORT_STATUS_LABELS[newest.status]}），请在最新版本上继续`);
    const at = stampOf(clock);
    const { id: _id, ...copy } = row;
    const created = await insertUnitReport(trx, {
      ...copy,
      version: row.version + 1,
      status: 'draft',
      correction_note: reason,
      created_at: at,
      updated_at: at,
      submitted_at: null,
      last_submitted_at: null,
      submitted_by_name: null,
      approved_at: null,
      approved_by_name: null,
      published_at: null,
      published_by_name: null,
    });
    const items = await listItems(trx, [row.id]);
    await insertItems(trx, items.map(({ id: _i, report_id: _r, ...item }) => ({ ...item, report_id: created.id })));
    for (const a of await attachmentsWithData(trx, row.id)) {
      const { id: _a, report_id: _r, ...file } = a;
      await insertAttachment(trx, { ...file, report_id: created.id });
    }
    await auditUnitReport(trx, actor, at, created.id, 'unit_report.correct', { before: { version: row.version, id: row.id }, after: { version: row.version + 1 }, reason });
    return created.id;
  });
  return getUnitReport(db, actor, newId, clock);
}

const MIME_OK = /^[\w.+-]+\/[\w.+-]+$/;

export interface AttachmentInput {
  fileName: string;
  mime?: string;
  /** The file's bytes, base64. */
  data: string;
}

export async function addAttachment(db: Kysely<Database>, actor: Actor, id: number, input: AttachmentInput, clock: Clock = {}): Promise<UnitReportAttachmentView> {
  const fileName = input.fileName.trim().replace(/[\\/]/g, '_');
  if (fileName === '' || fileName.length > 200) throw badRequest('附件文件名无效（1—200个字符）');
  const mime = input.mime?.trim() || 'application/octet-stream';
  if (!MIME_OK.test(mime)) throw badRequest(`附件类型“${mime}”无效`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.data)) throw badRequest('附件内容无效：应为 base64 编码');
  const bytes = Buffer.from(input.data, 'base64');
  if (bytes.length === 0) throw badRequest('附件为空文件');
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw badRequest(`附件“${fileName}”过大（${(bytes.length / 1048576).toFixed(1)} MB）：单个附件不超过${MAX_ATTACHMENT_BYTES / 1048576} MB`);
  return inTransaction(db, async (trx) => {
    const { row } = await loadReport(trx, id);
    requireWriter(actor, row, '上传附件');
    if (!EDITABLE_STATUSES.includes(row.status)) throw invalidState(`报告当前为“${UNIT_REPORT_STATUS_LABELS[row.status]}”，不能上传附件`);
    const count = await trx.selectFrom('unit_report_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('report_id', '=', row.id).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ATTACHMENTS) throw badRequest(`附件过多：每份报告不超过${MAX_ATTACHMENTS}个`);
    const at = stampOf(clock);
    const meta = await insertAttachment(trx, { report_id: row.id, file_name: fileName, mime, size: bytes.length, data: bytes.toString('base64'), uploaded_by: actor.userId, uploaded_by_name: actor.displayName, uploaded_at: at });
    await updateUnitReportRow(trx, row.id, EDITABLE_STATUSES, { updated_at: at });
    await auditUnitReport(trx, actor, at, row.id, 'unit_report.attach', { after: { attachment: meta.id, fileName, size: bytes.length } });
    return { id: meta.id, fileName: meta.file_name, mime: meta.mime, size: meta.size, uploadedByName: meta.uploaded_by_name, uploadedAt: meta.uploaded_at };
  });
}

export async function removeAttachment(db: Kysely<Database>, actor: Actor, id: number, attachmentId: number, clock: Clock = {}): Promise<UnitReportDetail> {
  await inTransaction(db, async (trx) => {
    const { row } = await loadReport(trx, id);
    requireWriter(actor, row, '删除附件');
    if (!EDITABLE_STATUSES.includes(row.status)) throw invalidState(`报告当前为“${UNIT_REPORT_STATUS_LABELS[row.status]}”，不能删除附件`);
    const file = await findAttachment(trx, attachmentId);
    if (file === null || file.report_id !== row.id) throw notFound(`附件 ${attachmentId} `);
    const at = stampOf(clock);
    await deleteAttachment(trx, attachmentId);
    await updateUnitReportRow(trx, row.id, EDITABLE_STATUSES, { updated_at: at });
    await auditUnitReport(trx, actor, at, row.id, 'unit_report.detach', { before: { attachment: attachmentId, fileName: file.file_name, size: file.size } });
  });
  return getUnitReport(db, actor, id, clock);
}

export interface AttachmentFile {
  fileName: string;
  mime: string;
  bytes: Buffer;
}

export async function attachmentFile(db: Kysely<Database>, actor: Actor | null, id: number, attachmentId: number): Promise<AttachmentFile> {
  const { row } = await loadReport(db, id);
  if (actor === null ? row.status !== 'published' : !canReadUnitReport(actor, unitOf(row))) {
    if (actor === null) throw notFound(`已发布的报告 ${id} `);
    throw forbidden('无权查看该报告的附件：它不属于您的部门或区县');
  }
  const file = await findAttachment(db, attachmentId);
  if (file === null || file.report_id !== row.id) throw notFound(`附件 ${attachmentId} `);
  return { fileName: file.file_name, mime: file.mime, bytes: Buffer.from(file.data, 'base64') };
}
