import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { EvaluationReport } from '../../core/reports/evaluation-report.types.ts';
import type { ReportPlanScope } from '../../core/reports/report.types.ts';
import { REPORT_PLAN_SCOPES } from '../../core/reports/report.types.ts';
import {
  findReport,
  findReportComments,
  insertReport,
  insertReportComment,
  latestOfSeries,
  listReports,
  updateReport,
  type ReportListRow,
} from '../../storage/repositories/report.repository.ts';
import type { Database } from '../../storage/schema.ts';
import type { ReportKind, ReportRow, ReportStatus } from '../../storage/schema/reports.schema.ts';
import { conflict, forbidden, invalidInput, missing } from '../evaluation/evaluation.errors.ts';
import { annualReportDocx } from './annual-report.docx.ts';
import type { AnnualReport } from '../../core/reports/report.types.ts';
import { buildAnnualReport } from './annual-report.service.ts';
import { buildCompendium, compendiumXlsx, type Compendium } from './compendium.service.ts';
import { evaluationReportDocx } from './evaluation-report.docx.ts';
import { buildEvaluationReport } from './evaluation-report.service.ts';

/**
 * Review and publication (section 五 “建立监测评估报告交流、反馈和发布机制”): a report is generated as a draft
 * (statistics bureau or office), submitted for review, commented by the coordination group (协调组), sent back
 * or approved, and published by the office. A published version is immutable (the database refuses to change
 * it); a correction is a new version of the same series with a note saying why. Published versions and their
 * data tables are public.
 */

export const REPORT_KIND_LABELS: Record<ReportKind, string> = { annual: '年度统计监测报告', compendium: '年度妇女儿童统计资料', midterm: '中期评估报告', final: '终期评估报告' };
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { draft: '草稿', under_review: '审核中', approved: '已审定', published: '已发布' };

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const has = (actor: Actor, ...roles: Role[]): boolean => actor.roles.some((r) => roles.includes(r));
function require(actor: Actor, roles: Role[], what: string): void {
  if (!has(actor, ...roles)) throw forbidden(`无权${what}`);
}

export interface ReportVersionView {
  id: number;
  seriesKey: string;
  version: number;
  kind: ReportKind;
  kindLabel: string;
  title: string;
  year: number;
  plan: string;
  regionCode: string;
  status: ReportStatus;
  statusLabel: string;
  fileName: string;
  correctionNote: string | null;
  demo: boolean;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  approvedByName: string | null;
  publishedAt: string | null;
  publishedByName: string | null;
}

export interface ReportCommentView {
  id: number;
  authorName: string;
  text: string;
  stage: string;
  createdAt: string;
}

export interface ReportDetail extends ReportVersionView {
  /** The structured report (its data tables): AnnualReport, or the compendium's sheets. */
  content: unknown;
  sections: Record<string, string>;
  comments: ReportCommentView[];
  /** Every version of the series (public callers: only the published ones), newest first. */
  versions: ReportVersionView[];
}

export function toVersionView(r: ReportListRow): ReportVersionView {
  return {
    id: r.id,
    seriesKey: r.series_key,
    version: r.version,
    kind: r.kind,
    kindLabel: REPORT_KIND_LABELS[r.kind],
    title: r.title,
    year: r.year,
    plan: r.plan,
    regionCode: r.region_code,
    status: r.status,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    fileName: r.file_name,
    correctionNote: r.correction_note,
    demo: r.demo === 1,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    approvedAt: r.approved_at,
    approvedByName: r.approved_by_name,
    publishedAt: r.published_at,
    publishedByName: r.published_by_name,
  };
}

export interface CreateReportInput {
  kind: ReportKind;
  year: number;
  plan?: ReportPlanScope;
  regionCode?: string;
  /** Required when the series already has a published version: why this correction. */
  correctionNote?: string;
}

interface Rendered {
  title: string;
  content: unknown;
  fileName: string;
  mime: string;
  bytes: Buffer;
  demo: boolean;
}

