/**
 * The annual statistical monitoring report end to end (issue 5, items 1 and 5 on the web): the office generates
 * the 2024 report in the browser and checks its numbers against the imported data, writes the problems section and
 * submits; a member of the coordination group comments; the office approves and publishes (confirming that
 * publication is final); a visitor without login finds it on /public/reports with its data table and downloads
 * the .docx; the published report shows no edit controls; a correction becomes version 2 with its note.
 *
 * Data: 孕产妇死亡率 (W1.03, target ≤8.2/10万) and 婴儿死亡率 (C1.03) of the city for 2022–2024, approved through
 * `fuer data import`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AnnualReport, PublishedReportView, ReportDetail, ReportVersionView } from '../web/src/api/reports.types.ts';
import { requireOrSkip } from '../test/requirements.ts';
import type { ApiSession } from './api-session.ts';
import { confirmDialog } from './ant-confirm.ts';
import { screenshot } from './chromium.ts';
import { useBrowserSession } from './browser-session.ts';
import { runCli } from './harness.ts';

const UI_TIMEOUT = 20_000;
const ADMIN_PASSWORD = 'Office2024ok';
const REVIEWER_PASSWORD = 'Xietiaozu2024';
const MMR = 'W1.03'; // 孕产妇死亡率, 1/10万, lower is better
const IMR = 'C1.03'; // 婴儿死亡率, ‰
const TITLE = '淄博市2024年妇女儿童发展规划统计监测报告';
const PROBLEMS = '部分区县妇女常见病筛查覆盖不均衡，农村地区孕产妇保健服务仍有短板。';
const REVIEW_COMMENT = '建议在健康领域补充农村地区孕产妇死亡率的分析。';
const CORRECTION = '更正婴儿死亡率2024年数据来源口径';
const RETURN_REASON = '请按审核意见补充分析后重新提交。';

describe.skipIf(requireOrSkip('chromium'))('年度统计监测报告：生成、编辑、审核、发布、公开、更正（无头 Chromium）', { timeout: 120_000 }, () => {
  const e2e = useBrowserSession(UI_TIMEOUT);
  let admin: ApiSession;
  let dataDir = '';
  let reportId = 0;

  beforeAll(async () => {
    await e2e.start({ adminPassword: ADMIN_PASSWORD });
    await e2e.addUser({ username: 'xtz', role: 'reviewer', region: '370300', name: '协调组成员', password: REVIEWER_PASSWORD });
    dataDir = mkdtempSync(path.join(tmpdir(), 'fuer-e2e-reports-'));
    const csv = path.join(dataDir, 'city-2022-2024.csv');
    const rows = [
      [MMR, 2022, 9.1],
      [MMR, 2023, 8.5],
      [MMR, 2024, 7.9],
      [IMR, 2022, 2.6],
      [IMR, 2023, 2.5],
      [IMR, 2024, 2.3],
    ];
    writeFileSync(csv, ['indicator_code,region_code,year,sex,age_group,area,value,numerator,denominator,note', ...rows.map(([code, year, v]) => `${code},370300,${year},,,,${v},,,`)].join('\n') + '\n');
    const imported = await runCli(e2e.server, ['data', 'import', csv]);
    expect(imported.stdout).toContain('6个数值');
    admin = await e2e.loginAdmin();
  }, 300_000);

  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const { eventually } = e2e;
  const mmrRow = (page: Page) => page.locator(`.report-indicator-table tr[data-indicator="${MMR}"]`).first();
  const status = (page: Page) => page.locator('.page-header .report-status').getAttribute('data-status');
  /** Clicks OK in the confirmation dialog and returns its text. */
  const confirm = (page: Page): Promise<string> => confirmDialog(page);

  let office: Page;

  it('办公室在网页上生成2024年度报告：指标表的数值、上年值和实现情况与导入的数据一致', async () => {
    office = await e2e.open(admin, '/reports');
    await office.locator('.ant-empty').waitFor();
    expect(await office.locator('.page-header').innerText()).toContain('部门和区县年度报告');
    await office.locator('.create-report').click();
    const form = office.locator('.create-report-form');
    await form.waitFor();
    await form.getByLabel('年度', { exact: true }).fill('2024');
    await office.locator('.create-report-ok').click();
    await office.waitForURL(/\/reports\/\d+$/);
    reportId = Number(/\/reports\/(\d+)$/.exec(office.url())![1]);

    await office.locator('.annual-report').waitFor();
    expect(await office.locator('.report-title').innerText()).toBe(TITLE);
    expect(await status(office)).toBe('draft');
    // The stored content holds the imported numbers; the page shows them in the indicator table.
    const stored = await admin.get<ReportDetail>(`/reports/${reportId}`);
    const row = (stored.content as AnnualReport).chapters.flatMap((c) => c.rows).find((r) => r.indicatorCode === MMR)!;
    expect([row.value, row.previous, row.status]).toEqual([7.9, 8.5, 'achieved']);
    await mmrRow(office).scrollIntoViewIfNeeded();
    expect(await mmrRow(office).locator('.report-value').innerText()).toBe('7.9/10万');
    expect(await mmrRow(office).locator('.report-previous').innerText()).toBe('8.5/10万');
    expect(await mmrRow(office).locator('.evaluation-status').getAttribute('data-status')).toBe('achieved');
    // The chapter's sentence about it, in the register of the statistical reports.
    const chapter = office.locator('.report-chapter', { has: mmrRow(office) });
    expect(await chapter.innerText()).toContain('7.9/10万');
    // Charts are drawn by ECharts, loaded on demand.
    await office.locator('.report-overview .report-chart[data-ready]').first().waitFor();
    expect(await office.locator('.report-warnings').innerText()).toContain('监测预警');
    await screenshot(office, 'rw01-annual-report-draft');
  });

  it('办公室编写“存在的主要问题”并提交审核；提交后不能再编辑', async () => {
    const problems = office.getByLabel('存在的主要问题');
    await problems.fill(PROBLEMS);
    await office.locator('.sections-unsaved').waitFor();
    await office.locator('.save-sections').click();
    await office.locator('.sections-unsaved').waitFor({ state: 'detached' });
    await eventually(async () => (await admin.get<ReportDetail>(`/reports/${reportId}`)).sections.problems).toBe(PROBLEMS);

    await office.locator('.submit-report').click();
    await eventually(() => status(office)).toBe('under_review');
    expect(await office.locator('.report-sections-editor').count()).toBe(0);
    expect(await office.locator('.report-section[data-section="problems"]').innerText()).toContain(PROBLEMS);
  });

  it('协调组成员提出审核意见；办公室看到该意见，说明理由退回修改，再次提交', async () => {
    const reviewer = await e2e.login('xtz', REVIEWER_PASSWORD);
    const page = await e2e.open(reviewer, `/reports/${reportId}`);
    await page.locator('.annual-report').waitFor();
    // A member of the group comments; approving and publishing are the office's.
    expect(await page.locator('.approve-report').count()).toBe(0);
    await page.locator('.comment-report').click();
    await page.locator('.text-modal-input').fill(REVIEW_COMMENT);
    await page.locator('.text-modal-ok').click();
    await page.locator('.report-comment', { hasText: REVIEW_COMMENT }).waitFor();
    expect(await page.locator('.report-comment').first().innerText()).toContain('协调组成员');
    await screenshot(page, 'rw02-review-comment');

    await office.reload();
    await office.locator('.report-comment', { hasText: REVIEW_COMMENT }).waitFor();
    await office.locator('.return-report').click();
    await office.locator('.text-modal-input').fill(RETURN_REASON);
    await office.locator('.text-modal-ok').click();
    await eventually(() => status(office)).toBe('draft');
    expect(await office.locator('.report-comment[data-stage="returned"]').innerText()).toContain(RETURN_REASON);
    // Back to a draft: the sections are editable again and keep their text.
    expect(await office.getByLabel('存在的主要问题').inputValue()).toBe(PROBLEMS);
    await office.locator('.submit-report').click();
    await eventually(() => status(office)).toBe('under_review');
  });

  it('办公室审定并发布（确认发布后不可修改）；已发布的报告没有编辑操作', async () => {
    await office.locator('.approve-report').click();
    await confirm(office);
    await eventually(() => status(office)).toBe('approved');
    await office.locator('.publish-report').click();
    const text = await confirm(office);
    expect(text).toContain('不可再修改');
    await eventually(() => status(office)).toBe('published');

    for (const control of ['.report-sections-editor', '.save-sections', '.submit-report', '.regenerate-report', '.approve-report', '.publish-report', '.comment-report', 'textarea']) {
      expect(await office.locator(control).count(), control).toBe(0);
    }
    expect(await office.locator('.report-section[data-section="problems"]').innerText()).toContain(PROBLEMS);
    await office.locator('.correct-report').waitFor();
    await screenshot(office, 'rw03-published');
  });

  it('未登录的访客在公开页面看到已发布的报告、数据表，并能下载 Word 文件', async () => {
    const page = await e2e.open(undefined, '/public/reports');
    const item = page.locator('.public-report-item', { hasText: TITLE });
    await item.waitFor();
    expect(await item.innerText()).toContain('规划：妇女和儿童发展规划');
    expect(await item.innerText()).toContain('地区：淄博市');
    expect(await item.innerText()).toMatch(/发布日期：\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await page.locator('.page-header').innerText()).toContain('部门和区县年度报告');
    await screenshot(page, 'rw04-public-list');

    await item.locator('.public-report-link').click();
    await page.waitForURL(new RegExp(`/public/reports/${reportId}$`));
    await page.locator('.annual-report').waitFor();
    expect(await mmrRow(page).locator('.report-value').innerText()).toBe('7.9/10万');
    expect(await page.locator('.report-section[data-section="problems"]').innerText()).toContain(PROBLEMS);
    // No review comments and no controls for the public.
    expect(await page.locator('.report-comments, .report-actions, textarea').count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.public-download').click()]);
    expect(download.suggestedFilename()).toBe(`${TITLE}.docx`);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.length).toBeGreaterThan(5_000);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('.download-csv').click()]);
    const table = readFileSync((await csv.path())!, 'utf8');
    expect(table.split('\r\n').find((l) => l.includes(`,${MMR},`))).toContain(',2024,7.9,8.5,');
    await screenshot(page, 'rw05-public-report');
  });

  it('更正：生成附更正说明的第2版，发布后公开页显示第2版及更正说明，第1版提示已被更正', async () => {
    await office.locator('.correct-report').click();
    await office.locator('.text-modal-input').fill(CORRECTION);
    await office.locator('.text-modal-ok').click();
    await office.waitForURL((url) => url.pathname !== `/reports/${reportId}`);
    const v2 = Number(/\/reports\/(\d+)$/.exec(office.url())![1]);
    await office.locator('.report-version[data-version="2"]').waitFor();
    await office.locator('.annual-report').waitFor();
    expect(await status(office)).toBe('draft');
    expect(await office.locator('.report-correction-note').innerText()).toContain(CORRECTION);
    const versions = office.locator('.report-versions');
    expect(await versions.locator('tr[data-version="2"]').innerText()).toContain(CORRECTION);
    expect(await versions.locator('tr[data-version="1"] .report-status').getAttribute('data-status')).toBe('published');
    await screenshot(office, 'rw06-correction-draft');

    // Version 2 through review to publication (the API, as tested above in the browser).
    await admin.call('POST', `/reports/${v2}/submit`);
    await admin.call('POST', `/reports/${v2}/approve`);
    await admin.call('POST', `/reports/${v2}/publish`);
    const listed = await (await fetch(`${e2e.server.baseUrl}/api/public/reports`)).json() as PublishedReportView[];
    expect(listed.map((r) => [r.version, r.superseded])).toEqual([[2, false], [1, true]]);

    const page = await e2e.open(undefined, '/public/reports');
    const item = page.locator('.public-report-item', { hasText: TITLE });
    await item.waitFor();
    // One entry for the report: its newest version, the first one under 历史版本.
    expect(await page.locator('.public-report-item').count()).toBe(1);
    expect(await item.innerText()).toContain('第2版（更正）');
    expect(await item.locator('.public-correction').innerText()).toContain(CORRECTION);
    await item.locator('.public-earlier a').click();
    await page.waitForURL(new RegExp(`/public/reports/${reportId}$`));
    await page.locator('.public-superseded').waitFor();
    expect(await page.locator('.public-superseded').innerText()).toContain('第2版');
    const history = page.locator('.report-versions');
    expect(await history.locator('tr[data-version="2"]').innerText()).toContain(CORRECTION);

    // The office's list: one row for the series (its newest version), the first version under it.
    await office.goto('/reports');
    const series = office.locator(`.report-table tr[data-report="${v2}"]`);
    await series.waitFor();
    expect(await series.innerText()).toContain('第2版');
    expect(await office.locator(`.report-table tr[data-report="${reportId}"]`).count()).toBe(0);
    await series.locator('.ant-table-row-expand-icon').click();
    await office.locator(`.report-table tr[data-report="${reportId}"]`).waitFor();
    const own = await admin.get<ReportVersionView[]>('/reports');
    expect(own.filter((r) => r.seriesKey === own[0]!.seriesKey).map((r) => r.version).sort()).toEqual([1, 2]);
  });

  it('中期评估报告：网页按领域显示各目标的评估，办公室可编写报告声明的各文字部分', async () => {
    const created = await admin.call<ReportDetail>('POST', '/reports', { kind: 'midterm', year: 2023, plan: 'women', region: '370300' });
    const declared = (created.content as { sections?: { key: string; title: string }[] }).sections ?? [];
    await office.goto(`/reports/${created.id}`);
    await office.locator('.evaluation-report').waitFor();
    expect(await office.locator('.report-title').innerText()).toBe(created.title);
    expect(await office.locator('.evaluation-report .report-chapter').count()).toBeGreaterThan(0);
    await office.locator(`.evaluation-report tr[data-indicator="${MMR}"]`).first().waitFor();
    expect(declared.length).toBeGreaterThan(0);
    for (const s of declared) await office.getByLabel(s.title, { exact: true }).waitFor();
    await screenshot(office, 'rw08-midterm-draft');
  });
});

