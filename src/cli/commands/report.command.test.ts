import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { docxParagraphs, readDocx, seedReportYear } from '../../services/reports/report.test-support.ts';

const run = promisify(execFile);
const FUER = path.resolve(import.meta.dirname, '../../../bin/fuer.js');

forEachDialect('fuer report', (getDb, _dialect, getHandle) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fuer-report-cli-'));
  const fuer = async (args: string[]): Promise<{ stdout: string; stderr: string; code: number }> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [FUER, ...args], { env: { ...process.env, DATABASE_URL: getHandle().url } });
      return { stdout, stderr, code: 0 };
    } catch (err) {
      const e = err as { stdout: string; stderr: string; code: number };
      return e;
    }
  };
  beforeAll(async () => {
    await seedReportYear(getDb());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('report annual writes the Word report of a year, plan and region', async () => {
    const out = path.join(dir, 'out', 'annual-2024.docx');
    const { stdout, code, stderr } = await fuer(['report', 'annual', '--year', '2024', '--plan', 'women', '--region', '370300', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('已生成《淄博市2024年妇女发展规划统计监测报告》');
    const text = docxParagraphs((await readDocx(readFileSync(out))).parts.get('word/document.xml')!);
    expect(text).toContain('2024年，全市孕产妇死亡率为9.1/10万，比上年下降0.2个十万分点，与规划目标差距较大，按现有进度预计难以如期实现。');
  }, 60_000);

  it('report compendium writes the workbook', async () => {
    const out = path.join(dir, 'compendium-2024.xlsx');
    const { stdout, code } = await fuer(['report', 'compendium', '--year', '2024', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain('已生成《淄博市妇女儿童统计资料（2024）》');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0]!.name).toMatch(/^妇女1-/);
  }, 60_000);

  it('report midterm and report final write the evaluation reports', async () => {
    const out = path.join(dir, 'midterm-2023.docx');
    const mid = await fuer(['report', 'midterm', '--year', '2023', '--plan', 'all', '--region', '370300', '--out', out]);
    expect(mid.stderr).toBe('');
    expect(mid.code).toBe(0);
    expect(mid.stdout).toContain('已生成《淄博市“十四五”妇女儿童发展规划中期评估报告》');
    expect(mid.stdout).toMatch(/达标率\d/);
    const text = docxParagraphs((await readDocx(readFileSync(out))).parts.get('word/document.xml')!);
    expect(text).toContain('四、存在的主要问题');
    expect(text.some((t) => t.startsWith('截至2023年，全市纳入评估的'))).toBe(true);
    // The final report defaults to 2025.
    const fin = await fuer(['report', 'final', '--plan', 'children', '--out', path.join(dir, 'final.docx')]);
    expect(fin.code).toBe(0);
    expect(fin.stdout).toContain('已生成《淄博市“十四五”儿童发展规划终期评估报告》');
    const badKindYear = await fuer(['report', 'final', '--year', '25', '--out', path.join(dir, 'f.docx')]);
    expect(badKindYear.stderr).toContain('--year“25”无效');
  }, 300_000);

  it('rejects a bad plan or output name in Chinese', async () => {
    const bad = await fuer(['report', 'annual', '--year', '2024', '--plan', 'men', '--out', path.join(dir, 'x.docx')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--plan“men”无效');
    const ext = await fuer(['report', 'compendium', '--year', '2024', '--out', path.join(dir, 'x.docx')]);
    expect(ext.stderr).toContain('应为 .xlsx 文件');
  }, 60_000);
});
