/**
 * Responsibility lists and tasks end to end (issue 6): the office opens 责任清单 for three departments and sees
 * exactly the goals the seed plans name them for (lead and responsible), exports Excel and Word, and sees a
 * goal's division of labour; a task created through the API shows on the calendar on its due date and in the
 * overdue list when past due; the owning department completes it in the browser and it leaves the overdue
 * list; a department user cannot open another department's list (the server's 403, shown in Chinese); the office
 * registers a reminder e-mail contact for a unit with open tasks, which then leaves the 无联系人 list, and removes it.
 *
 * The expected goals come from the seed text parsed with the plan parser (src/core/plan), not from the server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parsePlanFile } from '../src/core/plan/parse-plan.ts';
import type { ResponsibilitySummary, TaskView } from '../src/services/responsibility/responsibility.contract.ts';
import { requireOrSkip } from '../test/requirements.ts';
import { chooseOption } from './ant-select.ts';
import type { ApiSession } from './api-session.ts';
import { SCREENSHOT_DIR, screenshot } from './chromium.ts';
import { useBrowserSession } from './browser-session.ts';
import { REPO_ROOT } from './harness.ts';

const UI_TIMEOUT = 20_000;
const ADMIN_PASSWORD = 'Office2024ok';
const JYJ_PASSWORD = 'Jiaoyuju2024ok';
const DEPARTMENTS = ['市卫生健康委', '市教育局', '市妇联'] as const;
const OWN = '市教育局';

/** The goals the seed names a department for, as "plan-domain-goal" keys, from the plan parser. */
function seedGoals(name: string): { lead: string[]; responsible: string[] } {
  const text = readFileSync(path.join(REPO_ROOT, 'plans', 'zibo-14th-fyp-women-children-plans.txt'), 'utf8');
  const parsed = parsePlanFile(text, { file: 'zibo-14th-fyp-women-children-plans.txt' });
  const lead: string[] = [];
  const responsible: string[] = [];
  for (const plan of parsed.plans) {
    for (const domain of plan.domains) {
      for (const goal of domain.goals) {
        const key = `${plan.kind}-${domain.ord}-${goal.ord}`;
        if (goal.leadUnits.includes(name)) lead.push(key);
        if (goal.responsibleUnits.includes(name)) responsible.push(key);
      }
    }
  }
  return { lead: lead.sort(), responsible: responsible.sort() };
}

