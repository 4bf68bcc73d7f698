/**
 * County plans and implementation plans end to end (issue 6): 张店区 derives its women's plan from the city plan,
 * weakens one target (孕产妇死亡率 ≤10/10万 against the city's ≤8.2), records its promulgation on 2022-03-01 and
 * files it on 2022-04-15 — after the one-month deadline of 2022-04-01 — and the office sees it on the overview in
 * red, 14 days late, with one target weaker than the city's. A county cannot change another county's plan, and a
 * department cannot change another department's implementation plan: the screens offer no such action, and a
 * forged one (the page's permissions rewritten in the browser) is refused by the server with its Chinese message.
 *
 * The filing date is a date the API takes (a filing on paper is recorded with its real date): no clock is faked.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CountyPlanOverviewRow, CountyPlanView, ImplementationPlanView } from '../src/services/responsibility/responsibility.contract.ts';
import { requireOrSkip } from '../test/requirements.ts';
import { clickUntil } from './ant-confirm.ts';
import { chooseOption } from './ant-select.ts';
import type { ApiSession } from './api-session.ts';
import { screenshot } from './chromium.ts';
import { useBrowserSession } from './browser-session.ts';
import { REPO_ROOT } from './harness.ts';

const UI_TIMEOUT = 20_000;
const ADMIN_PASSWORD = 'Office2024ok';
const PASSWORDS = { zd: 'Zhangdian2024', bs: 'Boshan2024ok', wjw: 'Weijianwei2024', jyj: 'Jiaoyuju2024' };
const ZHANGDIAN = '370303';
const BOSHAN = '370304';

describe.skipIf(requireOrSkip('chromium'))('区县规划与实施方案：派生、逾期报送、低于市目标、只能改本单位的（无头 Chromium）', { timeout: 120_000 }, () => {
  const e2e = useBrowserSession(UI_TIMEOUT);
  const { watched } = e2e;
  let admin: ApiSession;
  let sessions: Record<keyof typeof PASSWORDS, ApiSession>;

  /** Rewrites the permissions a page receives (a stale or forged client): only the server stands in the way. */
  async function forgePermissions(page: Page, pathPattern: RegExp): Promise<void> {
    await page.route(
      (url) => pathPattern.test(url.pathname),
      async (route) => {
        if (route.request().method() !== 'GET') return route.continue();
        const response = await route.fetch();
        const body = (await response.json()) as { can: Record<string, boolean> };
        body.can = { ...body.can, edit: true, file: true };
        await route.fulfill({ response, json: body });
      },
    );
  }

  beforeAll(async () => {
    await e2e.start({ adminPassword: ADMIN_PASSWORD });
    await e2e.addUser({ username: 'zd', role: 'reporter', region: ZHANGDIAN, name: '张店区妇儿工委', password: PASSWORDS.zd });
    await e2e.addUser({ username: 'bs', role: 'reporter', region: BOSHAN, name: '博山区妇儿工委', password: PASSWORDS.bs });
    await e2e.addUser({ username: 'wjw', role: 'reporter', department: '市卫生健康委', name: '市卫健委填报员', password: PASSWORDS.wjw });
    await e2e.addUser({ username: 'jyj', role: 'reporter', department: '市教育局', name: '市教育局填报员', password: PASSWORDS.jyj });
    admin = await e2e.loginAdmin();
    sessions = {
      zd: await e2e.login('zd', PASSWORDS.zd),
      bs: await e2e.login('bs', PASSWORDS.bs),
      wjw: await e2e.login('wjw', PASSWORDS.wjw),
      jyj: await e2e.login('jyj', PASSWORDS.jyj),
    };
  }, 300_000);

  const { eventually } = e2e;
  let zhangdianPlanId = 0;

  it('张店区依据市级规划建立妇女规划，把一项目标调低于市目标，登记2022-03-01颁布并于2022-04-15报送', async () => {
    const page = await e2e.open(sessions.zd, '/responsibility/county-plans');
    const own = page.locator('.own-county-card');
    await own.waitFor();
    expect(await own.locator('.ant-card-head-title').innerText()).toBe('张店区的规划');
    await own.locator('.derive-plan[data-kind="women"]').click();
    await page.waitForURL(/\/responsibility\/county-plans\/\d+$/);
    zhangdianPlanId = Number(/(\d+)$/.exec(page.url())![1]);
    await eventually(() => page.locator('.page-title').innerText()).toBe('张店区“十四五”妇女发展规划');
    expect(await page.locator('.filing-check').first().getAttribute('data-state')).toBe('not_promulgated');

    // Promulgation date: the one-month deadline starts to run.
    await page.getByLabel('颁布日期').fill('2022-03-01');
    await page.getByLabel('颁布日期').press('Enter');
    await page.locator('.save-basics').click();
    await eventually(() => page.locator('.filing-explanation').innerText()).toBe('2022-03-01颁布，应于2022-04-01前报送，至今未报送，已逾期' + (await overdueDays()) + '天');

    // 孕产妇死亡率 ≤10/10万: weaker than the city's ≤8.2/10万.
    await page.getByLabel('搜索指标').fill('孕产妇死亡率');
    await page.getByLabel('搜索指标').press('Enter');
    const row = page.locator('.target-table tr.target-row').first();
    expect(await row.getAttribute('data-indicator')).toBe('孕产妇死亡率');
    const key = await row.getAttribute('data-row-key');
    await row.locator('.edit-target').click();
    const modal = page.locator('.target-modal');
    await modal.getByLabel('目标值').fill('10');
    await modal.getByLabel('理由').fill('本区流动孕产妇多，基础较弱');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    const weakened = page.locator(`.target-table tr[data-row-key="${key}"]`);
    await eventually(() => weakened.getAttribute('data-weaker')).toBe('true');
    expect(await weakened.getAttribute('class')).toContain('target-weaker');
    expect(await weakened.locator('.comparison').getAttribute('data-result')).toBe('weaker');
    expect(await weakened.locator('.comparison-reason').innerText()).toBe('控制值高于市目标（市：≤8.2/10万；区县：≤10/10万）');
    expect(await weakened.locator('.target-reason').innerText()).toBe('本区流动孕产妇多，基础较弱');
    expect(await page.locator('.weaker-alert').innerText()).toContain('有1项量化目标低于市目标');

    // A goal marked not applicable (with its reason), and a goal of the county's own.
    await page.locator('.targets-card .ant-tabs-tab', { hasText: '主要目标' }).click();
    const goal = page.locator('.goal-table tr.goal-row', { hasText: '女性青壮年文盲基本消除' });
    await goal.locator('.edit-goal').click();
    const goalModal = page.locator('.goal-modal');
    await goalModal.locator('.ant-radio-wrapper', { hasText: '不适用' }).click();
    await goalModal.locator('.ant-modal-footer .ant-btn-primary').click();
    expect(await goalModal.locator('.ant-form-item-explain-error').innerText()).toBe('标为不适用须说明理由');
    await goalModal.getByLabel('理由').fill('本区女性青壮年文盲已基本消除，纳入终身教育目标统筹推进');
    await goalModal.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually(() => goal.getAttribute('data-status')).toBe('not_applicable');
    expect(await goal.locator('.goal-reason').innerText()).toBe('本区女性青壮年文盲已基本消除，纳入终身教育目标统筹推进');
    await page.locator('.add-goal').click();
    const addModal = page.locator('.add-goal-modal');
    // The first domain, labelled as the page labels domains.
    const [firstDomain] = (await sessions.zd.get<CountyPlanView>(`/county-plans/${zhangdianPlanId}`)).domains;
    await chooseOption(page, addModal.getByLabel('领域'), `${firstDomain!.ord}. ${firstDomain!.title}`);
    await addModal.getByLabel('目标内容').fill('社区妇女健康服务站覆盖全部城市社区。');
    await addModal.getByLabel('理由').fill('本区特色工作');
    await addModal.locator('.ant-modal-footer .ant-btn-primary').click();
    const added = page.locator('.goal-table tr.goal-row', { hasText: '社区妇女健康服务站覆盖全部城市社区' });
    await eventually(() => added.getAttribute('data-status')).toBe('added');
    expect(await page.locator('.basics-card').innerText()).toContain('共78项：沿用76、调整0、不适用1、新增1');

    // Filed on paper on 2022-04-15: 14 days after the deadline.
    await page.locator('.file-plan').click();
    const fileModal = page.locator('.file-modal');
    await fileModal.getByLabel('报送日期').fill('2022-04-15');
    await fileModal.getByLabel('报送日期').press('Enter');
    await fileModal.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually(() => page.locator('.filing-card .filing-status').getAttribute('data-status')).toBe('filed');
    expect(await page.locator('.filing-card .filed-at').innerText()).toBe('2022-04-15');
    expect(await page.locator('.filing-card .filing-check').innerText()).toBe('逾期报送（逾期14天）');
    expect(await page.locator('.filing-explanation').innerText()).toBe('2022-03-01颁布，应于2022-04-01前报送，2022-04-15报送，逾期14天');
    // Filed: no more changes from the county.
    expect(await page.locator('.edit-target').count()).toBe(0);
    expect(await page.locator('.edit-goal').count()).toBe(0);
    await screenshot(page, 'c01-county-plan-filed-late');
  }, 120_000);

  /** Days from 2022-04-01 to today (the plan is overdue until filed). */
  async function overdueDays(): Promise<number> {
    const rows = await sessions.zd.get<CountyPlanOverviewRow[]>('/county-plans?planKind=women');
    return rows.find((r) => r.region.code === ZHANGDIAN)!.plan!.filing.daysLate;
  }

  it('办公室在总览中看到张店区逾期14天报送（标红）和1项低于市目标，未建立规划的区县也标出', async () => {
    const page = await e2e.open(admin, '/responsibility/county-plans');
    const row = page.locator('.county-overview tr[data-region="370303"][data-kind="women"]');
    await row.waitFor();
    expect(await row.getAttribute('data-flagged')).toBe('true');
    expect(await row.getAttribute('class')).toContain('row-overdue');
    expect(await row.locator('.filing-check').getAttribute('data-state')).toBe('late');
    expect(await row.locator('.filing-check').innerText()).toBe('逾期报送（逾期14天）');
    expect(await row.locator('.promulgated-at').innerText()).toBe('2022-03-01');
    expect(await row.locator('.filed-at').innerText()).toBe('2022-04-15');
    expect(await row.locator('.weaker-count').getAttribute('data-count')).toBe('1');
    expect(await row.locator('.weaker-count').innerText()).toBe('1项');
    const missing = page.locator('.county-overview tr[data-region="370305"][data-kind="women"]');
    expect(await missing.locator('.plan-missing').innerText()).toBe('未建立');
    // 11 counties and zones × 2 plans.
    expect(await page.locator('.county-overview tr.county-row').count()).toBe(22);
    await screenshot(page, 'c02-office-overview');

    // The office opens the plan: the weaker target highlighted; it returns the plan with a reason.
    await row.locator('.plan-link').click();
    await page.waitForURL(new RegExp(`/responsibility/county-plans/${zhangdianPlanId}$`));
    await page.locator('.target-filter').getByText('低于市目标').click();
    const weak = page.locator('.target-table tr.target-row');
    await eventually(() => weak.count()).toBe(1);
    expect(await weak.getAttribute('data-indicator')).toBe('孕产妇死亡率');
    expect(await weak.getAttribute('data-weaker')).toBe('true');
    await page.locator('.return-plan').click();
    const review = page.locator('.review-modal');
    await review.getByLabel('审阅意见').fill('孕产妇死亡率目标低于市目标，请说明依据或调整');
    await review.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually(() => page.locator('.filing-card .filing-status').getAttribute('data-status')).toBe('returned');
    expect(await page.locator('.filing-card .review-note').innerText()).toBe('孕产妇死亡率目标低于市目标，请说明依据或调整');
    const plan = await sessions.zd.get<CountyPlanView>(`/county-plans/${zhangdianPlanId}`);
    expect(plan).toMatchObject({ status: 'returned', filedAt: '2022-04-15', filing: { state: 'late', daysLate: 14 }, can: { edit: true } });
  }, 60_000);

  it('区县不能修改其他区县的规划：页面只读，伪造的修改被服务端以中文提示拒绝（403）', async () => {
    const boshan = await sessions.bs.call<CountyPlanView>('POST', '/county-plans', { regionCode: BOSHAN, planKind: 'women' });
    const page = await e2e.open(sessions.zd, `/responsibility/county-plans/${boshan.id}`);
    await page.locator('.readonly-note').waitFor();
    expect(await page.locator('.page-title').innerText()).toBe('博山区“十四五”妇女发展规划');
    expect(await page.locator('.edit-target').count()).toBe(0);
    expect(await page.locator('.file-plan').count()).toBe(0);
    expect(await page.locator('.save-basics').count()).toBe(0);

    await forgePermissions(page, new RegExp(`^/api/county-plans/${boshan.id}$`));
    await page.reload();
    await page.getByLabel('搜索指标').fill('孕产妇死亡率');
    await page.getByLabel('搜索指标').press('Enter');
    await page.locator('.target-table tr.target-row .edit-target').first().click();
    const modal = page.locator('.target-modal');
    await modal.getByLabel('目标值').fill('12');
    watched.allow(/403/);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually(() => modal.locator('.modal-error').innerText()).toBe('无权修改该区县规划：只有博山区妇儿工委（填报员）或市妇儿工委办公室可以修改');
    await screenshot(page, 'c03-other-county-refused');
    const unchanged = await admin.get<CountyPlanView>(`/county-plans/${boshan.id}`);
    const mmr = unchanged.domains.flatMap((d) => d.goals.flatMap((g) => g.targets)).find((t) => t.indicatorName === '孕产妇死亡率');
    expect(mmr).toMatchObject({ value: 8.2, status: 'adopted' });
  }, 60_000);

  it('博山区由规划文本导入：不可识别的文本按行号提示错误，上传的规划文本逐项与市目标对照', async () => {
    const page = await e2e.open(sessions.bs, '/responsibility/county-plans');
    await page.locator('.import-plan').click();
    const modal = page.locator('.import-modal');
    await modal.getByLabel('规划文本').fill('博山区“十四五”妇女发展规划\n随便写的内容\n');
    watched.allow(/400/);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually(() => modal.locator('.import-error').innerText()).toBe('不是可识别的规划文本：第1行：规划“博山区“十四五”妇女发展规划”之下没有“一、”“二、”…编号的章节（未导入任何内容）');

    // The plan text of the county: the city's, retitled, with 孕产妇死亡率 ≤12/10万 (weaker than ≤8.2).
    const text = readFileSync(path.join(REPO_ROOT, 'plans', 'zibo-14th-fyp-women-children-plans.txt'), 'utf8')
      .replace('淄博市“十四五”妇女发展规划\n', '博山区“十四五”妇女发展规划\n')
      .replace('淄博市“十四五”儿童发展规划\n', '博山区“十四五”儿童发展规划\n')
      .replace('孕产妇死亡率控制在8.2/10万以下', '孕产妇死亡率控制在12/10万以下');
    await modal.locator('input[type="file"]').setInputFiles({ name: '博山区妇女儿童发展规划.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
    await eventually(() => modal.locator('.import-file-name').innerText()).toBe('博山区妇女儿童发展规划.txt');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    const result = modal.locator('.import-result');
    await result.waitFor({ timeout: 60_000 });
    const lines = (await result.innerText()).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^博山区“十四五”妇女发展规划：目标77项，.*调整1、新增0）.*低于市目标1项$/);
    expect(lines[1]).toMatch(/^博山区“十四五”儿童发展规划：.*低于市目标0项$/);
    await screenshot(page, 'c06-import-result');
    await modal.locator('.ant-modal-close').click();
    await eventually(() => page.locator('.own-county-card .own-plan-link').count()).toBe(2);
    const row = page.locator('.county-overview tr[data-region="370304"][data-kind="women"]');
    expect(await row.locator('.weaker-count').getAttribute('data-count')).toBe('1');
    expect(await row.getAttribute('data-flagged')).toBe('true');
  }, 60_000);

  let wjwPlanId = 0;

  it('市卫生健康委编制并报送实施方案，办公室看到其已报送并审阅', async () => {
    const page = await e2e.open(sessions.wjw, '/responsibility/implementation-plans');
    await page.locator('.new-plan').click();
    const modal = page.locator('.implementation-plan-modal');
    await modal.getByLabel('方案名称').fill('市卫生健康委贯彻落实妇女发展规划实施方案');
    await modal.getByLabel('方案内容').fill('一、工作目标\n孕产妇死亡率控制在8.2/10万以下。\n二、主要措施\n落实高危孕产妇专案管理。');
    const goals = modal.locator('.goal-checkboxes .ant-checkbox-wrapper');
    await goals.first().waitFor();
    const first = (await goals.first().innerText()).trim();
    expect(first).toMatch(/^\[牵头\] /);
    await goals.first().click();
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/responsibility\/implementation-plans\/\d+$/);
    wjwPlanId = Number(/(\d+)$/.exec(page.url())![1]);
    await page.locator('.plan-goals .ant-list-item').first().waitFor();
    expect(await page.locator('.plan-goals .ant-list-item').count()).toBe(1);
    expect(await page.locator('.plan-goals').innerText()).toContain(first.replace(/^\[牵头\] /, '').replace(/…$/, ''));
    await page.locator('.file-plan').click();
    const filingStatus = (p: Page) => p.locator('.filing-card .filing-status').getAttribute('data-status');
    await clickUntil(page.locator('.file-modal .ant-modal-footer .ant-btn-primary'), async () => (await filingStatus(page)) === 'filed');
    expect(await page.locator('.edit-plan').count()).toBe(0);

    const office = await e2e.open(admin, '/responsibility/implementation-plans');
    const planRow = office.locator('.plan-table tr[data-department="市卫生健康委"]');
    await planRow.waitFor();
    expect(await planRow.getAttribute('data-status')).toBe('filed');
    await office.locator('.view-switch').getByText('各单位报送情况').click();
    const unit = office.locator('.unit-table tr[data-department="市卫生健康委"] .unit-state');
    await unit.waitFor();
    expect(await unit.getAttribute('data-state')).toBe('filed');
    expect(await office.locator('.unit-table tr[data-department="市教育局"] .unit-state').getAttribute('data-state')).toBe('none');
    expect(await office.locator('.units-summary').innerText()).toMatch(/已报送实施方案1个/);
    await screenshot(office, 'c04-implementation-plans-units');

    await office.goto(`/responsibility/implementation-plans/${wjwPlanId}`);
    await office.locator('.review-plan').click();
    await clickUntil(office.locator('.review-modal .ant-modal-footer .ant-btn-primary'), async () => (await filingStatus(office)) === 'reviewed');
    const reviewed = await sessions.wjw.get<ImplementationPlanView>(`/implementation-plans/${wjwPlanId}`);
    expect(reviewed).toMatchObject({ status: 'reviewed', reviewedBy: expect.any(String) });
  }, 120_000);

  it('部门不能修改其他部门的实施方案：页面只读，伪造的报送被服务端以中文提示拒绝（403）', async () => {
    const draft = await sessions.wjw.call<ImplementationPlanView>('POST', '/implementation-plans', {
      title: '市卫生健康委贯彻落实儿童发展规划实施方案',
      goals: [{ plan: 'children', domain: 1, goal: 1 }],
    });
    const page = await e2e.open(sessions.jyj, `/responsibility/implementation-plans/${draft.id}`);
    await page.locator('.readonly-note').waitFor();
    expect(await page.locator('.readonly-note').innerText()).toContain('只有市卫生健康委（填报员）或妇儿工委办公室可以修改');
    expect(await page.locator('.edit-plan').count()).toBe(0);
    expect(await page.locator('.file-plan').count()).toBe(0);

    await forgePermissions(page, new RegExp(`^/api/implementation-plans/${draft.id}$`));
    await page.reload();
    await page.locator('.file-plan').click();
    watched.allow(/403/);
    // Submit until the refusal shows: a click that lands while the dialog is still opening does nothing (a second
    // forged submission is refused the same way).
    const refusal = page.locator('.file-modal .modal-error');
    await expect
      .poll(
        async () => {
          if ((await refusal.count()) === 0) await page.locator('.file-modal .ant-modal-footer .ant-btn-primary').click({ timeout: 5000 }).catch(() => undefined);
          return (await refusal.count()) > 0 ? refusal.innerText() : null;
        },
        { timeout: 60_000 },
      )
      .toBe('无权修改该实施方案：部门只能编制和报送本部门的实施方案');
    await screenshot(page, 'c05-other-department-refused');
    expect((await admin.get<ImplementationPlanView>(`/implementation-plans/${draft.id}`)).status).toBe('draft');
  }, 120_000);
});
