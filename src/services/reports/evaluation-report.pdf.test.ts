import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import { requireAll } from '../../../test/requirements.ts';
import { IS_DEMO_KEY, setMetadata } from '../../storage/repositories/metadata.repository.ts';
import { evaluationReportDocx } from './evaluation-report.docx.ts';
import { buildEvaluationReport } from './evaluation-report.service.ts';
import { seedReportYear } from './report.test-support.ts';

/** LibreOffice (Debian's libreoffice-writer) and poppler's pdftoppm, or skip — unless FUER_REQUIRE_ALL=1. */
function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir !== '' && existsSync(path.join(dir, cmd))) return path.join(dir, cmd);
  return null;
}
const soffice = which('soffice') ?? which('libreoffice');
const pdftoppm = which('pdftoppm');
const missing = soffice === null ? 'LibreOffice（soffice）' : pdftoppm === null ? 'pdftoppm（poppler-utils）' : null;
if (missing !== null) {
  if (requireAll()) throw new Error(`FUER_REQUIRE_ALL=1，但${missing}未安装：评估报告转 PDF 的测试不能跳过`);
  console.warn(`${missing}未安装：跳过评估报告转 PDF 的测试`);
}

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../screenshots');

describe.skipIf(missing !== null)('the mid-term evaluation report opens in LibreOffice', () => {
  let handle: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    handle = await createTestDatabase('sqlite');
    dir = mkdtempSync(path.join(tmpdir(), 'fuer-evaluation-pdf-'));
    await seedReportYear(handle.db);
    await setMetadata(handle.db, IS_DEMO_KEY, '1');
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('converts the .docx to PDF and renders its pages to PNG', async () => {
    const report = await buildEvaluationReport(handle.db, { kind: 'midterm', year: 2023, plan: 'women' });
    const docx = path.join(dir, 'midterm-2023-women.docx');
    writeFileSync(docx, await evaluationReportDocx(report, { problems: '一是部分指标监测数据不全，数据不足的目标较多。\n二是孕产妇死亡率下降速度低于规划要求。' }));
    // A private profile: a first start writes one, and two conversions must not share it.
    execFileSync(soffice!, ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, docx], {
      timeout: 180_000,
      stdio: 'pipe',
      env: { ...process.env, HOME: dir },
    });
    const pdf = path.join(dir, 'midterm-2023-women.pdf');
    expect(existsSync(pdf)).toBe(true);
    const info = execFileSync(which('pdfinfo') ?? 'pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(6);
    const text = execFileSync(which('pdftotext') ?? 'pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('示例数据');
    expect(text).toContain('中期评估报告');
    expect(text).toContain('总体情况');
    expect(text).toContain('达标有风险');
    expect(text).toContain('无量化目标的主要目标进展');
    expect(text).toContain('孕产妇死亡率下降速度低于规划要求');
    expect(text).toContain('（待撰写）');

    execFileSync(pdftoppm!, ['-png', '-r', '60', '-f', '1', '-l', '5', pdf, path.join(dir, 'page')], { timeout: 60_000 });
    const pngs = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    expect(pngs.length).toBe(5);
    mkdirSync(SCREENSHOTS, { recursive: true });
    pngs.forEach((f, i) => copyFileSync(path.join(dir, f), path.join(SCREENSHOTS, `r1${i + 1}-midterm-report-page${i + 1}.png`)));
  }, 300_000);
});
