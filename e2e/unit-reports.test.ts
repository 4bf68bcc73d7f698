/**
 * A department's annual report end to end (issue 5, items 4 and 5): the office opens the 2024 annual round in the
 * browser; the water bureau's reporter (created with `fuer user add`) fills its report per goal — an unsaved edit
 * survives a reload — saves, and submits; the office sees it as submitted and returns it with a comment; the
 * department sees the comment, fixes and resubmits; the office approves and publishes; a fresh browser without login
 * finds the published report on /public/unit-reports with its text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TaskView } from '../src/services/responsibility/responsibility.contract.ts';
import type { PublishedUnitReport, RoundOverview, UnitReportDetail } from '../src/services/unit-reports/unit-report.contract.ts';
import { requireOrSkip } from '../test/requirements.ts';
import type { ApiSession } from './api-session.ts';
import { confirmDialog } from './ant-confirm.ts';
import { screenshot } from './chromium.ts';
import { useBrowserSession } from './browser-session.ts';
import { chooseOption } from './ant-select.ts';

const UI_TIMEOUT = 20_000;
const ADMIN_PASSWORD = 'Office2024ok';
const WATER_PASSWORD = 'Shuili2024ok';
const DUE = '2099-03-31';
const TITLE = '市水利局2024年度妇女儿童发展规划落实情况和2025年工作安排';
const OVERVIEW = '2024年，市水利局围绕农村饮水安全，推进城乡供水一体化。';
const UNSAVED = '（草稿内容，刷新后不应丢失）';
const FIXED = '2024年，市水利局完成农村供水工程12处，受益人口3.2万人。';
const RETURN_COMMENT = '请补充农村供水工程的具体数量和受益人口。';
const EXTENDED = '2099-04-30';
const EXTENSION_REASON = '张店区妇儿工委换届，申请延期一个月';

describe.skipIf(requireOrSkip('chromium'))('部门年度报告：填报、退回、重新提交、审定、发布、公开（无头 Chromium）', { timeout: 120_000 }, () => {
  const e2e = useBrowserSession(UI_TIMEOUT);
  let admin: ApiSession;
  let water: ApiSession;
  let office: Page;
  let dept: Page;
  let reportId = 0;

  beforeAll(async () => {
    await e2e.start({ adminPassword: ADMIN_PASSWORD });
    const added = await e2e.addUser({ username: 'slj', role: 'reporter', department: '市水利局', name: '水利局填报员', password: WATER_PASSWORD });
    expect(added.code, added.stderr).toBe(0);
    admin = await e2e.loginAdmin();
    water = await e2e.login('slj', WATER_PASSWORD);
  }, 300_000);

  const { eventually } = e2e;
  const status = (page: Page) => page.locator('.page-header .unit-report-status').getAttribute('data-status');
  const choose = (page: Page, label: string, option: string) => chooseOption(page, page.getByLabel(label, { exact: true }), option);

  it('办公室在网页上发起2024年度报告轮次：每个责任部门和区县一份报告', async () => {
    office = await e2e.open(admin, '/reports/unit-reports');
    await office.locator('.open-round').waitFor();
    await office.locator('.open-round').click();
    await office.getByLabel('报告年度', { exact: true }).fill('2024');
    await office.getByLabel('截止日期', { exact: true }).fill(DUE);
    await office.locator('.open-round-ok').click();
    const row = office.locator('.unit-report-table tr', { has: office.locator('.unit-report-link[data-unit="市水利局"]') });
    await row.waitFor();
    expect(await row.locator('.unit-report-status').getAttribute('data-status')).toBe('draft');
    expect(await row.innerText()).toContain('0/2');
    const overview = await admin.get<RoundOverview>('/unit-reports/overview?year=2024&kind=annual');
    expect(overview.round.dueDate).toBe(DUE);
    expect(overview.units.some((u) => u.unitName === '张店区')).toBe(true);
    reportId = overview.units.find((u) => u.unitName === '市水利局')!.id;
    await screenshot(office, 'ur01-round-opened');
  });

  it('水利局填报员只看到本单位的报告，逐项填写；未保存的修改刷新后仍在；保存草稿并提交', async () => {
    dept = await e2e.open(water, '/reports/unit-reports');
    const links = dept.locator('.unit-report-link');
    await links.first().waitFor();
    expect(await links.count()).toBe(1);
    await links.first().click();
    await dept.waitForURL(new RegExp(`/reports/unit-reports/${reportId}$`));
    await dept.locator('.unit-report-item').first().waitFor();
    expect(await dept.locator('.page-title').innerText()).toBe(TITLE);
    const items = dept.locator('.unit-report-item');
    expect(await items.count()).toBe(2);

    await dept.getByLabel('总体情况', { exact: true }).fill(OVERVIEW + UNSAVED);
    await dept.reload();
    await dept.getByLabel('总体情况', { exact: true }).waitFor();
    expect(await dept.getByLabel('总体情况', { exact: true }).inputValue()).toBe(OVERVIEW + UNSAVED);
    await dept.getByLabel('总体情况', { exact: true }).fill(OVERVIEW);

    const goals = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-goal') ?? ''));
    for (const [i, goal] of goals.entries()) {
      const [plan, domain, number] = goal.split('/');
      const label = `${plan === 'women' ? '妇女' : '儿童'}规划领域${domain}目标${number}`;
      await choose(dept, `进展评估-${label}`, i === 0 ? '已实现' : '稳步推进');
      await dept.getByLabel(`工作开展情况-${label}`, { exact: true }).fill(`目标${number}：落实农村供水保障措施。`);
    }
    await dept.getByLabel('下一年工作安排', { exact: true }).fill('2025年继续推进农村供水提升工程。');
    await dept.locator('.save-draft').click();
    await eventually(async () => (await water.get<UnitReportDetail>(`/unit-reports/${reportId}`)).overview).toBe(OVERVIEW);
    const saved = await water.get<UnitReportDetail>(`/unit-reports/${reportId}`);
    expect(saved.items.map((i) => i.progress)).toEqual(['achieved', 'in_progress']);
    await screenshot(dept, 'ur02-department-form');

    await dept.locator('.submit-report').click();
    await eventually(() => status(dept)).toBe('submitted');
    expect(await dept.locator('textarea').count()).toBe(0);
    expect(await dept.locator('.unit-report-overview').innerText()).toContain(OVERVIEW);
  });

  it('提交后办公室的任务列表出现“审核”任务（部门看不到），点击“去审核”打开该报告', async () => {
    const reviews = await admin.get<TaskView[]>(`/tasks?sourceType=unit_report_review&sourceId=${reportId}`);
    expect(reviews).toHaveLength(1);
    const review = reviews[0]!;
    expect(review).toMatchObject({ title: `审核：${TITLE}`, status: 'open', owner: { label: '市妇儿工委办公室' } });
    expect((await water.get<TaskView[]>('/tasks')).some((t) => t.id === review.id)).toBe(false);
    await office.goto(`${e2e.server.baseUrl}/responsibility/tasks`);
    await chooseOption(office, office.locator('.filter-owner').getByRole('combobox'), '市妇儿工委办公室（审核等本办事项）', { search: true });
    const row = office.locator(`.task-table tr[data-task-id="${review.id}"]`);
    await row.waitFor();
    expect(await row.locator('.task-title').innerText()).toBe(`审核：${TITLE}`);
    await screenshot(office, 'ur03a-office-review-task');
    await row.locator('.task-link').click();
    await office.waitForURL(new RegExp(`/reports/unit-reports/${reportId}$`));
    await office.goto(`${e2e.server.baseUrl}/reports/unit-reports`);
  });

  it('办公室看到已报送，填写意见退回；部门看到意见，修改后重新提交', async () => {
    await office.reload();
    const row = office.locator('.unit-report-table tr', { has: office.locator('.unit-report-link[data-unit="市水利局"]') });
    await eventually(() => row.locator('.unit-report-status').getAttribute('data-status')).toBe('submitted');
    expect(await row.locator('.unit-report-lateness').getAttribute('data-lateness')).toBe('on_time');
    expect(await office.locator('.round-summary').innerText()).toMatch(/已报送\s*1/);
    await row.locator('.unit-report-link').click();
    await office.waitForURL(new RegExp(`/reports/unit-reports/${reportId}$`));
    // The office reviews; it does not write the department's text.
    expect(await office.locator('textarea').count()).toBe(0);
    await office.locator('.return-report').click();
    await office.locator('.text-modal-input').fill(RETURN_COMMENT);
    await office.locator('.text-modal-ok').click();
    await eventually(() => status(office)).toBe('returned');

    await dept.reload();
    await dept.locator('.unit-report-comment[data-stage="returned"]').waitFor();
    expect(await dept.locator('.unit-report-comment[data-stage="returned"]').innerText()).toContain(RETURN_COMMENT);
    expect(await dept.getByLabel('总体情况', { exact: true }).inputValue()).toBe(OVERVIEW);
    await screenshot(dept, 'ur03-returned-with-comment');
    await dept.getByLabel('总体情况', { exact: true }).fill(FIXED);
    await dept.locator('.submit-report').click();
    await eventually(() => status(dept)).toBe('resubmitted');
  });

  it('办公室审定并发布；发布后不可修改', async () => {
    await office.reload();
    await eventually(() => status(office)).toBe('resubmitted');
    expect(await office.locator('.unit-report-overview').innerText()).toContain(FIXED);
    await office.locator('.approve-report').click();
    await eventually(() => status(office)).toBe('approved');
    await office.locator('.publish-report').click();
    expect(await confirmDialog(office)).toContain('不可再修改');
    await eventually(() => status(office)).toBe('published');
    expect(await office.locator('.approve-report, .publish-report, .return-report').count()).toBe(0);
    await office.locator('.correct-report').waitFor();
    const history = (await admin.get<UnitReportDetail>(`/unit-reports/${reportId}`)).history.map((h) => h.action);
    expect(history).toEqual(['unit_report.create', 'unit_report.save', 'unit_report.submit', 'unit_report.return', 'unit_report.save', 'unit_report.resubmit', 'unit_report.approve', 'unit_report.publish']);
    // The office's review task was closed by the return, reopened by the resubmission and closed by the approval.
    const [review] = await admin.get<TaskView[]>(`/tasks?sourceType=unit_report_review&sourceId=${reportId}`);
    expect(review).toMatchObject({ status: 'done', outcomeNote: '已审定' });
    await screenshot(office, 'ur04-published');
  });

  it('办公室在总览页调整截止日期：为张店区延期，须填写理由，调整记录和新日期随即显示', async () => {
    await office.goto(`${e2e.server.baseUrl}/reports/unit-reports`);
    await office.locator('.deadline-change').click();
    const modal = office.locator('.deadline-modal');
    await modal.waitFor();
    // Without a reason the dialog does not submit.
    await office.getByLabel('为单个单位延期').check();
    // ~55 units: the dropdown is a virtual list, so type to find the county.
    await chooseOption(office, office.getByLabel('延期单位', { exact: true }), '张店区', { search: true });
    await office.getByLabel('新的截止日期', { exact: true }).click();
    await office.getByLabel('新的截止日期', { exact: true }).fill(EXTENDED);
    await office.keyboard.press('Enter');
    await modal.locator('.deadline-ok').click();
    await modal.getByText('调整截止日期须说明理由').waitFor();
    await office.getByLabel('调整理由', { exact: true }).fill(EXTENSION_REASON);
    await modal.locator('.deadline-ok').click();
    const row = office.locator('.unit-report-table tr', { has: office.locator('.unit-report-link[data-unit="张店区"]') });
    await eventually(() => row.locator('.unit-report-due').innerText()).toBe(EXTENDED);
    await row.locator('.unit-report-extended').waitFor();
    expect(await office.locator('.round-due-date').innerText()).toBe(DUE);
    expect(await office.locator('.deadline-extension[data-unit="张店区"]').innerText()).toContain(EXTENDED);
    expect(await office.locator('.deadline-history').innerText()).toContain(`张店区截止日期由 ${DUE} 调整为 ${EXTENDED}（理由：${EXTENSION_REASON}）`);
    const overview = await admin.get<RoundOverview>('/unit-reports/overview?year=2024&kind=annual');
    expect(overview.units.find((u) => u.unitName === '张店区')).toMatchObject({ dueDate: EXTENDED, extension: { dueDate: EXTENDED, reason: EXTENSION_REASON } });
    expect(overview.units.find((u) => u.unitName === '市水利局')?.dueDate).toBe(DUE);
    // The water bureau's account is a department's: the server refuses it the change.
    await expect(water.call('POST', `/unit-reports/rounds/${overview.round.id}/deadline`, { dueDate: EXTENDED, reason: '想延期' })).rejects.toThrow(/403：.*仅妇儿工委办公室/);
    await screenshot(office, 'ur04b-deadline-extended');
  });

  it('未登录的访客在公开页面看到已发布的报告及其内容', async () => {
    const page = await e2e.open(undefined, '/public/unit-reports');
    const item = page.locator('.public-unit-report-item', { hasText: TITLE });
    await item.waitFor();
    expect(await item.innerText()).toContain('报送单位：市水利局');
    // Only the published report: the other units' drafts are not public.
    expect(await page.locator('.public-unit-report-item').count()).toBe(1);
    await screenshot(page, 'ur05-public-list');
    await item.locator('.public-unit-report-link').click();
    await page.waitForURL(new RegExp(`/public/unit-reports/${reportId}$`));
    await page.locator('.unit-report-overview').waitFor();
    expect(await page.locator('.unit-report-overview').innerText()).toContain(FIXED);
    const body = await page.locator('main, body').first().innerText();
    expect(body).toContain('目标任务落实情况（2项）');
    expect(body).toContain('已实现');
    expect(body).not.toContain(RETURN_COMMENT);
    expect(await page.locator('textarea').count()).toBe(0);
    const list = await (await fetch(`${e2e.server.baseUrl}/api/public/unit-reports`)).json() as PublishedUnitReport[];
    expect(list.map((r) => r.id)).toEqual([reportId]);
    await screenshot(page, 'ur06-public-report');
  });
});
