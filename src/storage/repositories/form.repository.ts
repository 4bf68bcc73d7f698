import type { Insertable, Kysely } from 'kysely';
import { rowsPerInsert } from '../database.ts';
import type { Database } from '../schema.ts';
import type { FormKind, FormRow, FormStatus, FormsTable, ReviewCommentRow, ReviewCommentsTable } from '../schema/monitoring.schema.ts';
import { chunks } from './row-mappers.ts';

/** The text that makes (round, department or region) unique: 'department:12' or 'region:370303'. */
export function formScopeKey(form: { kind: 'department'; departmentId: number } | { kind: 'region'; regionCode: string }): string {
  return form.kind === 'department' ? `department:${form.departmentId}` : `region:${form.regionCode}`;
}

export type NewFormRow = Insertable<FormsTable>;

export async function insertForms(db: Kysely<Database>, rows: readonly NewFormRow[]): Promise<void> {
  for (const part of chunks(rows, rowsPerInsert(db, 19, 500))) {
    await db.insertInto('forms').values(part).execute();
  }
}

export async function findForm(db: Kysely<Database>, id: number): Promise<FormRow | null> {
  return (await db.selectFrom('forms').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export interface FormQuery {
  roundIds?: readonly number[];
  kind?: FormKind;
  status?: FormStatus;
}

/** Forms in a stable order: by round, department forms before county forms, then by department id or region code. */
export async function findForms(db: Kysely<Database>, query: FormQuery = {}): Promise<FormRow[]> {
  if (query.roundIds !== undefined && query.roundIds.length === 0) return [];
  let q = db.selectFrom('forms').selectAll();
  if (query.roundIds !== undefined) q = q.where('round_id', 'in', [...query.roundIds]);
  if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
  if (query.status !== undefined) q = q.where('status', '=', query.status);
  const rows = await q.execute();
  return rows.sort(
    (a, b) =>
      a.round_id - b.round_id ||
      (a.kind === b.kind ? 0 : a.kind === 'department' ? -1 : 1) ||
      (a.department_id ?? 0) - (b.department_id ?? 0) ||
      (a.region_code < b.region_code ? -1 : a.region_code > b.region_code ? 1 : 0),
  );
}

export type FormTransition = Partial<
  Pick<
    FormRow,
    | 'submitted_at'
    | 'submitted_by'
    | 'submitted_by_name'
    | 'approved_at'
    | 'approved_by'
    | 'approved_by_name'
    | 'returned_at'
    | 'returned_by'
    | 'returned_by_name'
  >
>;

/**
 * Moves a form to `status` if it still has `expectedVersion` (two reviewers acting at once: the second loses);
 * false otherwise.
 */
export async function transitionForm(
  db: Kysely<Database>,
  id: number,
  expectedVersion: number,
  status: FormStatus,
  fields: FormTransition,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('forms')
    .set({ ...fields, status, version: expectedVersion + 1, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type NewReviewComment = Insertable<ReviewCommentsTable>;

export async function insertReviewComments(db: Kysely<Database>, rows: readonly NewReviewComment[]): Promise<void> {
  for (const part of chunks(rows, rowsPerInsert(db, 11, 500))) {
    await db.insertInto('review_comments').values(part).execute();
  }
}

export async function findReviewComments(db: Kysely<Database>, formId: number, options: { openOnly?: boolean } = {}): Promise<ReviewCommentRow[]> {
  let q = db.selectFrom('review_comments').selectAll().where('form_id', '=', formId);
  if (options.openOnly === true) q = q.where('resolved', '=', 0);
  return q.orderBy('id').execute();
}

export async function resolveReviewComments(db: Kysely<Database>, formId: number, at: string): Promise<number> {
  const result = await db
    .updateTable('review_comments')
    .set({ resolved: 1, resolved_at: at })
    .where('form_id', '=', formId)
    .where('resolved', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