function compendiumContent(c: Compendium): unknown {
  return {
    title: c.title,
    year: c.year,
    years: c.years,
    demo: c.demo,
    sheets: c.sheets.map((s) => ({ name: s.name, title: s.title, planKind: s.planKind, lines: s.lines.map((l) => ({ ...l, values: Object.fromEntries(l.values) })) })),
  };
}

const isEvaluation = (kind: ReportKind): kind is 'midterm' | 'final' => kind === 'midterm' || kind === 'final';

/** `sections`: the office's texts (problems, recommendations …), written into the report's .docx. */
async function render(
  db: Kysely<Database>,
  input: Required<Pick<CreateReportInput, 'kind' | 'year' | 'plan' | 'regionCode'>>,
  sections: Record<string, string> = {},
): Promise<Rendered> {
  if (isEvaluation(input.kind)) {
    const report = await buildEvaluationReport(db, { kind: input.kind, year: input.year, plan: input.plan, regionCode: input.regionCode });
    return { title: report.title, content: report, fileName: `${report.title}.docx`, mime: DOCX_MIME, bytes: await evaluationReportDocx(report, sections), demo: report.demo };
  }
  if (input.kind === 'annual') {
    const report = await buildAnnualReport(db, { year: input.year, plan: input.plan, regionCode: input.regionCode });
    return { title: report.title, content: report, fileName: `${report.title}.docx`, mime: DOCX_MIME, bytes: await annualReportDocx(report, sections), demo: report.demo };
  }
  const c = await buildCompendium(db, { year: input.year, plan: input.plan });
  return { title: c.title, content: compendiumContent(c), fileName: `${c.title}.xlsx`, mime: XLSX_MIME, bytes: await compendiumXlsx(c), demo: c.demo };
}

export const seriesKeyOf = (kind: string, year: number, plan: string, regionCode: string): string => `${kind}:${year}:${plan}:${regionCode}`;

/** Generates a report as a new draft version (the first of its series, or a correction of a published one). */
export async function createReport(db: Kysely<Database>, actor: Actor, input: CreateReportInput): Promise<ReportDetail> {
  require(actor, ['admin', 'stats'], '生成报告：仅管理员（妇儿工委办公室）或统计局可以操作');
  const plan = input.plan ?? 'all';
  if (!REPORT_PLAN_SCOPES.includes(plan)) throw invalidInput(`规划“${plan}”无效：应为 women、children 或 all`);
  const regionCode = input.kind === 'compendium' ? CITY_REGION_CODE : (input.regionCode ?? CITY_REGION_CODE);
  const seriesKey = seriesKeyOf(input.kind, input.year, plan, regionCode);
  const latest = await latestOfSeries(db, seriesKey);
  if (latest !== null && latest.status !== 'published') {
    throw conflict(`该报告已有未发布的第${latest.version}版（${REPORT_STATUS_LABELS[latest.status]}），请在该版本上继续；草稿可重新生成`, { id: latest.id });
  }
  const note = input.correctionNote?.trim() ?? '';
  if (latest !== null && note === '') throw invalidInput(`该报告已发布第${latest.version}版：更正须作为新版本发布，并说明更正原因`);
  const rendered = await render(db, { kind: input.kind, year: input.year, plan, regionCode });
  const now = new Date().toISOString();
  const id = await insertReport(db, {
    series_key: seriesKey,
    version: (latest?.version ?? 0) + 1,
    kind: input.kind,
    title: rendered.title,
    year: input.year,
    plan,
    region_code: regionCode,
    status: 'draft',
    content: JSON.stringify(rendered.content),
    sections: '{}',
    file_name: rendered.fileName,
    file_mime: rendered.mime,
    file_data: rendered.bytes.toString('base64'),
    correction_note: latest === null ? null : note,
    demo: rendered.demo ? 1 : 0,
    created_by: actor.userId === 0 ? null : actor.userId,
    created_by_name: actor.displayName,
    created_at: now,
    updated_at: now,
  });
  return getReport(db, actor, id);
}

