import type { Kysely } from 'kysely';
import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import { DEMO_DATA_LABEL } from '../../core/reports/annual-report.compose.ts';
import type { UnitReportKind } from '../../core/unit-reports/unit-report.types.ts';
import { UNIT_REPORT_KIND_LABELS } from '../../core/unit-reports/unit-report.types.ts';
import { domainsOf } from '../../storage/repositories/evaluation.repository.ts';
import { isDemoDatabase } from '../../storage/repositories/metadata.repository.ts';
import { findRoundOf, listUnitReportRows } from '../../storage/repositories/unit-report.repository.ts';
import type { Database } from '../../storage/schema.ts';
import { notFound } from '../responsibility/responsibility.errors.ts';
import { getPublishedUnitReport } from './unit-report-public.service.ts';
import type { UnitReportDetail } from './unit-report.contract.ts';
import { unitReportDocx, unitReportFileName } from './unit-report.docx.ts';
import { getUnitReport } from './unit-report.service.ts';

export interface UnitReportExport {
  report: UnitReportDetail;
  fileName: string;
  bytes: Buffer;
}

/** The city plans' domain titles keyed `${planKind}|${ord}`. */
async function domainTitles(db: Kysely<Database>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const d of (await domainsOf(db, CITY_REGION_CODE)).values()) if (!out.has(`${d.planKind}|${d.ord}`)) out.set(`${d.planKind}|${d.ord}`, d.title);
  return out;
}

/** The report as Word; `actor` null: the public export (published versions only, 404 otherwise). Same access as reading it. */
export async function exportUnitReportDocx(db: Kysely<Database>, actor: Actor | null, id: number): Promise<UnitReportExport> {
  const report = actor === null ? await getPublishedUnitReport(db, id) : await getUnitReport(db, actor, id);
  const bytes = await unitReportDocx(report, { domainTitles: await domainTitles(db), dataLabel: (await isDemoDatabase(db)) ? DEMO_DATA_LABEL : null });
  return { report, fileName: unitReportFileName(report), bytes };
}

/**
 * The id of a unit's report in the round of a year and kind: the unit by name (市水利局, 张店区), department id or
 * region code; the newest version unless `version` is given.
 */
export async function findUnitReportId(db: Kysely<Database>, query: { year: number; kind: UnitReportKind; unit: string; version?: number }): Promise<number> {
  const round = await findRoundOf(db, query.year, query.kind);
  if (round === null) throw notFound(`${query.year}年${UNIT_REPORT_KIND_LABELS[query.kind]}报告轮次`);
  const unit = query.unit.trim();
  const rows = (await listUnitReportRows(db, { roundId: round.id })).filter(
    (r) => r.unit_name === unit || (r.unit_kind === 'department' ? String(r.department_id) === unit : r.region_code === unit),
  );
  const chosen = query.version === undefined ? rows[0] : rows.find((r) => r.version === query.version);
  if (chosen === undefined) throw notFound(`${unit}的${query.year}年${UNIT_REPORT_KIND_LABELS[query.kind]}报告${query.version === undefined ? '' : `第${query.version}版`}`);
  return chosen.id;
}
