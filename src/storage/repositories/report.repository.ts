import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../schema.ts';
import type { ReportCommentRow, ReportCommentsTable, ReportRow, ReportStatus, ReportsTable } from '../schema/reports.schema.ts';

/** Stored reports, their versions and review comments. A published row is never updated (a trigger enforces it). */

const LIST_COLUMNS = [
  'id', 'series_key', 'version', 'kind', 'title', 'year', 'plan', 'region_code', 'status', 'file_name', 'file_mime', 'correction_note', 'demo',
  'created_by', 'created_by_name', 'created_at', 'updated_at', 'submitted_at', 'approved_at', 'approved_by_name', 'published_at', 'published_by_name',
] as const;

export type ReportListRow = Pick<ReportRow, (typeof LIST_COLUMNS)[number]>;

export async function insertReport(db: Kysely<Database>, row: Insertable<ReportsTable>): Promise<number> {
  const inserted = await db.insertInto('reports').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findReport(db: Kysely<Database>, id: number): Promise<ReportRow | null> {
  return (await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function listReports(db: Kysely<Database>, filter: { status?: ReportStatus; seriesKey?: string } = {}): Promise<ReportListRow[]> {
  let q = db.selectFrom('reports').select(LIST_COLUMNS);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.seriesKey !== undefined) q = q.where('series_key', '=', filter.seriesKey);
  return q.orderBy('year', 'desc').orderBy('series_key').orderBy('version', 'desc').execute();
}

/** The highest version of a series, or null when the series is new. */
export async function latestOfSeries(db: Kysely<Database>, seriesKey: string): Promise<ReportListRow | null> {
  return (await db.selectFrom('reports').select(LIST_COLUMNS).where('series_key', '=', seriesKey).orderBy('version', 'desc').limit(1).executeTakeFirst()) ?? null;
}

/**
 * Updates a report that is in one of `from` statuses (never a published one); false when it was not (the caller
 * reports the conflict).
 */
export async function updateReport(db: Kysely<Database>, id: number, from: readonly ReportStatus[], changes: Updateable<ReportsTable>): Promise<boolean> {
  const allowed = from.filter((s) => s !== 'published');
  if (allowed.length === 0) return false;
  const result = await db.updateTable('reports').set(changes).where('id', '=', id).where('status', 'in', allowed).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertReportComment(db: Kysely<Database>, row: Insertable<ReportCommentsTable>): Promise<void> {
  await db.insertInto('report_comments').values(row).execute();
}

export async function findReportComments(db: Kysely<Database>, reportId: number): Promise<ReportCommentRow[]> {
  return db.selectFrom('report_comments').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
}
