import type { ReportVersionView } from '../../api/reports.types.ts';

/** A report series as one row: its newest version, the earlier versions under it (newest first). */
export type SeriesRow<V extends ReportVersionView = ReportVersionView> = V & { earlier?: SeriesRow<V>[] };

/**
 * Versions grouped by series (kind, year, plan, region): each series is its newest version, in the order its
 * newest version first appears in `versions`; the older ones follow under `earlier`, or nothing when alone.
 */
export function groupSeries<V extends ReportVersionView>(versions: readonly V[]): SeriesRow<V>[] {
  const bySeries = new Map<string, V[]>();
  for (const v of versions) {
    const list = bySeries.get(v.seriesKey);
    if (list) list.push(v);
    else bySeries.set(v.seriesKey, [v]);
  }
  const rows: SeriesRow<V>[] = [];
  for (const list of bySeries.values()) {
    const [newest, ...older] = [...list].sort((a, b) => b.version - a.version);
    if (!newest) continue;
    rows.push(older.length > 0 ? { ...newest, earlier: older.map((o) => ({ ...o })) } : { ...newest });
  }
  return rows;
}
