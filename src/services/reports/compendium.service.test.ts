import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { compendiumXlsx, buildCompendium } from './compendium.service.ts';
import { seedReportYear } from './report.test-support.ts';

forEachDialect('statistical compendium', (getDb) => {
  let wb: ExcelJS.Workbook;
  const rowsOf = (ws: ExcelJS.Worksheet): unknown[][] => {
    const out: unknown[][] = [];
    ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };
  const find = (ws: ExcelJS.Worksheet, code: string, region: string, group = '合计'): unknown[] => {
    const row = rowsOf(ws).find((r) => r[0] === code && r[3] === region && r[4] === group);
    expect(row, `${code} ${region} ${group}`).toBeDefined();
    return row!;
  };

  beforeAll(async () => {
    await seedReportYear(getDb());
    const bytes = await compendiumXlsx(await buildCompendium(getDb(), { year: 2024 }));
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  });

  it('has one sheet per domain of both plans and an indicator sheet', () => {
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toMatch(/^妇女1-/);
    expect(names.some((n) => n.startsWith('儿童1-'))).toBe(true);
    expect(names.at(-1)).toBe('指标解释');
    expect(names.every((n) => n.length <= 31)).toBe(true);
  });

  it('lists indicators × regions × disaggregations × years from the approved values', () => {
    const health = wb.worksheets[0]!;
    expect(rowsOf(health)[2]).toEqual(['指标代码', '指标', '单位', '地区', '分组', '2020年', '2021年', '2022年', '2023年', '2024年', '说明']);
    expect(find(health, 'W1.03', '淄博市').slice(1, 10)).toEqual(['孕产妇死亡率', '1/10万', '淄博市', '合计', 10, 9.8, 9.5, 9.3, 9.1]);
    const w117 = find(health, 'W1.17', '淄博市');
    expect(w117[9] as number).toBeCloseTo(70.727, 2);
    expect(w117[10]).toBe('2020、2021、2022、2023、2024年为区县数据汇总');
    expect(find(health, 'W1.17', '博山区').slice(5, 10)).toEqual([50, 52, 54, 56, 58]);
    // A city line is printed even without data.
    expect(find(health, 'W1.05', '淄博市').slice(5, 10)).toEqual(['—', '—', '—', 70, 75]);
    const children = wb.worksheets.find((w) => w.name.startsWith('儿童1-'))!;
    expect(find(children, 'C1.11', '淄博市', '女')[9]).toBe(24);
    expect(find(children, 'C1.11', '淄博市', '男')[9]).toBe(26);
    expect(find(children, 'C1.11', '淄博市', '农村')[9]).toBe(28);
    const order = rowsOf(children).filter((r) => r[0] === 'C1.11').map((r) => r[4]);
    expect(order).toEqual(['合计', '女', '男', '城镇', '农村']);
  });

  it('is set up for print', () => {
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    expect(ws.headerFooter.oddFooter).toContain('&P');
  });
});
