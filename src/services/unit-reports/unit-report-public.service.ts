import type { Kysely } from 'kysely';
import { findRound, findUnitReport, listItems, listRoundRows, listUnitReportRows } from '../../storage/repositories/unit-report.repository.ts';
import type { Database } from '../../storage/schema.ts';
import type { UnitReportRoundRow } from '../../storage/schema/unit-reports.schema.ts';
import { notFound } from '../responsibility/responsibility.errors.ts';
import type { PublishedUnitReport, UnitReportDetail, UnitReportView } from './unit-report.contract.ts';
import { buildDetail, loadExtensions, seriesFacts, toReportView } from './unit-report-views.ts';

/** The public side (no login): published versions only; a draft or submitted report does not exist here. */

/** The office's reason for a unit's extension is internal: the public sees the date only. */
function publicView<T extends UnitReportView>(view: T): T {
  return view.extension === null ? view : { ...view, extension: { dueDate: view.extension.dueDate, reason: '' } };
}

export async function listPublishedUnitReports(db: Kysely<Database>, filter: { year?: number } = {}): Promise<PublishedUnitReport[]> {
  const rounds = await listRoundRows(db, filter);
  const rows = await listUnitReportRows(db, { roundIds: rounds.map((r) => r.id) });
  const facts = seriesFacts(rows);
  const published = rows.filter((r) => r.status === 'published');
  const newestPublished = new Map<string, number>();
  for (const r of published) newestPublished.set(`${r.round_id}|${r.unit_key}`, Math.max(newestPublished.get(`${r.round_id}|${r.unit_key}`) ?? 0, r.version));
  const items = await listItems(db, published.map((r) => r.id));
  const roundOf = new Map(rounds.map((r) => [r.id, r]));
  const extensions = await loadExtensions(db, published.map((r) => r.round_id));
  return published
    .map((r) => ({
      ...publicView(toReportView(r, roundOf.get(r.round_id) as UnitReportRoundRow, facts.get(`${r.round_id}|${r.unit_key}`), items, {}, extensions)),
      superseded: newestPublished.get(`${r.round_id}|${r.unit_key}`) !== r.version,
    }))
    .sort((a, b) => b.year - a.year || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
}

export async function getPublishedUnitReport(db: Kysely<Database>, id: number): Promise<UnitReportDetail> {
  const row = Number.isInteger(id) ? await findUnitReport(db, id) : null;
  if (row === null || row.status !== 'published') throw notFound(`已发布的报告 ${id} `);
  const round = await findRound(db, row.round_id);
  if (round === null) throw notFound(`已发布的报告 ${id} `);
  const detail = await buildDetail(db, row, round, null);
  return { ...publicView(detail), versions: detail.versions.map(publicView) };
}
