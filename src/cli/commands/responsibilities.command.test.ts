import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seedGoalsOf } from '../../services/responsibility/responsibility.test-support.ts';
import { useCliSandbox } from '../cli.test-support.ts';

const { dir, fuer } = useCliSandbox('fuer-resp-cli-');

describe('fuer responsibilities', () => {
  it('prints the department’s goals by their numbers, accepting an alias', async () => {
    const { stdout, code, stderr } = await fuer(['responsibilities', '--department', '市卫健委', '--json']);
    expect(code, stderr).toBe(0);
    const list = JSON.parse(stdout) as { department: string; lead: { plan: string; domain: number; goal: number }[]; responsible: { plan: string; domain: number; goal: number }[] };
    const expected = seedGoalsOf('市卫生健康委');
    expect(list.department).toBe('市卫生健康委');
    expect(list.lead.map(({ plan, domain, goal }) => ({ plan, domain, goal }))).toEqual(expected.lead);
    expect(list.responsible.map(({ plan, domain, goal }) => ({ plan, domain, goal }))).toEqual(expected.responsible);
  }, 90_000); // the first CLI run creates and seeds the database: slow on a shared machine

  it('exports to .xlsx and .docx files, and refuses an unknown department', async () => {
    const xlsx = path.join(dir, '市妇联.xlsx');
    const docx = path.join(dir, '市妇联.docx');
    const { code, stderr } = await fuer(['responsibilities', '--department', '市妇联', '--xlsx', xlsx, '--docx', docx]);
    expect(code, stderr).toBe(0);
    expect(existsSync(docx)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const expected = seedGoalsOf('市妇联');
    expect(wb.getWorksheet('主要目标')?.rowCount).toBe(1 + expected.lead.length + expected.responsible.length);
    const unknown = await fuer(['responsibilities', '--department', '市某某局', '--json']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('错误：单位“市某某局”不存在\n');
  }, 90_000);

  it('lists county plan filing and reminds without e-mail when no SMTP server is configured', async () => {
    const status = await fuer(['county-plans', 'status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('张店区\t妇女发展规划\t未建立');
    const issued = await fuer(['tasks', 'issue-annual-reports', '--year', '2024', '--due', '2025-01-31']);
    expect(issued.stdout).toMatch(/^新布置\d+项，已有0项\n$/);
    const remind = await fuer(['tasks', 'remind', '--json']);
    expect(remind.code, remind.stderr).toBe(0);
    expect(remind.stderr).toContain('未配置 FUER_SMTP_URL：不发送邮件提醒');
    expect(JSON.parse(remind.stdout)).toMatchObject({ transport: 'none', sent: 0 });
    const overdue = await fuer(['tasks', 'list', '--overdue', '--department', '市教育局']);
    expect(overdue.stdout).toMatch(/^2025-01-31\t已逾期\t年度报告\t市教育局\t报送2024年度规划落实情况和2025年工作安排/);
  }, 90_000); // four CLI runs
});
