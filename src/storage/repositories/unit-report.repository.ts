import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../schema.ts';
import type {
  UnitReportAttachmentRow,
  UnitReportAttachmentsTable,
  UnitReportCommentRow,
  UnitReportCommentsTable,
  UnitReportItemRow,
  UnitReportItemsTable,
  UnitReportRoundRow,
  UnitReportRoundsTable,
  UnitReportRow,
  UnitReportsTable,
} from '../schema/unit-reports.schema.ts';
import type { UnitReportKind, UnitReportStatus } from '../../core/unit-reports/unit-report.types.ts';

/** Rounds, reports (versions), goal items, comments and attachments of the units' reports. Published rows never change. */

export async function insertRound(db: Kysely<Database>, row: Insertable<UnitReportRoundsTable>): Promise<UnitReportRoundRow> {
  return db.insertInto('unit_report_rounds').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findRound(db: Kysely<Database>, id: number): Promise<UnitReportRoundRow | null> {
  return (await db.selectFrom('unit_report_rounds').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function findRoundOf(db: Kysely<Database>, year: number, kind: UnitReportKind): Promise<UnitReportRoundRow | null> {
  return (await db.selectFrom('unit_report_rounds').selectAll().where('year', '=', year).where('kind', '=', kind).executeTakeFirst()) ?? null;
}

export async function listRoundRows(db: Kysely<Database>, filter: { year?: number } = {}): Promise<UnitReportRoundRow[]> {
  let q = db.selectFrom('unit_report_rounds').selectAll();
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  return q.orderBy('year', 'desc').orderBy('id', 'desc').execute();
}

export async function setRoundDueDate(db: Kysely<Database>, id: number, dueDate: string): Promise<void> {
  await db.updateTable('unit_report_rounds').set({ due_date: dueDate }).where('id', '=', id).execute();
}

export async function insertUnitReport(db: Kysely<Database>, row: Insertable<UnitReportsTable>): Promise<UnitReportRow> {
  return db.insertInto('unit_reports').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findUnitReport(db: Kysely<Database>, id: number): Promise<UnitReportRow | null> {
  return (await db.selectFrom('unit_reports').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export interface UnitReportFilter {
  roundId?: number;
  roundIds?: number[];
  unitKey?: string;
  status?: UnitReportStatus[];
  /** Only the reports of this department or county. */
  scope?: { departmentId: number } | { regionCode: string } | null;
}

export async function listUnitReportRows(db: Kysely<Database>, filter: UnitReportFilter = {}): Promise<UnitReportRow[]> {
  let q = db.selectFrom('unit_reports').selectAll();
  if (filter.roundId !== undefined) q = q.where('round_id', '=', filter.roundId);
  if (filter.roundIds !== undefined) {
    if (filter.roundIds.length === 0) return [];
    q = q.where('round_id', 'in', filter.roundIds);
  }
  if (filter.unitKey !== undefined) q = q.where('unit_key', '=', filter.unitKey);
  if (filter.status !== undefined && filter.status.length > 0) q = q.where('status', 'in', filter.status);
  const scope = filter.scope;
  if (scope) {
    q = 'departmentId' in scope ? q.where('unit_kind', '=', 'department').where('department_id', '=', scope.departmentId) : q.where('unit_kind', '=', 'county').where('region_code', '=', scope.regionCode);
  }
  return q.orderBy('round_id', 'desc').orderBy('unit_kind', 'desc').orderBy('unit_key').orderBy('version', 'desc').execute();
}

/**
 * Updates a report that is in one of `from` statuses; false when it was not (another request changed it first).
 */
export async function updateUnitReportRow(db: Kysely<Database>, id: number, from: readonly UnitReportStatus[], changes: Updateable<UnitReportsTable>): Promise<boolean> {
  const allowed = from.filter((s) => s !== 'published');
  if (allowed.length === 0) return false;
  const result = await db.updateTable('unit_reports').set(changes).where('id', '=', id).where('status', 'in', allowed).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertItems(db: Kysely<Database>, rows: readonly Insertable<UnitReportItemsTable>[]): Promise<void> {
  // Small batches: a report has at most a few dozen goals.
  for (let i = 0; i < rows.length; i += 50) await db.insertInto('unit_report_items').values(rows.slice(i, i + 50)).execute();
}

export async function listItems(db: Kysely<Database>, reportIds: readonly number[]): Promise<UnitReportItemRow[]> {
  if (reportIds.length === 0) return [];
  return db.selectFrom('unit_report_items').selectAll().where('report_id', 'in', [...reportIds]).orderBy('report_id').orderBy('ord').execute();
}

export async function updateItem(db: Kysely<Database>, id: number, changes: Updateable<UnitReportItemsTable>): Promise<void> {
  await db.updateTable('unit_report_items').set(changes).where('id', '=', id).execute();
}

export async function insertComment(db: Kysely<Database>, row: Insertable<UnitReportCommentsTable>): Promise<void> {
  await db.insertInto('unit_report_comments').values(row).execute();
}

export async function listComments(db: Kysely<Database>, reportIds: readonly number[]): Promise<UnitReportCommentRow[]> {
  if (reportIds.length === 0) return [];
  return db.selectFrom('unit_report_comments').selectAll().where('report_id', 'in', [...reportIds]).orderBy('id').execute();
}

export type AttachmentMeta = Omit<UnitReportAttachmentRow, 'data'>;
const ATTACHMENT_META = ['id', 'report_id', 'file_name', 'mime', 'size', 'uploaded_by', 'uploaded_by_name', 'uploaded_at'] as const;

export async function insertAttachment(db: Kysely<Database>, row: Insertable<UnitReportAttachmentsTable>): Promise<AttachmentMeta> {
  return db.insertInto('unit_report_attachments').values(row).returning(ATTACHMENT_META).executeTakeFirstOrThrow();
}

export async function listAttachments(db: Kysely<Database>, reportId: number): Promise<AttachmentMeta[]> {
  return db.selectFrom('unit_report_attachments').select(ATTACHMENT_META).where('report_id', '=', reportId).orderBy('id').execute();
}

export async function findAttachment(db: Kysely<Database>, id: number): Promise<UnitReportAttachmentRow | null> {
  return (await db.selectFrom('unit_report_attachments').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function attachmentsWithData(db: Kysely<Database>, reportId: number): Promise<UnitReportAttachmentRow[]> {
  return db.selectFrom('unit_report_attachments').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
}

export async function deleteAttachment(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('unit_report_attachments').where('id', '=', id).execute();
}
