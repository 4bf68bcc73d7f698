/**
 * A demo database (`fuer demo`): every screen says 示例数据 — the public plan pages, the login page and the
 * evaluation screens — and the dashboard, indicator page and warnings show the generated 2015–2024 series.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Dashboard } from '../web/src/api/types.ts';
import { requireOrSkip } from '../test/requirements.ts';
import type { ApiSession } from './api-session.ts';
import { screenshot } from './chromium.ts';
import { useBrowserSession } from './browser-session.ts';
import { runCli } from './harness.ts';

const UI_TIMEOUT = 20_000;
const ADMIN_PASSWORD = 'Demo2024admin';

describe.skipIf(requireOrSkip('chromium'))('示例数据库（无头 Chromium）', { timeout: 120_000 }, () => {
  const e2e = useBrowserSession(UI_TIMEOUT);
  const { watched } = e2e;
  let context: BrowserContext;
  let page: Page;
  let admin: ApiSession;

  beforeAll(async () => {
    await e2e.start({
      adminPassword: ADMIN_PASSWORD,
      beforeStart: async (databaseUrl) => {
        await runCli({ databaseUrl }, ['demo', '--database', databaseUrl, '--seed', '7']);
      },
    });
    admin = await e2e.loginAdmin();
    context = await e2e.newContext();
  }, 300_000);

  afterEach(async () => {
    await page?.close();
  });

  it('未登录的公开页面和登录页都标注“示例数据”', async () => {
    page = await watched.open(context, '/plans');
    await page.locator('.demo-banner').waitFor();
    expect(await page.locator('.demo-banner').innerText()).toContain('示例数据');
    await page.goto('/login');
    await page.locator('.login-card').waitFor();
    expect(await page.locator('.demo-banner').innerText()).toContain('示例数据');
  });

  it('评估总览、指标评估和预警清单都标注“示例数据”，并显示生成的序列', async () => {
    await admin.enter(context);
    page = await watched.open(context, '/evaluation?year=2024');
    await page.locator('.status-card[data-status="achieved"] .ant-statistic-content-value').waitFor();
    expect(await page.locator('.demo-banner').innerText()).toContain('示例数据');
    const dashboard = await admin.get<Dashboard>('/dashboard?year=2024');
    const city = dashboard.regions.find((r) => r.code === '370300')!;
    expect(Number(await page.locator('.status-card[data-status="off_track"] .ant-statistic-content-value').innerText())).toBe(city.counts.off_track);
    await page.locator('.plan-status-card .echart-box[data-ready]').first().waitFor();
    await screenshot(page, 'd01-demo-dashboard');

    await page.goto('/evaluation/indicators/W1.03?year=2024');
    await page.locator('.series-chart[data-ready]').waitFor();
    expect(await page.locator('.demo-banner').count()).toBe(1);
    expect((await page.locator('.working-card .reason-text').first().innerText()).length).toBeGreaterThan(20);
    await screenshot(page, 'd02-demo-indicator');

    await page.goto('/evaluation/warnings');
    await page.locator('.warning-table tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('.demo-banner').count()).toBe(1);
    await screenshot(page, 'd03-demo-warnings');

    await page.goto('/evaluation/midterm?year=2023');
    await page.locator('.midterm-domains').first().waitFor();
    await screenshot(page, 'd04-demo-midterm');
  });

  it('修改密码、退出，再用新密码登录', async () => {
    page = await watched.open(context, '/evaluation');
    await page.locator('.user-menu').click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const modal = page.locator('.ant-modal', { hasText: '修改密码' });
    await modal.getByLabel('原密码').fill(ADMIN_PASSWORD);
    await modal.getByLabel('新密码', { exact: true }).fill('short1');
    await modal.getByLabel('确认新密码').fill('short1');
    await modal.locator('button[type="submit"]').click();
    await modal.getByText('密码至少需要10个字符').waitFor();
    await modal.getByLabel('新密码', { exact: true }).fill('NewDemo2025pw');
    await modal.getByLabel('确认新密码').fill('NewDemo2025pw');
    await modal.locator('button[type="submit"]').click();
    await modal.getByText('密码已修改').waitFor();
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });

    // Log out from the user menu. A click that lands while the menu is still opening does nothing: open it and
    // click again until the login page shows (logging out twice is harmless).
    await expect
      .poll(
        async () => {
          if (!/\/login$/.test(page.url())) {
            await page.locator('.user-menu').click();
            await page.getByRole('menuitem', { name: '退出' }).click({ timeout: 5000 }).catch(() => undefined);
            await page.waitForURL(/\/login$/, { timeout: 5000 }).catch(() => undefined);
          }
          return page.url();
        },
        { timeout: 60_000 },
      )
      .toMatch(/\/login$/);
    // The session is gone: a protected page sends back to the login.
    await page.goto('/evaluation/warnings');
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('NewDemo2025pw');
    await page.locator('.login-submit').click();
    await page.waitForURL(/\/evaluation\/warnings$/);
    expect(await page.locator('.user-menu-role').innerText()).toBe('管理员');
  }, 120_000);
});
