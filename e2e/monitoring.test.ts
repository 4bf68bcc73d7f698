/**
 * Annual monitoring end to end (issue 3): a county reporter fills a form, hits a validation error, fixes it and
 * submits; a reviewer returns one value with a comment; the reporter fixes it and resubmits; the reviewer
 * approves; the city roll-up shows the right number; the audit log shows each step. Also: login redirect,
 * nothing typed lost on reload, the 409 conflict that keeps the user's input, the progress board and unlock.
 *
 * Users come from the CLI (`fuer user add`), the other counties' values from `fuer data import` (approved),
 * the rest of 张店区's form from the API as its reporter; the indicator under test (W1.04 妇女常见病筛查率,
 * a % with 城镇/农村) is typed in the browser.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import type { FormGrid, FormSummary, RegionSummary } from '../web/src/api/types.ts';
import { requireOrSkip } from '../test/requirements.ts';
import type { ApiSession } from './api-session.ts';
import { confirmDialog } from './ant-confirm.ts';
import { screenshot } from './chromium.ts';
import { useBrowserSession } from './browser-session.ts';
import { fillGrid } from './fixtures/form-values.ts';
import { runCli } from './harness.ts';

const UI_TIMEOUT = 15_000;
const ADMIN_PASSWORD = 'Admin2024ok';
const PASSWORDS = { zd: 'Zhangdian2024', zd2: 'Zhangdian2025', rev: 'Review2024ok' } as const;
const COUNTY = '370303'; // 张店区
const INDICATOR = 'W1.04'; // 妇女常见病筛查率 (%, 城镇/农村, numerator and denominator)
const RETURN_COMMENT = '城镇筛查人数与卫健统计年报不符，请核实';

describe.skipIf(requireOrSkip('chromium'))('年度监测数据：填报、校验、审核、汇总、审计（无头 Chromium）', { timeout: 120_000 }, () => {
  const e2e = useBrowserSession(UI_TIMEOUT);
  const { watched } = e2e;
  let admin: ApiSession;
  let formId = 0;
  /** Σ numerators and Σ denominators of W1.04 in the 10 other counties (imported as approved). */
  let others = { numerator: 0, denominator: 0 };
  let dataDir = '';

  beforeAll(async () => {
    await e2e.start({ adminPassword: ADMIN_PASSWORD });
    await e2e.addUser({ username: 'zd', role: 'reporter', region: COUNTY, name: '张店区填报员', password: PASSWORDS.zd });
    await e2e.addUser({ username: 'zd2', role: 'reporter', region: COUNTY, name: '张店区填报员二', password: PASSWORDS.zd2 });
    await e2e.addUser({ username: 'rev', role: 'reviewer', region: '370300', name: '市统计局审核员', password: PASSWORDS.rev });
    admin = await e2e.loginAdmin();
    await admin.call('POST', '/rounds', { year: 2024, dueDate: '2025-03-31' });

    // The other counties' W1.04, approved, through the operators' CSV import.
    const counties = (await admin.get<RegionSummary[]>('/regions?parent=370300')).filter((r) => r.code !== COUNTY);
    expect(counties.length).toBe(10);
    const lines = ['indicator_code,region_code,year,sex,age_group,area,value,numerator,denominator,note'];
    counties.forEach((county, i) => {
      const urban = { numerator: 500 + 7 * i, denominator: 600 + 10 * i };
      const rural = { numerator: 300 + 3 * i, denominator: 400 + 5 * i };
      const total = { numerator: urban.numerator + rural.numerator, denominator: urban.denominator + rural.denominator };
      for (const [area, v] of [['', total], ['城镇', urban], ['农村', rural]] as const) {
        lines.push(`${INDICATOR},${county.code},2024,,,${area},,${v.numerator},${v.denominator},`);
      }
      others = { numerator: others.numerator + total.numerator, denominator: others.denominator + total.denominator };
    });
    dataDir = mkdtempSync(path.join(tmpdir(), 'fuer-e2e-data-'));
    const csv = path.join(dataDir, 'w104-counties-2024.csv');
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const imported = await runCli(e2e.server, ['data', 'import', csv]);
    expect(imported.stdout).toContain('30个数值');

    // 张店区's form: everything but W1.04, as a draft by its reporter.
    const zd = await e2e.login('zd', PASSWORDS.zd);
    const forms = await zd.get<FormSummary[]>('/forms');
    expect(forms.map((f) => f.name)).toEqual(['张店区']);
    formId = forms[0]!.id;
    const grid = await zd.get<FormGrid>(`/forms/${formId}`);
    await zd.call('PUT', `/forms/${formId}/values`, { values: fillGrid(grid, [INDICATOR]) });

  }, 300_000);

  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const { eventually } = e2e;

  const row = (page: Page, cellKey: string, code = INDICATOR): Locator =>
    page.locator(`tr.grid-row[data-indicator="${code}"][data-cell="${cellKey}"]`);
  const field = (page: Page, cellKey: string, name: 'value' | 'numerator' | 'denominator' | 'source' | 'note') =>
    row(page, cellKey).locator(`input[data-field="${name}"]`);

  async function type(page: Page, cellKey: string, values: { value?: string; numerator?: string; denominator?: string }) {
    for (const [name, text] of Object.entries(values) as ['value' | 'numerator' | 'denominator', string][]) {
      await field(page, cellKey, name).fill(text);
    }
  }

  async function openForm(page: Page): Promise<void> {
    await page.goto(`/data-entry/forms/${formId}`);
    await page.locator('.form-grid').waitFor();
    await page.getByLabel('查找指标').fill('妇女常见病筛查率');
    await row(page, '_T').waitFor();
  }

  const formStatus = (page: Page) => page.locator('.form-status').getAttribute('data-status');

  let reporter: Page;
  let reviewer: Page;

  it('未登录打开数据填报时转到登录页，登录后回到原页面，页头显示姓名和角色', async () => {
    const context = await e2e.newContext();
    reporter = await watched.open(context, '/data-entry');
    await reporter.waitForURL(/\/login\?next=/);
    await reporter.locator('.login-card').waitFor();
    await screenshot(reporter, 'm00-login');
    await reporter.getByLabel('用户名').fill('zd');
    await reporter.getByLabel('密码').fill('wrong-password-1');
    watched.allow(/401 POST .*\/api\/auth\/login/, /status of 401/);
    await reporter.locator('.login-submit').click();
    await reporter.locator('.login-error').waitFor();
    expect(await reporter.locator('.login-error').innerText()).toMatch(/用户名或密码/);
    await reporter.getByLabel('密码').fill(PASSWORDS.zd);
    await reporter.locator('.login-submit').click();
    await reporter.waitForURL(/\/data-entry$/);
    const menu = reporter.locator('.user-menu');
    expect(await menu.innerText()).toContain('张店区填报员');
    expect(await menu.locator('.user-menu-role').innerText()).toBe('填报员');
    await reporter.locator('.form-table tbody tr', { hasText: '张店区' }).waitFor();
    expect(await reporter.locator('.page-title').innerText()).toBe('我的报表');
    // The menu's 数据填报 and 评估预警 are open now.
    expect(await reporter.locator('.ant-menu-submenu', { hasText: '数据填报' }).getAttribute('aria-disabled')).not.toBe('true');
    await screenshot(reporter, 'm01-my-forms');
  });

  it('填报员填写报表：即时校验提示占比超过100%，刷新不丢失输入，提交时服务端拒绝，修改后处理保存冲突并提交', async () => {
    await reporter.locator('.form-table').getByRole('link', { name: '张店区' }).click();
    await reporter.waitForURL(/\/data-entry\/forms\/\d+$/);
    await reporter.getByLabel('查找指标').fill('妇女常见病筛查率');
    await row(reporter, '_T').waitFor();
    expect(await row(reporter, '_T').innerText()).toContain('单位：%');

    // An obvious mistake is flagged at once, beside the cell, in Chinese.
    await type(reporter, '_T', { value: '120' });
    const issue = row(reporter, '_T').locator('.grid-issue-error[data-code="out_of_range"]');
    await issue.waitFor();
    expect(await issue.innerText()).toBe('占比为120%，超出允许范围0—100%');
    expect(await field(reporter, '_T', 'value').getAttribute('aria-invalid')).toBe('true');
    expect(await reporter.locator('.unsaved-count').innerText()).toContain('有1项修改尚未保存');
    await screenshot(reporter, 'm02-validation-error');

    // Nothing typed is lost on reload: the edit comes back from the browser's storage.
    await reporter.reload();
    await reporter.locator('.restored-alert').waitFor();
    expect(await reporter.locator('.restored-alert').innerText()).toContain('已恢复您上次未保存的1项修改');
    await reporter.getByLabel('查找指标').fill('妇女常见病筛查率');
    expect(await field(reporter, '_T', 'value').inputValue()).toBe('120');

    // Submitting saves the draft (a draft may hold it) and the server refuses the submission.
    watched.allow(/400 POST .*\/submit/, /status of 400/);
    await reporter.locator('.submit-form').click();
    const refused = reporter.locator('.server-issues');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/报表未提交：有\d+处需要修改或说明/);
    expect(await refused.innerText()).toContain('占比为120%，超出允许范围0—100%');
    expect(await formStatus(reporter)).toBe('draft');

    // The fix: consistent rates, numerators and denominators.
    await type(reporter, '_T', { value: '85', numerator: '850', denominator: '1000' });
    await type(reporter, 'area=城镇', { value: '86.21', numerator: '500', denominator: '580' });
    await type(reporter, 'area=农村', { value: '83.33', numerator: '350', denominator: '420' });
    await eventually(() => reporter.locator(`tr.grid-row[data-indicator="${INDICATOR}"] .grid-issue-error`).count()).toBe(0);

    // Meanwhile a colleague saves the same total: the save is refused and the input stays.
    const zd2 = await e2e.login('zd2', PASSWORDS.zd2);
    const seen = await zd2.get<FormGrid>(`/forms/${formId}`);
    const total = seen.indicators.find((i) => i.code === INDICATOR)!.cells.find((c) => c.cellKey === '_T')!;
    await zd2.call('PUT', `/forms/${formId}/values`, {
      values: [{ indicatorCode: INDICATOR, cellKey: '_T', value: 84, numerator: 840, denominator: 1000, expectedVersion: total.version }],
    });
    watched.allow(/409 PUT .*\/values/, /status of 409/);
    await reporter.locator('.save-draft').click();
    const conflict = reporter.locator('.conflict-alert');
    await conflict.waitFor();
    const conflictText = await conflict.innerText();
    expect(conflictText).toContain('对方已保存为 84%');
    expect(conflictText).toContain('张店区填报员二');
    expect(await field(reporter, '_T', 'value').inputValue()).toBe('85');
    await screenshot(reporter, 'm03-conflict');
    await conflict.getByRole('button', { name: '保留我的输入' }).click();
    await reporter.locator('.save-draft').click();
    await eventually(() => reporter.locator('.unsaved-count').innerText()).toBe('所有修改已保存');
    expect(await reporter.locator('.conflict-alert').count()).toBe(0);

    await reporter.locator('.submit-form').click();
    await eventually(() => formStatus(reporter)).toBe('submitted');
    expect(await field(reporter, '_T', 'value').getAttribute('readonly')).not.toBeNull();
    await screenshot(reporter, 'm04-submitted');
  });

  it('审核员在待审核队列中打开报表，针对一项数据写退回意见并退回', async () => {
    const session = await e2e.login('rev', PASSWORDS.rev);
    reviewer = await e2e.open(session, '/data-entry/review');
    const queue = reviewer.locator('.review-table-submitted tbody tr', { hasText: '张店区' });
    await queue.waitFor();
    await screenshot(reviewer, 'm05-review-queue');
    await queue.locator('.review-open').click();
    await reviewer.waitForURL(/\/data-entry\/forms\/\d+$/);
    await reviewer.getByLabel('查找指标').fill('妇女常见病筛查率');
    await row(reviewer, 'area=城镇').locator('.return-value-button').click();
    await reviewer.getByLabel('退回意见').fill(RETURN_COMMENT);
    await reviewer.locator('.return-popover').getByRole('button', { name: '确定' }).click();
    expect(await row(reviewer, 'area=城镇').locator('.grid-return-draft').innerText()).toContain(RETURN_COMMENT);
    await reviewer.locator('.return-form').click();
    const modal = reviewer.locator('.ant-modal', { hasText: '退回报表' });
    await modal.waitFor();
    expect(await modal.locator('.return-list').innerText()).toContain(RETURN_COMMENT);
    await screenshot(reviewer, 'm06-return');
    await modal.locator('.ant-modal-footer .ant-btn-dangerous').click();
    await eventually(() => formStatus(reviewer)).toBe('returned');
  });

  it('填报员看到退回意见，修改后重新提交', async () => {
    await openForm(reporter);
    expect(await formStatus(reporter)).toBe('returned');
    const comment = row(reporter, 'area=城镇').locator('.grid-comment');
    expect(await comment.innerText()).toContain(RETURN_COMMENT);
    expect(await comment.innerText()).toContain('市统计局审核员');
    await screenshot(reporter, 'm07-returned');
    await type(reporter, 'area=城镇', { value: '87.93', numerator: '510' });
    await type(reporter, '_T', { value: '86', numerator: '860' });
    await eventually(() => reporter.locator(`tr.grid-row[data-indicator="${INDICATOR}"] .grid-issue-error`).count()).toBe(0);
    expect(await reporter.locator('.submit-form').innerText()).toBe('重新提交');
    await reporter.locator('.submit-form').click();
    await eventually(() => formStatus(reporter)).toBe('submitted');
  });

  it('审核员审核通过，数据锁定', async () => {
    await openForm(reviewer);
    expect(await formStatus(reviewer)).toBe('submitted');
    expect(await field(reviewer, 'area=城镇', 'numerator').inputValue()).toBe('510');
    await reviewer.locator('.approve-form').click();
    await confirmDialog(reviewer);
    await eventually(() => formStatus(reviewer)).toBe('approved');
    expect(await row(reviewer, 'area=城镇').locator('.grid-status').getAttribute('data-status')).toBe('approved');
    await screenshot(reviewer, 'm08-approved');
  });

  it('市级汇总由区县已审核数据实时计算：分子合计÷分母合计', async () => {
    await reviewer.goto('/data-entry/rollup?year=2024');
    await reviewer.getByLabel('查找指标').fill('妇女常见病筛查率');
    const line = reviewer.locator('.rollup-table tr.rollup-row', { hasText: INDICATOR });
    await line.waitFor();
    // Σ numerators ÷ Σ denominators: never the average of the county rates.
    await line.locator('.ant-table-row-expand-icon').click();
    const total = reviewer.locator('.rollup-cells tbody tr', { hasText: '合计' });
    expect(await total.innerText()).toContain(`${(860 + others.numerator).toLocaleString('zh-CN')} / ${(1000 + others.denominator).toLocaleString('zh-CN')}`);
    const expected = Number((((860 + others.numerator) / (1000 + others.denominator)) * 100).toFixed(2));
    expect(await line.locator('.rolled-total').innerText()).toBe(`${expected}%`);
    expect(await line.innerText()).toContain('11/11');
    await screenshot(reviewer, 'm09-rollup');
  });

  it('审计日志记录每一步：报表记录与单项数据记录（谁、何时、修改前后、原因）', async () => {
    await openForm(reporter);
    await reporter.getByRole('button', { name: '报表记录' }).click();
    const drawer = reporter.locator('.audit-drawer');
    await drawer.locator('.audit-entry').first().waitFor();
    const actions = await drawer.locator('.audit-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    // Newest first: approve, resubmit, the returned value and the return, submit, …
    const order = ['form.approve', 'form.resubmit', 'value.return', 'form.return', 'form.submit'].map((a) => actions.indexOf(a));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const text = await drawer.innerText();
    expect(text).toContain(RETURN_COMMENT);
    expect(text).toContain('市统计局审核员');
    expect(text).toContain('张店区填报员二');
    await screenshot(reporter, 'm10-form-audit');
    await drawer.locator('.ant-drawer-close').click();

    await row(reporter, 'area=城镇').getByLabel('修改记录').click();
    const valueDrawer = reporter.locator('.audit-drawer');
    await valueDrawer.locator('.audit-entry').first().waitFor();
    const valueText = await valueDrawer.innerText();
    expect(valueText).toContain('修改记录：妇女常见病筛查率（城镇）');
    expect(valueText).toMatch(/分子：\s*500\s*→\s*510/);
    expect(valueText).toContain(`原因/意见：${RETURN_COMMENT}`);
    const valueActions = await valueDrawer.locator('.audit-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(valueActions).toEqual(expect.arrayContaining(['value.insert', 'value.return', 'value.update', 'form.approve']));
    await screenshot(reporter, 'm11-value-audit');
  });

  it('进度看板：张店区已审核通过100%，逾期未报的区县标红并生成催报提醒', async () => {
    const page = await e2e.open(admin, '/data-entry/progress');
    const zhangdian = page.locator('.progress-table tbody tr', { hasText: '张店区' });
    await zhangdian.waitFor();
    expect(await zhangdian.locator('.status-tag').getAttribute('data-status')).toBe('approved');
    expect(await zhangdian.innerText()).toContain('278/278');
    expect(await zhangdian.locator('.ant-progress-indicator').innerText()).toBe('100%');
    // The due date 2025-03-31 has passed: forms still in draft are overdue.
    const overdue = page.locator('.progress-table tbody tr.row-overdue');
    expect(await overdue.count()).toBeGreaterThan(0);
    expect(await overdue.first().locator('.overdue-tag').innerText()).toMatch(/逾期\d+天/);
    expect(await page.locator('.reminders').innerText()).toMatch(/截止日期2025-03-31已过\d+天/);
    await screenshot(page, 'm12-progress');

    // Unlocking needs a reason; the form goes back to its reporter and the roll-up stops counting it.
    await page.goto(`/data-entry/forms/${formId}`);
    await page.getByRole('button', { name: '解锁' }).click();
    const modal = page.locator('.ant-modal', { hasText: '解锁已审核通过的数据' });
    await modal.getByLabel('解锁原因').fill('卫健委更正了城镇人口口径');
    await modal.locator('.ant-modal-footer .ant-btn-dangerous').click();
    await eventually(() => formStatus(page)).toBe('returned');
    const rollup = await admin.get<{ indicators: { cells: { cellKey: string; rolled: number | null }[] }[] }>(`/rollup?year=2024&indicator=${INDICATOR}`);
    expect(rollup.indicators[0]!.cells.find((c) => c.cellKey === '_T')!.rolled).toBeNull();
  });

  /** Rewrites one cell of a downloaded template: the row of indicator × 分组, the column by its header text. */
  async function editTemplate(file: string, out: string, cell: { code: string; group: string; column: string; value: string | number }) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('填报')!;
    let header = 0;
    const columns = new Map<string, number>();
    sheet.eachRow((row, n) => {
      if (header) return;
      row.eachCell((c, col) => columns.set(String(c.value), col));
      if (columns.has('指标代码') && columns.has('本年数值')) header = n;
      else columns.clear();
    });
    let target = 0;
    sheet.eachRow((row, n) => {
      if (n > header && row.getCell(columns.get('指标代码')!).value === cell.code && row.getCell(columns.get('分组')!).value === cell.group) target = n;
    });
    expect(target).toBeGreaterThan(0);
    sheet.getRow(target).getCell(columns.get(cell.column)!).value = cell.value;
    writeFileSync(out, Buffer.from(await book.xlsx.writeBuffer()));
    return target;
  }

  it('Excel：下载模板，上传有错误的文件时列出工作表、行、列和原因且不改任何数据，修正后上传成功', async () => {
    // After the unlock the form is back with its reporter.
    await openForm(reporter);
    expect(await formStatus(reporter)).toBe('returned');
    const [download] = await Promise.all([reporter.waitForEvent('download'), reporter.locator('.download-template').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const original = path.join(dataDir, 'template.xlsx');
    await download.saveAs(original);

    const wrong = path.join(dataDir, 'template-120.xlsx');
    const row = await editTemplate(original, wrong, { code: INDICATOR, group: '城镇', column: '本年数值', value: 120 });
    watched.allow(/400 POST .*\/upload/, /status of 400/);
    await reporter.locator('.upload-input').setInputFiles(wrong);
    const rejection = reporter.locator('.upload-rejection');
    await rejection.locator('.ant-table-row').first().waitFor();
    const listed = await rejection.innerText();
    expect(listed).toContain('整个文件未导入');
    expect(listed).toContain('填报');
    expect(listed).toContain(String(row));
    expect(listed).toMatch(/120/);
    await screenshot(reporter, 'm13-excel-rejected');
    await rejection.getByRole('button', { name: '知道了' }).click();
    expect(await field(reporter, 'area=城镇', 'value').inputValue()).toBe('87.93');

    const right = path.join(dataDir, 'template-source.xlsx');
    await editTemplate(original, right, { code: INDICATOR, group: '城镇', column: '数据来源', value: '妇幼卫生年报（Excel）' });
    await reporter.locator('.upload-input').setInputFiles(right);
    await eventually(() => field(reporter, 'area=城镇', 'source').inputValue()).toBe('妇幼卫生年报（Excel）');
    expect(await field(reporter, 'area=城镇', 'value').inputValue()).toBe('87.93');
  });
});
