import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxParagraphs, readDocx } from '../../services/reports/report.test-support.ts';
import type { RoundOverview } from '../../services/unit-reports/unit-report.contract.ts';
import { useCliSandbox } from '../cli.test-support.ts';

const { fuer, dir } = useCliSandbox('fuer-unit-reports-cli-');

describe('fuer unit-reports', () => {
  let zhangdianId = 0;
  it('opens a round and prints who has submitted; refuses a second round and a bad kind', async () => {
    const opened = await fuer(['unit-reports', 'open', '--year', '2024', '--kind', 'annual', '--due', '2025-03-31', '--json']);
    expect(opened.code, opened.stderr).toBe(0);
    const overview = JSON.parse(opened.stdout) as RoundOverview;
    expect(overview.round).toMatchObject({ year: 2024, kind: 'annual', dueDate: '2025-03-31' });
    const departments = overview.units.filter((u) => u.unitKind === 'department');
    expect(departments.length).toBe(44);
    zhangdianId = overview.units.find((u) => u.unitName === '张店区')?.id ?? 0;
    expect(zhangdianId).toBeGreaterThan(0);

    const status = await fuer(['unit-reports', 'status', '--year', '2024']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(`共${overview.units.length}个单位，已报送0`);
    expect(status.stdout).toMatch(/部门\t市水利局\t草稿\t—\t(未到期|已逾期未报送)/);

    const again = await fuer(['unit-reports', 'open', '--year', '2024', '--due', '2025-04-30']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('已发起');
    const bad = await fuer(['unit-reports', 'status', '--year', '2024', '--kind', 'weekly']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--kind“weekly”无效');
  }, 90_000); // five CLI runs, each seeding or opening the database: slow on a shared machine

  it('exports a unit report as Word by year and unit, and by id; explains a missing unit', async () => {
    const out = path.join(dir, '水利局.docx');
    const byUnit = await fuer(['unit-reports', 'export', '--year', '2024', '--unit', '市水利局', '--out', out]);
    expect(byUnit.code, byUnit.stderr).toBe(0);
    expect(byUnit.stdout).toContain('已导出：市水利局2024年度妇女儿童发展规划落实情况和2025年工作安排（草稿，第1版');
    const text = docxParagraphs((await readDocx(readFileSync(out))).parts.get('word/document.xml') ?? '');
    expect(text[0]).toBe('市水利局2024年度妇女儿童发展规划落实情况和2025年工作安排');
    expect(text).toContain('二、目标任务落实情况');
    expect(text).toContain('进展：未评估');
    expect(text.filter((t) => t.startsWith('主要目标：')).length).toBeGreaterThan(0);

    const byId = await fuer(['unit-reports', 'export', '--id', String(zhangdianId), '--out', path.join(dir, 'zd.docx')]);
    expect(byId.code, byId.stderr).toBe(0);
    expect(byId.stdout).toContain('张店区2024年度');

    const missing = await fuer(['unit-reports', 'export', '--year', '2024', '--unit', '市不存在局', '--out', path.join(dir, 'x.docx')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('市不存在局的2024年');
    const noTarget = await fuer(['unit-reports', 'export', '--out', path.join(dir, 'y.docx')]);
    expect(noTarget.code).not.toBe(0);
    expect(noTarget.stderr).toContain('--id');
  }, 90_000);
});