/** YYYY-MM-DD `days` from today (far enough from today that the time zone does not matter). */
function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe.skipIf(requireOrSkip('chromium'))('责任清单与任务期限（无头 Chromium）', { timeout: 120_000 }, () => {
  const e2e = useBrowserSession(UI_TIMEOUT);
  const { watched } = e2e;
  let admin: ApiSession;
  let jyj: ApiSession;
  let index: ResponsibilitySummary[] = [];

  const idOf = (name: string) => {
    const found = index.find((d) => d.department === name);
    if (!found) throw new Error(`责任清单索引中没有 ${name}`);
    return found.departmentId;
  };

  /** The goals shown on the page, split by the department's role. */
  async function shownGoals(page: Page): Promise<{ lead: string[]; responsible: string[] }> {
    const rows = await page.locator('.responsibility-goals tr[data-goal]').evaluateAll((trs) =>
      trs.map((tr) => ({ key: tr.getAttribute('data-goal') ?? '', roles: (tr.getAttribute('data-roles') ?? '').split(' ') })),
    );
    return {
      lead: rows.filter((r) => r.roles.includes('lead')).map((r) => r.key).sort(),
      responsible: rows.filter((r) => r.roles.includes('responsible')).map((r) => r.key).sort(),
    };
  }

  beforeAll(async () => {
    await e2e.start({ adminPassword: ADMIN_PASSWORD });
    await e2e.addUser({ username: 'jyj', role: 'reporter', department: OWN, name: '市教育局填报员', password: JYJ_PASSWORD });
    admin = await e2e.loginAdmin();
    jyj = await e2e.login('jyj', JYJ_PASSWORD);
    index = await admin.get<ResponsibilitySummary[]>('/responsibilities');
  }, 300_000);

  let office: Page;

  it('办公室打开三个单位的责任清单：牵头、责任目标与规划文本逐一相符', async () => {
    office = await e2e.open(admin, '/responsibility');
    // The index lists every unit the plans name; choosing one opens its list.
    await office.locator('.department-index').getByText(DEPARTMENTS[0], { exact: true }).click();
    await office.waitForURL(new RegExp(`department=${idOf(DEPARTMENTS[0])}`));
    for (const name of DEPARTMENTS) {
      if (name !== DEPARTMENTS[0]) await office.goto(`/responsibility?department=${idOf(name)}`);
      const list = office.locator(`.responsibility-list[data-department="${name}"]`);
      await list.waitFor();
      const expected = seedGoals(name);
      expect(expected.lead.length, `${name} 在规划中牵头的目标`).toBeGreaterThan(0);
      expect(expected.responsible.length, `${name} 在规划中参与的目标`).toBeGreaterThan(0);
      expect(await shownGoals(office)).toEqual(expected);
      expect(await office.locator('.count-lead .ant-statistic-content-value').innerText()).toBe(String(expected.lead.length));
      expect(await office.locator('.count-responsible .ant-statistic-content-value').innerText()).toBe(String(expected.responsible.length));
      // Goals link to their pages; the plan and domain headings group them.
      expect(await office.locator('.responsibility-goals .goal-link').first().getAttribute('href')).toMatch(/^\/goals\/\d+$/);
      expect(await office.locator('.responsibility-goals .goal-plan').count()).toBe(new Set([...expected.lead, ...expected.responsible].map((k) => k.split('-')[0])).size);
    }
    await screenshot(office, 'r01-responsibility-list');
    await office.screenshot({ path: path.join(SCREENSHOT_DIR, 'r01-responsibility-list-top.png') });
  });

  it('导出 Excel 和 Word，查看一项目标的分工', async () => {
    await office.goto(`/responsibility?department=${idOf(OWN)}`);
    await office.locator(`.responsibility-list[data-department="${OWN}"]`).waitFor();
    for (const [button, ext] of [['.export-xlsx', 'xlsx'], ['.export-docx', 'docx']] as const) {
      const [download] = await Promise.all([office.waitForEvent('download'), office.locator(button).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${OWN}责任清单-\\d{4}-\\d{2}-\\d{2}\\.${ext}$`));
      const file = await download.path();
      expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    }
    const first = seedGoals(OWN).lead[0] as string;
    await office.locator(`tr[data-goal="${first}"] .show-goal-units`).click();
    const drawer = office.locator('.goal-responsibility-drawer');
    const row = drawer.locator('.goal-unit-table tbody tr', { hasText: OWN });
    await row.waitFor();
    expect(await row.innerText()).toContain('牵头');
    // The list is long (every goal on one page): the drawer over the top of it, as the user sees it.
    await office.waitForTimeout(350);
    await office.screenshot({ path: path.join(SCREENSHOT_DIR, 'r02-goal-units.png') });
  });

  let overdueTask: TaskView;
  let futureTask: TaskView;

  it('接口布置的任务出现在日历的截止日和逾期列表中', async () => {
    overdueTask = await admin.call<TaskView>('POST', '/tasks', { title: '报送课后服务开展情况', kind: 'other', owner: { department: OWN }, dueDate: dayFromToday(-10) });
    futureTask = await admin.call<TaskView>('POST', '/tasks', { title: '报送女童教育专项统计', kind: 'other', owner: { department: OWN }, dueDate: dayFromToday(20) });
    expect(overdueTask.dueState).toBe('overdue');

    await office.goto('/responsibility/tasks');
    await office.locator(`.overdue-table tr[data-task-id="${overdueTask.id}"]`).waitFor();
    expect(await office.locator(`.overdue-table tr[data-task-id="${futureTask.id}"]`).count()).toBe(0);
    expect(await office.locator(`.overdue-table tr[data-task-id="${overdueTask.id}"] .task-due-state`).getAttribute('data-state')).toBe('overdue');

    for (const task of [overdueTask, futureTask]) {
      await office.goto(`/responsibility/tasks?view=calendar&month=${task.dueDate.slice(0, 7)}`);
      const day = office.locator(`.task-calendar .calendar-day-tasks[data-date="${task.dueDate}"]`);
      await day.locator(`.calendar-task[data-task-id="${task.id}"]`).waitFor();
      expect(await day.innerText()).toContain(task.title);
      // Only on its own day.
      expect(await office.locator(`.task-calendar .calendar-task[data-task-id="${task.id}"]`).count()).toBe(1);
    }
    await screenshot(office, 'r03-task-calendar');
  });

  it('市教育局在页面上办结逾期任务，它从逾期列表中消失', async () => {
    const page = await e2e.open(jyj, '/responsibility/tasks');
    // The in-app reminder names the overdue task.
    await page.locator(`.task-reminders .task-reminder[data-task-id="${overdueTask.id}"]`).waitFor();
    const row = page.locator(`.overdue-table tr[data-task-id="${overdueTask.id}"]`);
    await row.waitFor();
    await screenshot(page, 'r04-overdue-before');
    await row.locator('.complete-task').click();
    const modal = page.locator('.task-action-modal');
    await modal.getByLabel('办结说明').fill('已于本周报送市妇儿工委办公室');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await row.waitFor({ state: 'detached' });
    await page.locator('.overdue-empty').waitFor();
    const done = await jyj.get<TaskView>(`/tasks/${overdueTask.id}`);
    expect(done).toMatchObject({ status: 'done', outcomeNote: '已于本周报送市妇儿工委办公室', completedBy: { name: '市教育局填报员' } });
    expect((await jyj.get<TaskView[]>('/tasks/overdue')).map((t) => t.id)).not.toContain(overdueTask.id);
    // The department's own list shows the remaining open task, not the completed one.
    await page.goto('/responsibility');
    await page.locator(`.responsibility-list[data-department="${OWN}"]`).waitFor();
    await page.locator(`.responsibility-task-table tr[data-task-id="${futureTask.id}"]`).waitFor();
    expect(await page.locator(`.responsibility-task-table tr[data-task-id="${overdueTask.id}"]`).count()).toBe(0);
  });

  it('办公室在页面上布置任务，按责任单位筛选可见', async () => {
    const due = dayFromToday(40);
    await office.goto('/responsibility/tasks');
    await office.locator('.new-task').click();
    const modal = office.locator('.new-task-modal');
    await modal.getByLabel('任务名称').fill('报送妇女议事会试点总结');
    await chooseOption(office, modal.getByLabel('责任单位'), '市妇联', { search: true });
    await modal.getByLabel('截止日期').fill(due);
    await modal.getByLabel('截止日期').press('Enter');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });
    const created = (await admin.get<TaskView[]>(`/tasks?department=${encodeURIComponent('市妇联')}`)).find((t) => t.title === '报送妇女议事会试点总结');
    expect(created).toMatchObject({ dueDate: due, status: 'open', kind: 'other', owner: { departmentName: '市妇联' } });

    // Filter the list by owner: only the 市妇联 task remains.
    await chooseOption(office, office.locator('.filter-owner').getByRole('combobox'), '市妇联', { search: true });
    await office.locator(`.task-table tr[data-task-id="${created!.id}"]`).waitFor();
    await expect.poll(() => office.locator('.task-table tr.task-row').count(), { timeout: UI_TIMEOUT }).toBe(1);
    await screenshot(office, 'r06-task-created');
  });

  it('部门用户默认看本单位清单，打开其他单位的清单时显示无权查看', async () => {
    const page = await e2e.open(jyj, '/responsibility');
    await page.locator(`.responsibility-list[data-department="${OWN}"]`).waitFor();
    expect(await shownGoals(page)).toEqual(seedGoals(OWN));
    expect(await page.locator('.department-select.ant-select-disabled').count()).toBe(1);

    watched.allow(/403/);
    await page.goto(`/responsibility?department=${idOf('市卫生健康委')}`);
    const alert = page.locator('.ant-alert-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('无权查看其他单位的责任清单');
    expect(await page.locator('.responsibility-list').count()).toBe(0);
    await screenshot(page, 'r05-forbidden');
  });

  it('办公室在页面上为市卫生健康委登记提醒联系人，该单位离开无联系人名单，随后删除', async () => {
    const UNIT = '市卫生健康委';
    const EMAIL = 'zhangsan@wjw.zibo.example.cn';
    const task = await admin.call<TaskView>('POST', '/tasks', { title: '报送孕产妇死亡评审情况', kind: 'other', owner: { department: UNIT }, dueDate: dayFromToday(-3) });
    expect(task.dueState).toBe('overdue');
    await office.goto('/responsibility/tasks?view=contacts');
    const warning = office.locator('.contactless-units');
    await warning.locator(`.contactless-unit[data-unit="${UNIT}"]`).waitFor();
    expect(await warning.innerText()).toContain('以下单位尚无提醒联系人，逾期提醒邮件将无法送达');

    await office.locator('.add-contact').click();
    const modal = office.locator('.reminder-contact-modal');
    await chooseOption(office, modal.getByLabel('单位', { exact: true }), UNIT, { search: true });
    await modal.getByLabel('联系人', { exact: true }).fill('张三');
    // A malformed address is refused in the form, before anything is sent.
    await modal.getByLabel('邮箱', { exact: true }).fill('zhangsan@');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.locator('.ant-form-item-explain-error', { hasText: '邮箱地址格式不正确' }).waitFor();
    await modal.getByLabel('邮箱', { exact: true }).fill(EMAIL);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });

    const row = office.locator(`.reminder-contact-table tr[data-unit="${UNIT}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('张三');
    expect(await row.innerText()).toContain(EMAIL);
    await office.locator('.contactless-units').waitFor();
    expect(await office.locator(`.contactless-unit[data-unit="${UNIT}"]`).count()).toBe(0);
    const stored = (await admin.get<{ id: number; owner: string; name: string; email: string }[]>('/reminder-contacts')).filter((c) => c.owner === UNIT);
    expect(stored).toEqual([expect.objectContaining({ name: '张三', email: EMAIL })]);
    await screenshot(office, 'r07-reminder-contacts');

    await row.locator('.remove-contact').click();
    await office.locator('.confirm-remove-contact').click();
    await row.waitFor({ state: 'detached' });
    await office.locator(`.contactless-units .contactless-unit[data-unit="${UNIT}"]`).waitFor();
    expect((await admin.get<{ owner: string }[]>('/reminder-contacts')).filter((c) => c.owner === UNIT)).toEqual([]);
  });
});
