import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { PlanKind } from '../../core/plan/plan.types.ts';
import { DEMO_DATA_LABEL } from '../../core/reports/annual-report.compose.ts';
import { approvedCellsOfYear, approvedTotals, domainsOf } from '../../storage/repositories/evaluation.repository.ts';
import { listIndicatorDefinitions } from '../../storage/repositories/indicator.repository.ts';
import { isDemoDatabase } from '../../storage/repositories/metadata.repository.ts';
import type { Database } from '../../storage/schema.ts';
import { invalidInput } from '../evaluation/evaluation.errors.ts';
import { CityTree, buildRegionSeries } from '../evaluation/region-series.ts';

/**
 * The annual statistical compendium (年度妇女儿童统计资料): one sheet per domain of each plan, every indicator of the
 * domain × region (the city, then its counties and zones) × disaggregation (total, by sex, by area, by age group)
 * × year, from the approved values; the city's total is its own reported value or, failing that, the counties'
 * roll-up (noted). Set up for print: A4 landscape, fit to the page width, header rows repeated.
 */

export interface CompendiumQuery {
  year: number;
  /** First year of the columns; default 2020 (the plans' base year). */
  fromYear?: number;
  plan?: PlanKind | 'all';
}

/** One line of a sheet: an indicator in a region, total or one disaggregation. */
export interface CompendiumLine {
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  regionCode: string;
  regionName: string;
  /** 合计, 女, 男, 城镇, 农村, or an age group. */
  group: string;
  values: Map<number, number>;
  note: string;
}

export interface CompendiumSheet {
  name: string;
  planKind: PlanKind;
  domainOrd: number;
  title: string;
  lines: CompendiumLine[];
}

export interface Compendium {
  year: number;
  years: number[];
  title: string;
  demo: boolean;
  sheets: CompendiumSheet[];
  definitions: IndicatorDefinition[];
}

const PLAN_SHORT: Record<PlanKind, string> = { women: '妇女', children: '儿童' };

function groupOf(row: { sex: string; age_group: string; area: string }): string | null {
  const parts = [row.sex, row.area, row.age_group].filter((p) => p !== '');
  if (parts.length === 0) return '合计';
  // One-way disaggregations only: a cross (女 × 农村) is not a line of the printed tables.
  return parts.length === 1 ? parts[0]! : null;
}

const GROUP_ORDER = ['合计', '女', '男', '城镇', '农村'];
const groupRank = (g: string): number => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);