async function load(db: Kysely<Database>, id: number): Promise<ReportRow> {
  const row = Number.isInteger(id) ? await findReport(db, id) : null;
  if (row === null) throw missing(`报告${id}`);
  return row;
}

async function transition(db: Kysely<Database>, row: ReportRow, from: ReportStatus[], changes: Parameters<typeof updateReport>[3], action: string): Promise<void> {
  if (row.status === 'published') throw conflict(`报告已发布，不可${action}：已发布的版本不再修改，更正请生成新版本`);
  if (!from.includes(row.status)) throw conflict(`报告当前为“${REPORT_STATUS_LABELS[row.status]}”，不能${action}`);
  if (!(await updateReport(db, row.id, from, { ...changes, updated_at: new Date().toISOString() }))) throw conflict(`报告状态已变化，不能${action}，请刷新后重试`);
}

/** Rebuilds a draft from the current approved data (after corrections of the data). */
export async function regenerateReport(db: Kysely<Database>, actor: Actor, id: number): Promise<ReportDetail> {
  require(actor, ['admin', 'stats'], '重新生成报告');
  const row = await load(db, id);
  // The office's sections survive a regeneration.
  const sections = JSON.parse(row.sections) as Record<string, string>;
  const rendered = await render(db, { kind: row.kind, year: row.year, plan: row.plan as ReportPlanScope, regionCode: row.region_code }, sections);
  await transition(db, row, ['draft'], { title: rendered.title, content: JSON.stringify(rendered.content), file_data: rendered.bytes.toString('base64'), file_name: rendered.fileName, demo: rendered.demo ? 1 : 0 }, '重新生成');
  return getReport(db, actor, id);
}

/** The sections the office writes (problems, recommendations …): text by key, while a draft. */
export async function updateReportSections(db: Kysely<Database>, actor: Actor, id: number, sections: Record<string, string>): Promise<ReportDetail> {
  require(actor, ['admin', 'stats'], '编辑报告');
  const row = await load(db, id);
  // An annual or evaluation report's .docx carries the sections: it is written again from the stored content (the data the
  // draft was generated from), not recomputed.
  const file = row.status !== 'draft' ? {} : isEvaluation(row.kind) ? { file_data: (await evaluationReportDocx(JSON.parse(row.content) as EvaluationReport, sections)).toString('base64') } : row.kind === 'annual' ? { file_data: (await annualReportDocx(JSON.parse(row.content) as AnnualReport, sections)).toString('base64') } : {};
  await transition(db, row, ['draft'], { sections: JSON.stringify(sections), ...file }, '编辑');
  return getReport(db, actor, id);
}

export async function submitReport(db: Kysely<Database>, actor: Actor, id: number): Promise<ReportDetail> {
  require(actor, ['admin', 'stats'], '提交审核');
  const row = await load(db, id);
  await transition(db, row, ['draft'], { status: 'under_review', submitted_at: new Date().toISOString() }, '提交审核');
  return getReport(db, actor, id);
}

/** A comment of the coordination group on a report under review. */
export async function commentReport(db: Kysely<Database>, actor: Actor, id: number, text: string): Promise<ReportDetail> {
  require(actor, ['admin', 'stats', 'reviewer', 'viewer'], '提出审核意见');
  const row = await load(db, id);
  if (row.status !== 'under_review') throw conflict(`报告当前为“${REPORT_STATUS_LABELS[row.status]}”，只有审核中的报告可以提出审核意见`);
  if (text.trim() === '') throw invalidInput('审核意见不能为空');
  await insertReportComment(db, { report_id: id, author_id: actor.userId === 0 ? null : actor.userId, author_name: actor.displayName, text: text.trim(), stage: 'under_review', created_at: new Date().toISOString() });
  return getReport(db, actor, id);
}

