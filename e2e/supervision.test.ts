/**
 * Supervision, meetings and pilots end to end (issue 6): the office records a supervision visit with a finding for
 * 市卫生健康委 and turns it into a rectification task; the department sees the task and reports its rectification;
 * the office closes the finding (销号). A meeting decision becomes a task its owner (市教育局) sees and completes.
 * A pilot with a milestone is recorded and shown against its goal. Access: a department cannot close a finding, nor
 * report on or edit another department's task (403 with a Chinese message).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MeetingView, PilotView, SupervisionView, TaskView } from '../src/services/responsibility/responsibility.contract.ts';
import type { PlanSummary, PlanTree } from '../web/src/api/types.ts';
import { requireOrSkip } from '../test/requirements.ts';
import { clickUntil } from './ant-confirm.ts';
import { chooseOption } from './ant-select.ts';
import { ApiCallError } from './api-session.ts';
import type { ApiSession } from './api-session.ts';
import { screenshot } from './chromium.ts';
import { useBrowserSession } from './browser-session.ts';

const UI_TIMEOUT = 20_000;
const ADMIN_PASSWORD = 'Office2024ok';
const PASSWORDS = { wjw: 'Weijianwei2024', jyj: 'Jiaoyuju2024' };
const HEALTH = '市卫生健康委';
const EDUCATION = '市教育局';
const FINDING = '部分医疗机构孕产妇健康管理台账不完整';
const REPORT = '已对全市42家助产机构逐一核查，补齐孕产妇健康管理台账，建立月度抽查制度';

// Each step waits up to UI_TIMEOUT for the page; a test of several steps needs more than vitest's 30 s under load.
describe.skipIf(requireOrSkip('chromium'))('督导检查、会议与试点：问题转任务、整改、销号（无头 Chromium）', { timeout: 120_000 }, () => {
  const e2e = useBrowserSession(UI_TIMEOUT);
  const { watched } = e2e;
  let admin: ApiSession;
  let wjw: ApiSession;
  let jyj: ApiSession;
  let office: Page;

  beforeAll(async () => {
    await e2e.start({ adminPassword: ADMIN_PASSWORD });
    await e2e.addUser({ username: 'wjw', role: 'reporter', department: HEALTH, name: '市卫健委填报员', password: PASSWORDS.wjw });
    await e2e.addUser({ username: 'jyj', role: 'reporter', department: EDUCATION, name: '市教育局填报员', password: PASSWORDS.jyj });
    admin = await e2e.loginAdmin();
    wjw = await e2e.login('wjw', PASSWORDS.wjw);
    jyj = await e2e.login('jyj', PASSWORDS.jyj);
    office = await e2e.open(admin, '/responsibility/supervision');
  }, 300_000);

  const { eventually } = e2e;

  /** Picks a unit (成员单位 or 区县 group) of a unit select by typing its name; not the typed-in name itself. */
  async function pickOption(page: Page, label: string, optionLabel: string): Promise<void> {
    await chooseOption(page, page.getByRole('combobox', { name: label, exact: true }), optionLabel, { search: true, grouped: true });
  }

  async function fillDate(page: Page, label: string, date: string): Promise<void> {
    const input = page.getByRole('textbox', { name: label, exact: true });
    await input.fill(date);
    await input.press('Enter');
  }

  const findingRow = (page: Page) => page.locator('.findings-table tbody tr.finding-row', { hasText: FINDING });
  const refusal = async (work: Promise<unknown>) => {
    const err = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiCallError);
    return err as ApiCallError;
  };

  let visitId = 0;
  let findingId = 0;
  let taskId = 0;

  it('办公室登记督查及发现的问题，并将问题转为整改任务', async () => {
    await office.locator('.supervision-table').waitFor();
    expect(await office.locator('.supervision-table').innerText()).toContain('尚无督查记录');
    await office.locator('.create-supervision').click();
    const modal = office.locator('.supervision-modal');
    await modal.getByLabel('督查名称').fill('2026年妇女儿童发展规划实施情况督查');
    await fillDate(office, '督查日期', '2026-11-20');
    await modal.getByLabel('督查组成员').fill('市妇儿工委办公室、市政府督查室');
    await pickOption(office, '被督查单位', HEALTH);
    await pickOption(office, '被督查单位', EDUCATION);
    await office.keyboard.press('Escape');
    await modal.getByLabel('督查情况').fill('听取汇报、查阅台账、实地走访');
    await modal.locator('.add-finding-input').click();
    await modal.getByLabel('问题1问题描述').fill(FINDING);
    await pickOption(office, '问题1涉及单位', HEALTH);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await office.waitForURL(/\/responsibility\/supervision\/\d+$/);
    visitId = Number(office.url().split('/').pop());

    const row = findingRow(office);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('unassigned');
    expect(await row.innerText()).toContain(`涉及单位：${HEALTH}`);
    expect(await office.locator('.page-header').innerText()).toContain('发现问题1项，未办结1项');
    findingId = Number(await row.getAttribute('data-finding-id'));

    await row.locator('.assign-finding').click();
    const assign = office.locator('.assign-modal');
    expect(await assign.innerText()).toContain(`不选则由问题所涉单位“${HEALTH}”负责`);
    await fillDate(office, '截止日期', '2027-03-31');
    await assign.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually(() => row.getAttribute('data-state')).toBe('in_progress');
    expect(await row.locator('.task-owner').innerText()).toBe(HEALTH);
    expect(await row.locator('.task-due-date').innerText()).toBe('2027-03-31');
    expect(await row.locator('.task-status').getAttribute('data-status')).toBe('open');
    await screenshot(office, 's01-supervision-assigned');

    const visit = await admin.get<SupervisionView>(`/supervisions/${visitId}`);
    expect(visit.units.map((u) => u.name)).toEqual([HEALTH, EDUCATION]);
    taskId = visit.findings[0]!.task!.id;
    expect(visit.findings[0]!.task).toMatchObject({ kind: 'supervision_followup', dueDate: '2027-03-31', owner: { label: HEALTH } });
  });

  it('市卫生健康委看到整改任务并报告整改情况；不能销号，其他部门不能代报或修改', async () => {
    // The task is the department's, and only its.
    expect((await wjw.get<TaskView[]>('/tasks?kind=supervision_followup')).map((t) => t.id)).toEqual([taskId]);
    expect(await jyj.get<TaskView[]>('/tasks?kind=supervision_followup')).toEqual([]);

    const page = await e2e.open(wjw, '/responsibility/supervision');
    await page.locator('.supervision-table').waitFor();
    await page.getByText('涉及本单位整改（1）').click();
    await page.locator('.supervision-link').click();
    const row = findingRow(page);
    await row.waitFor();
    expect(await row.locator('.task-owner').innerText()).toBe(HEALTH);
    expect(await page.locator('.assign-finding, .close-finding, .add-finding').count()).toBe(0);
    expect(await page.locator('.section-gap').innerText()).toContain('本单位有1项整改任务');

    await row.locator('.report-finding').click();
    const modal = page.locator('.report-modal');
    await modal.getByLabel('整改情况').fill(REPORT);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually(() => row.getAttribute('data-state')).toBe('reported');
    expect(await row.locator('.finding-report').innerText()).toContain(REPORT);
    expect(await row.locator('.follow-up-state').innerText()).toBe('已报整改，待销号');
    expect(await row.locator('.task-status').getAttribute('data-status')).toBe('open');
    await screenshot(page, 's02-supervision-reported');

    // The department does not close its own finding, neither here nor as a task.
    const close = await refusal(wjw.call('POST', `/supervision-findings/${findingId}/close`, {}));
    expect(close.status).toBe(403);
    expect(close.message).toContain('无权销号：仅妇儿工委办公室（管理员）可以对督查发现的问题销号');
    const complete = await refusal(wjw.call('POST', `/tasks/${taskId}/complete`, { note: '自行办结' }));
    expect(complete.status).toBe(403);
    expect(complete.message).toContain('无权办结该任务');
    // Another department neither reports on it nor edits it.
    const foreign = await refusal(jyj.call('POST', `/supervision-findings/${findingId}/report`, { note: '代为报告' }));
    expect(foreign.status).toBe(403);
    expect(foreign.message).toContain('无权报告整改情况：该整改任务不属于您的单位');
    const edit = await refusal(jyj.call('PATCH', `/tasks/${taskId}`, { dueDate: '2027-12-31' }));
    expect(edit.status).toBe(403);
    expect(edit.message).toMatch(/无权/);

    const other = await e2e.open(jyj, `/responsibility/supervision/${visitId}`);
    await findingRow(other).waitFor();
    expect(await other.locator('.report-finding, .close-finding, .assign-finding').count()).toBe(0);
  });

  it('办公室核实后销号，问题和任务均显示已办结', async () => {
    await office.goto(`/responsibility/supervision/${visitId}`);
    const row = findingRow(office);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('reported');
    expect(await office.locator('.section-gap').innerText()).toContain('1项问题的责任单位已报告整改情况，请核实后销号');
    await row.locator('.close-finding').click();
    const modal = office.locator('.close-modal');
    await modal.getByLabel('销号说明').fill('经实地核实，台账已补齐，予以销号');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually(() => row.getAttribute('data-state')).toBe('closed');
    expect(await row.locator('.task-status').getAttribute('data-status')).toBe('done');
    expect(await row.innerText()).toContain('经实地核实，台账已补齐，予以销号');
    expect(await row.locator('.close-finding, .report-finding').count()).toBe(0);
    expect(await office.locator('.page-header').innerText()).toContain('未办结0项');
    await screenshot(office, 's03-supervision-closed');

    await office.goto('/responsibility/supervision');
    const listed = office.locator('.supervision-table tbody tr', { hasText: '2026年妇女儿童发展规划实施情况督查' });
    await listed.waitFor();
    expect(await listed.locator('.supervision-status').innerText()).toBe('全部办结');
    const seen = await wjw.get<SupervisionView>(`/supervisions/${visitId}`);
    expect(seen.findings[0]).toMatchObject({ state: 'closed', stateLabel: '已办结', task: { status: 'done', completedBy: { name: expect.any(String) } } });
    expect((await wjw.get<TaskView>(`/tasks/${taskId}`)).status).toBe('done');
  });

  it('会议议定事项转为任务，责任单位市教育局看到并办结', async () => {
    await office.goto('/responsibility/meetings');
    await office.locator('.meeting-table').waitFor();
    await office.locator('.create-meeting').click();
    const modal = office.locator('.meeting-modal');
    await fillDate(office, '会议日期', '2026-11-25');
    await modal.getByLabel('地点').fill('市政府第一会议室');
    await pickOption(office, '参会单位', HEALTH);
    await pickOption(office, '参会单位', EDUCATION);
    await office.keyboard.press('Escape');
    await modal.getByLabel('会议纪要').fill('审议2026年度规划实施情况报告，部署2027年重点工作。');
    await modal.locator('.add-decision-input').click();
    await modal.getByLabel('事项1议定事项').fill('市教育局牵头制定中小学心理健康教育三年行动方案');
    await pickOption(office, '事项1责任单位', EDUCATION);
    await fillDate(office, '事项1完成时限', '2027-04-30');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();

    const drawer = office.locator('.meeting-drawer');
    await drawer.locator('.meeting-detail').waitFor();
    expect(await drawer.locator('.ant-drawer-title').innerText()).toBe('2026-11-25 2026年妇儿工委全体会议');
    expect(await drawer.locator('.meeting-minutes').innerText()).toContain('审议2026年度规划实施情况报告');
    const decision = drawer.locator('.decisions-table tbody tr', { hasText: '心理健康教育三年行动方案' });
    expect(await decision.getAttribute('data-state')).toBe('unassigned');
    await decision.locator('.assign-decision').click();
    const assign = office.locator('.assign-decision-modal');
    expect(await assign.innerText()).toContain('不选则按事项的完成时限 2027-04-30');
    await clickUntil(assign.locator('.ant-modal-footer .ant-btn-primary'), async () => (await decision.getAttribute('data-state')) === 'in_progress');
    expect(await decision.locator('.task-owner').innerText()).toBe(EDUCATION);
    expect(await decision.locator('.task-due-date').innerText()).toBe('2027-04-30');
    await screenshot(office, 's04-meeting-decision-task');
    const meetingId = Number(await drawer.locator('.meeting-detail').getAttribute('data-meeting-id'));

    // The owner sees the task; another department does not, and cannot complete it.
    const mine = await jyj.get<TaskView[]>('/tasks?kind=meeting_decision');
    expect(mine.map((t) => [t.owner.label, t.dueDate, t.status])).toEqual([[EDUCATION, '2027-04-30', 'open']]);
    expect(await wjw.get<TaskView[]>('/tasks?kind=meeting_decision')).toEqual([]);
    const foreign = await refusal(wjw.call('POST', `/tasks/${mine[0]!.id}/complete`, {}));
    expect(foreign.status).toBe(403);
    expect(foreign.message).toContain('无权查看该任务：它不属于您的部门或地区');

    const health = await e2e.open(wjw, `/responsibility/meetings?meeting=${meetingId}`);
    const seenByHealth = health.locator('.meeting-drawer .decisions-table tbody tr', { hasText: '心理健康教育三年行动方案' });
    await seenByHealth.waitFor();
    expect(await health.locator('.complete-decision, .assign-decision, .add-decision').count()).toBe(0);

    const page = await e2e.open(jyj, `/responsibility/meetings?meeting=${meetingId}`);
    const own = page.locator('.meeting-drawer .decisions-table tbody tr', { hasText: '心理健康教育三年行动方案' });
    await own.waitFor();
    expect(await own.locator('.task-status').getAttribute('data-status')).toBe('open');
    await own.locator('.complete-decision').click();
    const complete = page.locator('.complete-decision-modal');
    await complete.getByLabel('办结说明').fill('方案已印发（淄教发〔2027〕8号）');
    await complete.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually(() => own.getAttribute('data-state')).toBe('closed');
    expect(await own.locator('.task-status').getAttribute('data-status')).toBe('done');
    await screenshot(page, 's05-meeting-decision-done');
    expect((await admin.get<MeetingView>(`/meetings/${meetingId}`)).openDecisions).toBe(0);
  });

  it('登记围绕目标的试点及其节点，在试点页和按目标筛选的列表中显示', async () => {
    const plans = await admin.get<PlanSummary[]>('/plans');
    const women = plans.find((p) => p.kind === 'women' && p.regionCode === '370300')!;
    const tree = await admin.get<PlanTree>(`/plans/${women.code}`);
    const goal = tree.domains[0]!.goals[0]!;

    await office.goto('/responsibility/pilots');
    await office.locator('.pilot-table').waitFor();
    expect(await office.locator('.pilot-table').innerText()).toContain('尚无试点项目');
    await office.locator('.create-pilot').click();
    const modal = office.locator('.pilot-modal');
    await modal.getByLabel('试点名称').fill('孕产妇健康管理服务试点');
    const goals = office.getByLabel('围绕的主要目标', { exact: true });
    await goals.click();
    await goals.fill(goal.text.slice(0, 8));
    await office.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: goal.text.slice(0, 8) }).first().click();
    await office.keyboard.press('Escape');
    await pickOption(office, '试点单位', '博山区');
    await office.keyboard.press('Escape');
    await fillDate(office, '开始日期', '2026-01-01');
    await fillDate(office, '结束日期', '2027-12-31');
    await modal.locator('.add-milestone-input').click();
    await modal.getByLabel('节点1名称').fill('制定试点实施方案');
    await fillDate(office, '节点1日期', '2026-03-31');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await office.waitForURL(/\/responsibility\/pilots\/\d+$/);
    const pilotId = Number(office.url().split('/').pop());

    const goalLink = office.locator('.pilot-goal-link').first();
    await goalLink.waitFor();
    expect(await goalLink.getAttribute('href')).toBe(`/goals/${goal.id}`);
    expect(await goalLink.innerText()).toBe(`妇女规划 领域1 目标${goal.ord}：${goal.text}`);
    expect(await office.locator('.milestones-table tbody tr.ant-table-row').count()).toBe(1);
    expect(await office.locator('.milestones-card .pilot-progress').getAttribute('data-done')).toBe('0');
    await office.locator('.complete-milestone').click();
    await eventually(() => office.locator('.milestones-card .pilot-progress').getAttribute('data-done')).toBe('1');
    expect(await office.locator('.milestone-done').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} 完成$/);
    await office.locator('.edit-pilot').click();
    const edit = office.locator('.edit-pilot-modal');
    await chooseOption(office, edit.getByRole('combobox', { name: '试点状态', exact: true }), '实施中');
    await edit.getByLabel('试点成效').fill('博山区建档孕产妇1.2万人，早孕建册率提高到95%');
    await edit.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually(() => office.locator('.pilot-status').first().getAttribute('data-status')).toBe('running');
    expect(await office.locator('.pilot-results').innerText()).toContain('早孕建册率提高到95%');
    await screenshot(office, 's06-pilot');

    const pilot = await admin.get<PilotView>(`/pilots/${pilotId}`);
    expect(pilot).toMatchObject({ goals: [{ plan: 'women', domain: 1, goal: goal.ord, goalId: goal.id }], units: [{ name: '博山区' }], progress: { done: 1, total: 1, overdue: 0 } });

    // Against its goal: the list filtered by the goal, and the goal's own page.
    await office.goto(`/responsibility/pilots?goal=women-1-${goal.ord}`);
    await office.locator('.pilot-goal-filter').waitFor();
    expect(await office.locator('.pilot-goal-filter').innerText()).toContain(goal.text);
    expect(await office.locator('.pilot-table tbody tr.ant-table-row').allInnerTexts()).toEqual([expect.stringContaining('孕产妇健康管理服务试点')]);
    await office.goto(`/responsibility/pilots?goal=women-1-${goal.ord + 1}`);
    await office.locator('.pilot-goal-filter').waitFor();
    expect(await office.locator('.pilot-table tbody tr.ant-table-row').count()).toBe(0);
    await office.goto(`/responsibility/pilots/${pilotId}`);
    await office.locator('.pilot-goal-link').first().click();
    await office.waitForURL(new RegExp(`/goals/${goal.id}$`));
  });

  it('任务已改由其他单位负责时，部门在打开的页面上报告整改被拒绝，页面显示服务器的中文提示', async () => {
    let visit = await admin.call<SupervisionView>('POST', '/supervisions', {
      title: '儿童之家建设专项督查',
      visitDate: '2026-11-26',
      units: [{ department: HEALTH }],
      findings: [{ text: '托育机构卫生保健指导覆盖不全', unit: { department: HEALTH } }],
    });
    visit = await admin.call<SupervisionView>('POST', `/supervision-findings/${visit.findings[0]!.id}/task`, { dueDate: '2027-06-30' });
    const task = visit.findings[0]!.task!;

    const page = await e2e.open(wjw, `/responsibility/supervision/${visit.id}`);
    const row = page.locator('.findings-table tbody tr.finding-row', { hasText: '托育机构卫生保健指导覆盖不全' });
    await row.locator('.report-finding').waitFor();
    // Meanwhile the office hands the task to the education bureau; the department's open page does not know.
    await admin.call('PATCH', `/tasks/${task.id}`, { owner: { department: EDUCATION } });

    watched.allow(/403 POST .*\/api\/supervision-findings\/\d+\/report/, /status of 403/);
    await row.locator('.report-finding').click();
    const modal = page.locator('.report-modal');
    await modal.getByLabel('整改情况').fill('已完成指导');
    // A click that lands while the dialog is still opening does nothing under load: click again until the refusal shows.
    const refusalText = modal.locator('.form-modal-error');
    await expect
      .poll(
        async () => {
          if ((await refusalText.count()) === 0) await modal.locator('.ant-modal-footer .ant-btn-primary').click({ timeout: 5000 }).catch(() => undefined);
          return (await refusalText.count()) > 0 ? refusalText.innerText() : '';
        },
        { timeout: 60_000 },
      )
      .toBe('无权报告整改情况：该整改任务不属于您的单位');
    await screenshot(page, 's07-supervision-refused');
    await modal.locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary)').click();
    await page.reload();
    await row.waitFor();
    expect(await row.locator('.task-owner').innerText()).toBe(EDUCATION);
    expect(await row.locator('.report-finding').count()).toBe(0);
    expect((await admin.get<SupervisionView>(`/supervisions/${visit.id}`)).findings[0]).toMatchObject({ state: 'in_progress', reports: [] });
  });
});