export async function buildCompendium(db: Kysely<Database>, query: CompendiumQuery): Promise<Compendium> {
  const { year } = query;
  const fromYear = query.fromYear ?? 2020;
  if (!Number.isInteger(year) || year < 1990 || year > 2100 || fromYear > year) throw invalidInput(`统计资料年度“${year}”无效`);
  const years = Array.from({ length: year - fromYear + 1 }, (_, i) => fromYear + i);
  const tree = await CityTree.load(db);
  const regions = tree.regionsIn(year);
  const regionOrder = new Map(regions.map((r, i) => [r.code, i] as const));
  const definitions = (await listIndicatorDefinitions(db)).filter((d) => query.plan === undefined || query.plan === 'all' || d.plan === query.plan);
  const domains = await domainsOf(db, CITY_REGION_CODE);

  const sheets: CompendiumSheet[] = [];
  const ordered = [...domains.values()].sort((a, b) => (a.planKind === b.planKind ? a.ord - b.ord : a.planKind === 'women' ? -1 : 1));
  for (const domain of ordered) {
    const indicators = definitions.filter((d) => d.plan === domain.planKind && d.domain === domain.ord);
    if (indicators.length === 0) continue;
    const lines: CompendiumLine[] = [];
    for (const indicator of indicators) {
      const byKey = new Map<string, CompendiumLine>();
      const line = (regionCode: string, group: string): CompendiumLine => {
        const key = `${regionCode}|${group}`;
        let l = byKey.get(key);
        if (l === undefined) {
          byKey.set(key, (l = { indicatorCode: indicator.code, indicatorName: indicator.name, unit: indicator.unit, regionCode, regionName: tree.name(regionCode), group, values: new Map(), note: '' }));
        }
        return l;
      };
      // Totals with the city's roll-up; the city's total line is always printed.
      const series = buildRegionSeries(indicator, await approvedTotals(db, { indicatorCode: indicator.code, toYear: year }), tree);
      line(CITY_REGION_CODE, '合计');
      for (const [code, s] of series) {
        if (!regionOrder.has(code)) continue;
        const l = line(code, '合计');
        for (const p of s.points) if (p.year >= fromYear) l.values.set(p.year, p.value);
        const rolled = [...s.sources.entries()].filter(([y, src]) => src === 'rollup' && y >= fromYear).map(([y]) => y);
        if (rolled.length > 0) l.note = `${rolled.join('、')}年为区县数据汇总`;
      }
      for (const y of years) {
        for (const row of await approvedCellsOfYear(db, { indicatorCode: indicator.code, year: y })) {
          const group = groupOf(row);
          if (group === null || group === '合计' || row.value === null || !regionOrder.has(row.region_code)) continue;
          line(row.region_code, group).values.set(y, row.value);
        }
      }
      lines.push(
        ...[...byKey.values()].sort(
          (a, b) => regionOrder.get(a.regionCode)! - regionOrder.get(b.regionCode)! || groupRank(a.group) - groupRank(b.group) || a.group.localeCompare(b.group, 'zh'),
        ),
      );
    }
    sheets.push({ name: `${PLAN_SHORT[domain.planKind]}${domain.ord}-${domain.title}`.slice(0, 31), planKind: domain.planKind, domainOrd: domain.ord, title: domain.title, lines });
  }
  return { year, years, title: `淄博市妇女儿童统计资料（${year}）`, demo: await isDemoDatabase(db), sheets, definitions };
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
const FONT = '宋体';

/** The compendium as an .xlsx workbook (bytes). */
export async function compendiumXlsx(c: Compendium): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '淄博市统计局';
  wb.title = c.title;
  const label = c.demo ? `【${DEMO_DATA_LABEL}】` : '';
  const headerRow = 3;
  for (const sheet of c.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', xSplit: 5, ySplit: headerRow }],
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${headerRow}:${headerRow}`,
        margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddHeader: `&C${label}&"${FONT},Bold"${c.title}　${sheet.title}`, oddFooter: '&C第 &P 页，共 &N 页' },
    });
    const columns = ['指标代码', '指标', '单位', '地区', '分组', ...c.years.map((y) => `${y}年`), '说明'];
    ws.columns = columns.map((_, i) => ({ width: i === 1 ? 34 : i === columns.length - 1 ? 28 : i === 3 ? 12 : i < 5 ? 8 : 10 }));
    ws.mergeCells(1, 1, 1, columns.length);
    const title = ws.getCell(1, 1);
    title.value = `${label}${PLAN_SHORT[sheet.planKind]}发展规划 · ${sheet.title}`;
    title.font = { name: FONT, size: 14, bold: true, ...(c.demo ? {} : {}) };
    title.alignment = { horizontal: 'center' };
    ws.mergeCells(2, 1, 2, columns.length);
    ws.getCell(2, 1).value = `资料年度：${c.year}年；数据为审核通过的监测数据${c.demo ? '；本表为示例数据，不代表真实统计结果' : ''}`;
    ws.getCell(2, 1).font = { name: FONT, size: 10, ...(c.demo ? { color: { argb: 'FFC00000' } } : {}) };
    const head = ws.getRow(headerRow);
    head.values = columns;
    head.eachCell((cell) => {
      cell.font = { name: FONT, bold: true, size: 10 };
      cell.fill = HEADER_FILL;
      cell.border = THIN;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    for (const l of sheet.lines) {
      const row = ws.addRow([l.indicatorCode, l.indicatorName, l.unit, l.regionName, l.group, ...c.years.map((y) => l.values.get(y) ?? null), l.note]);
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.border = THIN;
        cell.font = { name: FONT, size: 10 };
        if (col > 5 && col <= 5 + c.years.length) {
          cell.numFmt = '0.0#';
          cell.alignment = { horizontal: 'right' };
          if (cell.value === null) cell.value = '—';
        }
      });
    }
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };
  }

  const notes = wb.addWorksheet('指标解释', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' } });
  notes.columns = [{ header: '指标代码', width: 10 }, { header: '指标', width: 34 }, { header: '单位', width: 10 }, { header: '报送部门', width: 18 }, { header: '指标解释', width: 90 }];
  notes.getRow(1).eachCell((cell) => {
    cell.font = { name: FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
  for (const d of c.definitions) {
    const row = notes.addRow([d.code, d.name, d.unit, d.department, d.definition]);
    row.eachCell((cell) => {
      cell.border = THIN;
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
