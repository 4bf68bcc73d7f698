import type { Kysely } from 'kysely';
import { findRound, findUnitReport, listItems, listRoundRows, listUnitReportRows } from '../../storage/repositories/unit-report.repository.ts';
import type { Database } from '../../storage/schema.ts';
import type { UnitReportRoundRow } from '../../storage/schema/unit-reports.schema.ts';
import { notFound } from '../responsibility/responsibility.errors.ts';
import type { PublishedUnitReport, UnitReportDetail } from './unit-report.contract.ts';
import { buildDetail, seriesFacts, toReportView } from './unit-report-views.ts';

/** The public side (no login): published versions only; a draft or submitted report does not exist here. */

export async function listPublishedUnitReports(db: Kysely<Database>, filter: { year?: number } = {}): Promise<PublishedUnitReport[]> {
  const rounds = await listRoundRows(db, filter);
  const rows = await listUnitReportRows(db, { roundIds: rounds.map((r) => r.id) });
  const facts = seriesFacts(rows);
  const published = rows.filter((r) => r.status === 'published');
  const newestPublished = new Map<string, number>();
  for (const r of published) newestPublished.set(`${r.round_id}|${r.unit_key}`, Math.max(newestPublished.get(`${r.round_id}|${r.unit_key}`) ?? 0, r.version));
  const items = await listItems(db, published.map((r) => r.id));
  const roundOf = new Map(rounds.map((r) => [r.id, r]));
  return published
    .map((r) => ({
      ...toReportView(r, roundOf.get(r.round_id) as UnitReportRoundRow, facts.get(`${r.round_id}|${r.unit_key}`), items),
      superseded: newestPublished.get(`${r.round_id}|${r.unit_key}`) !== r.version,
    }))
    .sort((a, b) => b.year - a.year || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
}

export async function getPublishedUnitReport(db: Kysely<Database>, id: number): Promise<UnitReportDetail> {
  const row = Number.isInteger(id) ? await findUnitReport(db, id) : null;
  if (row === null || row.status !== 'published') throw notFound(`已发布的报告 ${id} `);
  const round = await findRound(db, row.round_id);
  if (round === null) throw notFound(`已发布的报告 ${id} `);
  return buildDetail(db, row, round, null);
}
