import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxParagraphs, readDocx } from '../../services/reports/report.test-support.ts';
import type { RoundOverview } from '../../services/unit-reports/unit-report.contract.ts';
import { useCliSandbox } from '../cli.test-support.ts';
import { addDays } from '../../core/responsibility/dates.ts';
import { todayOf } from '../../services/responsibility/clock.ts';

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

  it('changes the deadline of the round and of one unit, with a reason; refuses a past date and a missing reason', async () => {
    const future = (days: number) => addDays(todayOf(), days);
    const moved = await fuer(['unit-reports', 'deadline', '--year', '2024', '--due', future(30), '--reason', '机构改革，统一延期']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain(`已调整截止日期：由2025-03-31调整为${future(30)}`);
    expect(moved.stdout).toMatch(/部门\t市水利局\t草稿\t—\t未到期\t/);

    const one = await fuer(['unit-reports', 'deadline', '--year', '2024', '--kind', 'annual', '--due', future(45), '--reason', '市水利局申请延期', '--unit', '市水利局', '--json']);
    expect(one.code, one.stderr).toBe(0);
    const overview = JSON.parse(one.stdout) as RoundOverview;
    expect(overview.round.dueDate).toBe(future(30));
    expect(overview.units.find((u) => u.unitName === '市水利局')).toMatchObject({ dueDate: future(45), extension: { dueDate: future(45), reason: '市水利局申请延期' } });
    expect(overview.deadlineChanges.map((c) => [c.userName, c.unitName, c.after])).toEqual([
      ['系统（命令行）', null, future(30)],
      ['系统（命令行）', '市水利局', future(45)],
    ]);
    const status = await fuer(['unit-reports', 'status', '--year', '2024']);
    expect(status.stdout).toContain(`市水利局\t草稿\t—\t未到期（延期至${future(45)}）`);

    const past = await fuer(['unit-reports', 'deadline', '--year', '2024', '--due', '2025-01-01', '--reason', '更正']);
    expect(past.code).not.toBe(0);
    expect(past.stderr).toContain('已经过去');
    const noReason = await fuer(['unit-reports', 'deadline', '--year', '2024', '--due', future(40)]);
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toContain('--reason');
  }, 90_000);

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