/** Sends a report under review back to draft, with the reason as a comment. */
export async function returnReport(db: Kysely<Database>, actor: Actor, id: number, text: string): Promise<ReportDetail> {
  require(actor, ['admin'], '退回报告：仅管理员（妇儿工委办公室）可以操作');
  if (text.trim() === '') throw invalidInput('退回须说明理由');
  const row = await load(db, id);
  await transition(db, row, ['under_review'], { status: 'draft' }, '退回');
  await insertReportComment(db, { report_id: id, author_id: actor.userId === 0 ? null : actor.userId, author_name: actor.displayName, text: text.trim(), stage: 'returned', created_at: new Date().toISOString() });
  return getReport(db, actor, id);
}

export async function approveReport(db: Kysely<Database>, actor: Actor, id: number): Promise<ReportDetail> {
  require(actor, ['admin'], '审定报告：仅管理员（妇儿工委办公室）可以操作');
  const row = await load(db, id);
  await transition(db, row, ['under_review'], { status: 'approved', approved_at: new Date().toISOString(), approved_by_name: actor.displayName }, '审定');
  return getReport(db, actor, id);
}

export async function publishReport(db: Kysely<Database>, actor: Actor, id: number): Promise<ReportDetail> {
  require(actor, ['admin'], '发布报告：仅管理员（妇儿工委办公室）可以操作');
  const row = await load(db, id);
  await transition(db, row, ['approved'], { status: 'published', published_at: new Date().toISOString(), published_by_name: actor.displayName }, '发布');
  return getReport(db, actor, id);
}

async function detail(db: Kysely<Database>, row: ReportRow, publicView: boolean): Promise<ReportDetail> {
  const versions = (await listReports(db, { seriesKey: row.series_key })).filter((v) => !publicView || v.status === 'published');
  return {
    ...toVersionView(row),
    content: JSON.parse(row.content) as unknown,
    sections: JSON.parse(row.sections) as Record<string, string>,
    comments: publicView ? [] : (await findReportComments(db, row.id)).map((c) => ({ id: c.id, authorName: c.author_name, text: c.text, stage: c.stage, createdAt: c.created_at })),
    versions: versions.map(toVersionView),
  };
}

/** Any stored report, for a logged-in user (reports are not confidential inside the platform). */
export async function getReport(db: Kysely<Database>, _actor: Actor, id: number): Promise<ReportDetail> {
  return detail(db, await load(db, id), false);
}

export async function listStoredReports(db: Kysely<Database>, _actor: Actor, filter: { status?: ReportStatus } = {}): Promise<ReportVersionView[]> {
  return (await listReports(db, filter)).map(toVersionView);
}

export interface ReportFile {
  fileName: string;
  mime: string;
  bytes: Buffer;
}

export async function reportFile(db: Kysely<Database>, _actor: Actor, id: number): Promise<ReportFile> {
  const row = await load(db, id);
  return { fileName: row.file_name, mime: row.file_mime, bytes: Buffer.from(row.file_data, 'base64') };
}

/** Published versions, newest first, each marked whether a later published version corrects it. */
export async function listPublishedReports(db: Kysely<Database>): Promise<(ReportVersionView & { superseded: boolean })[]> {
  const rows = await listReports(db, { status: 'published' });
  const newest = new Map<string, number>();
  for (const r of rows) newest.set(r.series_key, Math.max(newest.get(r.series_key) ?? 0, r.version));
  return rows.map((r) => ({ ...toVersionView(r), superseded: newest.get(r.series_key) !== r.version }));
}

async function loadPublished(db: Kysely<Database>, id: number): Promise<ReportRow> {
  const row = Number.isInteger(id) ? await findReport(db, id) : null;
  // An unpublished report does not exist for the public.
  if (row === null || row.status !== 'published') throw missing(`已发布的报告${id}`);
  return row;
}

export async function getPublishedReport(db: Kysely<Database>, id: number): Promise<ReportDetail> {
  return detail(db, await loadPublished(db, id), true);
}

export async function publishedReportFile(db: Kysely<Database>, id: number): Promise<ReportFile> {
  const row = await loadPublished(db, id);
  return { fileName: row.file_name, mime: row.file_mime, bytes: Buffer.from(row.file_data, 'base64') };
}