describe.skipIf(requireOrSkip('chromium'))('示例数据生成的报告：内部页面和公开页面都标明“示例数据”（无头 Chromium）', { timeout: 120_000 }, () => {
  const e2e = useBrowserSession(UI_TIMEOUT);
  let reportId = 0;

  beforeAll(async () => {
    await e2e.start({
      adminPassword: ADMIN_PASSWORD,
      beforeStart: async (databaseUrl) => {
        await runCli({ databaseUrl }, ['demo', '--database', databaseUrl, '--seed', '7']);
      },
    });
    const admin = await e2e.loginAdmin();
    const created = await admin.call<ReportDetail>('POST', '/reports', { kind: 'annual', year: 2024, plan: 'children', region: '370300' });
    expect(created.demo).toBe(true);
    reportId = created.id;
    for (const step of ['submit', 'approve', 'publish']) await admin.call('POST', `/reports/${reportId}/${step}`);
  }, 300_000);

  it('公开列表、公开报告页都显示“示例数据”标签和说明', async () => {
    const page = await e2e.open(undefined, '/public/reports');
    const item = page.locator('.public-report-item').first();
    await item.waitFor();
    expect(await item.locator('.demo-data-tag').innerText()).toBe('示例数据');
    await item.locator('.public-report-link').click();
    await page.locator('.annual-report').waitFor();
    expect(await page.locator('.public-report-head .demo-data-tag').innerText()).toBe('示例数据');
    expect(await page.locator('.report-demo-alert').innerText()).toContain('示例数据');
    // The generated series fill the tables: some of the children's indicators have a 2024 value.
    expect(await page.locator('.report-indicator-table td.report-value', { hasText: /\d/ }).count()).toBeGreaterThan(3);
    await screenshot(page, 'rw07-public-demo-report');
  });
});
