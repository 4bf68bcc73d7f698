/**
 * The web shell end to end: the real server on a fresh SQLite database (both plans loaded on first start),
 * the built bundle, headless Chromium. Each screen is also saved to screenshots/ for people to look at.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { requireOrSkip } from '../test/requirements.ts';
import { screenshot } from './chromium.ts';
import { useBrowserSession } from './browser-session.ts';
import { chooseOption } from './ant-select.ts';

const WOMEN_PLAN = '淄博市“十四五”妇女发展规划';
const CHILDREN_PLAN = '淄博市“十四五”儿童发展规划';
const UI_TIMEOUT = 15_000;

describe.skipIf(requireOrSkip('chromium'))('网页端（无头 Chromium）', { timeout: 120_000 }, () => {
  const e2e = useBrowserSession(UI_TIMEOUT);
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await e2e.start();
    context = await e2e.newContext();
  }, 240_000);

  /** One page at a time, watched for errors (uncaught, console, failed API calls). */
  async function open(path: string): Promise<Page> {
    if (page && !page.isClosed()) await page.close();
    page = await e2e.watched.open(context, path);
    return page;
  }

  afterEach(async () => {
    await page?.close();
  });

  const texts = (locator: Locator) => locator.allInnerTexts();

  it('规划浏览列出两部规划，领域数分别为 8 和 7', async () => {
    await open('/');
    await page.waitForURL('**/plans');
    const cards = page.locator('.plan-card');
    await cards.first().waitFor();
    await expect.poll(() => cards.count()).toBe(2);
    const women = page.locator('.plan-card', { hasText: WOMEN_PLAN });
    const children = page.locator('.plan-card', { hasText: CHILDREN_PLAN });
    const domainCount = (card: Locator) =>
      card.locator('.ant-statistic', { hasText: '发展领域' }).locator('.ant-statistic-content-value').innerText();
    expect(await domainCount(women)).toBe('8');
    expect(await domainCount(children)).toBe('7');
    expect(await women.innerText()).toContain('2021—2025');
    expect(await page.title()).toContain('规划浏览');
    // The header and navigation are Chinese; every module is built: submenus, none marked 建设中.
    expect(await page.locator('.app-title').innerText()).toBe('淄博市妇女儿童发展规划监测评估平台');
    for (const built of ['数据填报', '评估预警', '监测报告', '责任落实', '信息公开']) {
      const menu = page.locator('.ant-menu-submenu', { hasText: built });
      expect(await menu.getAttribute('aria-disabled')).not.toBe('true');
      expect(await menu.innerText()).not.toContain('建设中');
    }
    expect(await page.locator('.header-login').innerText()).toContain('登录');
    await screenshot(page, '01-plan-list');
  });

  it('打开妇女规划的“妇女与健康”领域，目标（2）为孕产妇死亡率 8.2/10万', async () => {
    await open('/plans');
    await page.locator('.plan-card', { hasText: WOMEN_PLAN }).getByText('浏览领域、目标和措施').click();
    const tabs = page.locator('.domain-tabs .ant-tabs-tab');
    await tabs.first().waitFor();
    expect(await tabs.count()).toBe(8);
    expect(await texts(tabs)).toContain('（一）妇女与健康 9/13');
    await page.locator('.domain-tabs .ant-tabs-tab', { hasText: '妇女与健康' }).click();
    const pane = page.locator('.domain-panel[data-domain="1"]');
    await expect.poll(() => pane.locator('.goal-item').count()).toBe(9);
    expect(await pane.locator('.measure-item').count()).toBe(13);
    const goal2 = pane.locator('.goal-item[data-ord="2"]');
    const goalText = await goal2.innerText();
    expect(goalText).toContain('（2）');
    expect(goalText).toContain('孕产妇死亡率控制在8.2/10万以下');
    const chip = goal2.locator('.target-chip[data-kind="threshold"]', { hasText: '孕产妇死亡率' });
    expect(await chip.innerText()).toMatch(/孕产妇死亡率\s*≤\s*8\.2\/10万/);
    expect(await goal2.locator('.goal-units').innerText()).toContain('市卫生健康委');
    // Measures: bold title, text collapsed until asked for.
    const measure1 = pane.locator('.measure-item[data-ord="1"]');
    expect(await measure1.locator('.measure-title').innerText()).toContain('完善保障妇女健康的制度机制');
    await screenshot(page, '02-plan-women-health');

    const childrenPlan = await open('/plans');
    await childrenPlan.locator('.plan-card', { hasText: CHILDREN_PLAN }).getByText('浏览领域、目标和措施').click();
    await childrenPlan.locator('.domain-tabs .ant-tabs-tab').first().waitFor();
    expect(await childrenPlan.locator('.domain-tabs .ant-tabs-tab').count()).toBe(7);
  });

  it('目标页显示牵头单位和量化目标表', async () => {
    await open('/plans');
    await page.locator('.plan-card', { hasText: WOMEN_PLAN }).getByText('浏览领域、目标和措施').click();
    await page.locator('.domain-panel[data-domain="1"] .goal-item[data-ord="2"]').getByText('目标详情').click();
    await page.waitForURL(/\/goals\/\d+$/);
    await page.locator('.goal-full-text').waitFor();
    expect(await page.locator('.goal-full-text').innerText()).toContain('孕产妇死亡率控制在8.2/10万以下');
    expect(await page.locator('.ant-breadcrumb').innerText()).toContain('（一）妇女与健康');
    const lead = page.locator('.ant-descriptions-row', { hasText: '牵头单位' });
    expect(await lead.innerText()).toContain('市卫生健康委');
    const row = page.locator('.targets-card tbody tr', { hasText: '孕产妇死亡率控制在8.2/10万以下' });
    const cells = await texts(row.locator('td'));
    expect(cells).toEqual(
      expect.arrayContaining(['孕产妇死亡率', '阈值', '≤', '8.2/10万', '2025']),
    );
    await screenshot(page, '03-goal');
    // A deep link works after a reload (the server falls back to index.html).
    const url = page.url();
    await page.reload();
    await page.locator('.goal-full-text').waitFor();
    expect(page.url()).toBe(url);
  });

  it('责任单位页（市卫生健康委）列出两部规划中的目标', async () => {
    await open('/departments');
    const table = page.locator('.department-table tbody tr');
    await table.first().waitFor();
    const all = await table.count();
    expect(all).toBeGreaterThan(20);
    await screenshot(page, '04-department-list');
    await page.getByLabel('筛选单位').fill('卫生健康');
    await expect.poll(() => table.count()).toBeLessThan(all);
    await page.locator('.department-table').getByRole('link', { name: '市卫生健康委', exact: true }).click();
    await page.waitForURL(/\/departments\/\d+$/);
    const planCards = page.locator('.department-plan-card');
    await planCards.first().waitFor();
    const women = page.locator('.department-plan-card', { hasText: WOMEN_PLAN });
    const children = page.locator('.department-plan-card', { hasText: CHILDREN_PLAN });
    expect(await women.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await children.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await women.innerText()).toContain('孕产妇死亡率控制在8.2/10万以下');
    expect(await women.locator('tbody tr', { hasText: '孕产妇死亡率' }).first().innerText()).toContain('牵头');
    expect(await page.locator('.department-indicators-card tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, '05-department');
  });

  it('指标目录列出指标，可按规划筛选并打开指标详情', async () => {
    const catalogue = (await (await fetch(`${e2e.server.baseUrl}/api/indicators`)).json()) as { planKind: string }[];
    const childrenCount = catalogue.filter((i) => i.planKind === 'children').length;
    expect(catalogue.length).toBeGreaterThan(10);
    expect(childrenCount).toBeGreaterThan(0);

    await open('/indicators');
    const rows = page.locator('.indicator-table tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(catalogue.length);
    expect(await page.locator('.indicator-count').innerText()).toBe(`共 ${catalogue.length} 个指标`);
    const mmr = rows.filter({ hasText: '孕产妇死亡率' }).first();
    const mmrText = await mmr.innerText();
    expect(mmrText).toContain('越低越好');
    expect(mmrText).toContain('市卫生健康委');
    await screenshot(page, '06-indicators');

    // Filter by plan, then by domain, through the selects.
    await chooseOption(page, page.getByLabel('按规划筛选'), '儿童发展规划');
    await expect.poll(() => rows.count()).toBe(childrenCount);
    const planColumn = await texts(rows.locator('td:last-child'));
    expect(planColumn.every((t) => t.startsWith('儿童'))).toBe(true);
    await chooseOption(page, page.getByLabel('按领域筛选'), '（一）儿童与健康');
    await expect.poll(() => rows.count()).toBeLessThan(childrenCount);
    const domainColumn = await texts(rows.locator('td:last-child'));
    expect(domainColumn.length).toBeGreaterThan(0);
    expect(domainColumn.every((t) => t.includes('（一）儿童与健康'))).toBe(true);
    expect(page.url()).toContain('plan=children');

    await page.goto('/indicators');
    await mmr.getByRole('link').first().click();
    await page.waitForURL(/\/indicators\/[^/]+$/);
    await page.locator('.targets-card tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('.targets-card').innerText()).toContain('8.2/10万');
    await screenshot(page, '07-indicator');
  });

  it('页头搜索“孕产妇”找到主要目标，关键词高亮并可跳转', async () => {
    await open('/plans');
    const box = page.getByLabel('搜索目标和措施');
    await box.fill('孕产妇');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const hits = page.locator('.search-hit');
    await hits.first().waitFor();
    const goalHits = page.locator('.search-hit[data-type="goal"]');
    expect(await goalHits.count()).toBeGreaterThan(0);
    const marks = await texts(page.locator('.search-hit mark'));
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => m === '孕产妇')).toBe(true);
    expect(await page.locator('.search-summary').innerText()).toMatch(/找到 \d+ 条结果/);
    await screenshot(page, '08-search');
    const measureHit = page.locator('.search-hit[data-type="measure"]').first();
    const measureHref = await measureHit.locator('a').first().getAttribute('href');
    await goalHits.first().locator('a').first().click();
    await page.waitForURL(/\/goals\/\d+$/);
    expect(await page.locator('.goal-full-text').innerText()).toContain('孕产妇');
    // A measure hit opens the measure page with its full text.
    expect(measureHref).toMatch(/^\/measures\/\d+$/);
    await page.goto(measureHref ?? '/');
    await page.locator('.measure-full-text').waitFor();
    expect(await page.locator('.measure-full-text').innerText()).toContain('孕产妇');
    expect(await page.locator('.ant-breadcrumb').innerText()).toContain('策略措施');
  });

  it('行政区划页显示张店区及其街道，展开镇街后加载村居', async () => {
    await open('/regions');
    const tree = page.locator('.region-tree');
    const zhangdian = tree.locator('.ant-tree-treenode', { has: page.locator('[data-code="370303"]') });
    await zhangdian.waitFor();
    expect(await zhangdian.innerText()).toContain('张店区');
    for (const county of ['淄川区', '博山区', '临淄区', '周村区', '桓台县', '高青县', '沂源县']) {
      expect(await tree.innerText()).toContain(county);
    }
    await zhangdian.locator('.ant-tree-switcher').click();
    const street = tree.locator('.ant-tree-treenode', { hasText: '车站街道' });
    await street.waitFor();
    expect(await tree.innerText()).toContain('公园街道');
    const before = await tree.locator('.ant-tree-treenode').count();
    await street.locator('.ant-tree-switcher').click();
    await expect.poll(() => tree.locator('.ant-tree-treenode').count()).toBeGreaterThan(before);
    expect(await tree.innerText()).toContain('社区');
    await street.locator('.region-name').click();
    expect(await page.locator('.region-details').innerText()).toContain('车站街道');
    await screenshot(page, '09-regions');
  });

  it('未知页面显示“页面不存在”，不存在的目标显示服务端的中文说明', async () => {
    await open('/no-such-page');
    await page.getByText('页面不存在', { exact: true }).waitFor();
    expect(await page.locator('.ant-menu').innerText()).toContain('规划浏览');

    e2e.watched.allow(/404/);
    await page.goto('/goals/99999999');
    const result = page.locator('.ant-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/不存在/);
    expect(e2e.watched.problems.some((p) => p.includes('/api/goals/99999999'))).toBe(true);
  });
});
