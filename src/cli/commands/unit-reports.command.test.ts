import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { RoundOverview } from '../../services/unit-reports/unit-report.contract.ts';

const run = promisify(execFile);
const FUER = path.resolve(import.meta.dirname, '../../../bin/fuer.js');
const dir = mkdtempSync(path.join(tmpdir(), 'fuer-unit-reports-cli-'));
const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}`, FUER_SMTP_URL: '' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fuer(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [FUER, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('fuer unit-reports', () => {
  it('opens a round and prints who has submitted; refuses a second round and a bad kind', async () => {
    const opened = await fuer(['unit-reports', 'open', '--year', '2024', '--kind', 'annual', '--due', '2025-03-31', '--json']);
    expect(opened.code, opened.stderr).toBe(0);
    const overview = JSON.parse(opened.stdout) as RoundOverview;
    expect(overview.round).toMatchObject({ year: 2024, kind: 'annual', dueDate: '2025-03-31' });
    const departments = overview.units.filter((u) => u.unitKind === 'department');
    expect(departments.length).toBe(44);
    expect(overview.units.some((u) => u.unitName === '张店区')).toBe(true);

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
  });
});
