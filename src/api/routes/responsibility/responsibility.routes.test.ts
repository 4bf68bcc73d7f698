import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../../test/databases.ts';
import { createUser } from '../../../services/accounts/user.service.ts';
import type { CountyPlanOverviewRow } from '../../../services/responsibility/county-plan.service.ts';
import type { CountyPlanView } from '../../../services/responsibility/county-plan.view.ts';
import type { ImplementationPlanView } from '../../../services/responsibility/implementation-plan.service.ts';
import type { ResponsibilityList } from '../../../services/responsibility/responsibility-list.service.ts';
import { BOSHAN, seedGoalsOf, seedResponsibility, ZHANGDIAN } from '../../../services/responsibility/responsibility.test-support.ts';
import type { SupervisionView } from '../../../services/responsibility/supervision.service.ts';
import type { TaskView } from '../../../services/responsibility/task.service.ts';
import { buildApp } from '../../app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../auth/auth.contract.ts';

const PASSWORD = 'Resp-test-pass-2025';

interface Session {
  cookie: string;
  csrf: string;
}

forEachDialect('responsibility API', (getDb) => {
  let app: FastifyInstance;
  const sessions: Record<string, Session> = {};

  beforeAll(async () => {
    const db = getDb();
    await seedResponsibility(db);
    const users: [string, Parameters<typeof createUser>[1]['roles'], string | null, string | null][] = [
      ['office', ['admin'], null, '370300'],
      ['zhangdian', ['reporter'], null, ZHANGDIAN],
      ['boshan', ['reporter'], null, BOSHAN],
      ['health', ['reporter'], '市卫健委', null],
      ['education', ['reporter'], '市教育局', null],
    ];
    for (const [username, roles, department, regionCode] of users) {
      await createUser(db, { username, roles, department, regionCode, password: PASSWORD, mustChangePassword: false });
    }
    app = await buildApp({ db });
    for (const [username] of users) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
      sessions[username] = { cookie: `${SESSION_COOKIE}=${cookie?.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const call = async (who: string | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const session = who === null ? null : sessions[who];
    return app.inject({
      method,
      url: encodeURI(url),
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: session === null || session === undefined ? {} : { cookie: session.cookie, [CSRF_HEADER]: session.csrf },
    });
  };
  const ok = async <T>(who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, status = 200): Promise<T> => {
    const res = await call(who, method, url, payload);
    expect(res.statusCode, res.body.slice(0, 400)).toBe(status);
    return res.json<T>();
  };

  it('requires login for every responsibility route', async () => {
    for (const [method, url] of [
      ['GET', '/api/responsibilities'],
      ['GET', '/api/responsibilities/市卫健委'],
      ['GET', '/api/county-plans'],
      ['GET', '/api/tasks'],
      ['GET', '/api/supervisions'],
      ['GET', '/api/meetings'],
      ['GET', '/api/pilots'],
    ] as const) {
      const res = await call(null, method, url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json()).toEqual({ error: 'unauthenticated', message: '请先登录（未登录或登录已过期）' });
    }
    const post = await call(null, 'POST', '/api/county-plans', { regionCode: ZHANGDIAN, planKind: 'women' });
    expect(post.statusCode).toBe(401);
  });

  it('answers the responsibility list by name or alias, with goals by their numbers', async () => {
    const list = await ok<ResponsibilityList>('health', 'GET', '/api/responsibilities/市卫健委.json');
    const expected = seedGoalsOf('市卫生健康委');
    expect(list.department).toBe('市卫生健康委');
    expect(list.lead.map(({ plan, domain, goal }) => ({ plan, domain, goal }))).toEqual(expected.lead);
    expect(list.responsible.map(({ plan, domain, goal }) => ({ plan, domain, goal }))).toEqual(expected.responsible);
    const missing = await call('education', 'GET', '/api/responsibilities/市某某局');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found', message: '单位“市某某局”不存在' });
    // A department reads its own list only; the office reads every one.
    const other = await call('education', 'GET', '/api/responsibilities/市卫健委');
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ message: '无权查看其他单位的责任清单：部门用户只能查看本单位的责任清单' });
    expect((await call('education', 'GET', '/api/responsibilities/市卫健委.xlsx')).statusCode).toBe(403);
    expect((await ok<ResponsibilityList>('office', 'GET', '/api/responsibilities/市卫健委')).lead.length).toBe(expected.lead.length);
  });

  it('exports the list as .xlsx and .docx over HTTP', async () => {
    const list = await ok<ResponsibilityList>('office', 'GET', '/api/responsibilities/市教育局');
    const xlsx = await call('office', 'GET', '/api/responsibilities/市教育局.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(xlsx.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('市教育局责任清单-')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('主要目标');
    expect(sheet?.rowCount).toBe(1 + list.lead.length + list.responsible.length);
    expect(String(sheet?.getRow(2).getCell(5).value)).toBe(list.lead[0]?.text);

    const docx = await call('office', 'GET', '/api/responsibilities/市教育局.docx');
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('市教育局责任清单');
    expect(xml).toContain(list.responsible[0]?.text);
  });

  describe('county plans', () => {
    let zhangdian: CountyPlanView;

    it('lets a county edit only its own plan', async () => {
      zhangdian = await ok<CountyPlanView>('zhangdian', 'POST', '/api/county-plans', { regionCode: ZHANGDIAN, planKind: 'women' }, 201);
      const boshan = await ok<CountyPlanView>('boshan', 'POST', '/api/county-plans', { regionCode: BOSHAN, planKind: 'women' }, 201);
      const foreign = await call('zhangdian', 'PATCH', `/api/county-plans/${boshan.id}`, { promulgatedAt: '2022-03-01' });
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json()).toEqual({ error: 'forbidden', message: '无权修改该区县规划：只有博山区妇儿工委（填报员）或市妇儿工委办公室可以修改' });
      expect((await call('zhangdian', 'POST', `/api/county-plans/${boshan.id}/file`, {})).statusCode).toBe(403);
      expect((await call('health', 'PATCH', `/api/county-plans/${zhangdian.id}`, { title: 'x' })).statusCode).toBe(403);
      expect((await call('zhangdian', 'POST', '/api/county-plans', { regionCode: BOSHAN, planKind: 'children' })).statusCode).toBe(403);
      // The other county's plan is still as it was.
      const unchanged = await ok<CountyPlanView>('office', 'GET', `/api/county-plans/${boshan.id}`);
      expect(unchanged.promulgatedAt).toBeNull();

      await ok('boshan', 'PATCH', `/api/county-plans/${boshan.id}`, { promulgatedAt: '2022-03-01' });
      await ok('boshan', 'POST', `/api/county-plans/${boshan.id}/file`, { filedAt: '2022-03-25' });
    });

    it('shows the office a plan filed late, flagged, and one filed on time, not', async () => {
      await ok('zhangdian', 'PATCH', `/api/county-plans/${zhangdian.id}`, { promulgatedAt: '2022-03-01' });
      const filed = await ok<CountyPlanView>('zhangdian', 'POST', `/api/county-plans/${zhangdian.id}/file`, { filedAt: '2022-04-15' });
      expect(filed.filing).toMatchObject({ state: 'late', deadline: '2022-04-01', daysLate: 14 });
      const rows = await ok<CountyPlanOverviewRow[]>('office', 'GET', '/api/county-plans?planKind=women');
      const row = (code: string) => rows.find((r) => r.region.code === code);
      expect(row(ZHANGDIAN)).toMatchObject({ flagged: true, flags: ['逾期报送'], plan: { status: 'filed', filedAt: '2022-04-15', filing: { state: 'late', stateLabel: '逾期报送' } } });
      expect(row(ZHANGDIAN)?.plan?.filing.explanation).toBe('2022-03-01颁布，应于2022-04-01前报送，2022-04-15报送，逾期14天');
      expect(row(BOSHAN)).toMatchObject({ flagged: false, plan: { filedAt: '2022-03-25', filing: { state: 'on_time', stateLabel: '按期报送' } } });
    });

    it('highlights a county target weaker than the city target', async () => {
      await ok('office', 'POST', `/api/county-plans/${zhangdian.id}/review`, { decision: 'returned', note: '请补充说明' });
      const plan = await ok<CountyPlanView>('zhangdian', 'GET', `/api/county-plans/${zhangdian.id}`);
      const target = plan.domains.flatMap((d) => d.goals.flatMap((g) => g.targets)).find((t) => t.indicatorName === '妇女常见病筛查率');
      expect(target).toMatchObject({ op: '>=', value: 85, weaker: false });
      const changed = await ok<CountyPlanView>('zhangdian', 'PATCH', `/api/county-plans/${zhangdian.id}/targets/${target?.id}`, { value: 80, reason: '本区基础较弱' });
      const weaker = changed.domains.flatMap((d) => d.goals.flatMap((g) => g.targets)).find((t) => t.id === target?.id);
      expect(weaker).toMatchObject({ value: 80, status: 'adjusted', weaker: true, comparison: { result: 'weaker', reason: '目标值低于市目标（市：≥85%；区县：≥80%）' } });
      const rows = await ok<CountyPlanOverviewRow[]>('office', 'GET', '/api/county-plans?planKind=women');
      expect(rows.find((r) => r.region.code === ZHANGDIAN)?.flags).toEqual(['逾期报送', '1项目标低于市目标']);
      const bad = await call('zhangdian', 'PATCH', `/api/county-plans/${zhangdian.id}`, { promulgatedAt: '2022/03/01' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toContain('颁布日期应为 YYYY-MM-DD 格式的日期');
    });
  });

  it('lets a department edit only its own implementation plan', async () => {
    const healthGoal = seedGoalsOf('市卫生健康委').lead[0];
    const plan = await ok<ImplementationPlanView>('health', 'POST', '/api/implementation-plans', { title: '市卫生健康委妇女健康实施方案', goals: [healthGoal] }, 201);
    expect(plan).toMatchObject({ department: { name: '市卫生健康委' }, status: 'draft', goals: [{ ...healthGoal, role: 'lead' }] });
    const foreign = await call('education', 'PATCH', `/api/implementation-plans/${plan.id}`, { title: '改名' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().message).toBe('无权修改该实施方案：部门只能编制和报送本部门的实施方案');
    expect((await call('education', 'POST', `/api/implementation-plans/${plan.id}/file`, {})).statusCode).toBe(403);
    expect((await call('zhangdian', 'POST', '/api/implementation-plans', { department: '市卫生健康委', title: 'x', goals: [healthGoal] })).statusCode).toBe(403);
    expect((await call('education', 'POST', '/api/implementation-plans', { department: '市卫生健康委', title: 'x', goals: [healthGoal] })).statusCode).toBe(403);
    // A department files only against goals the plans give it.
    const notOwn = seedGoalsOf('市卫生健康委').lead.find((g) => !JSON.stringify(seedGoalsOf('市教育局')).includes(JSON.stringify(g)));
    const refused = await call('education', 'POST', '/api/implementation-plans', { title: '教育实施方案', goals: [notOwn] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/未列市教育局为牵头或责任单位/);

    const filed = await ok<ImplementationPlanView>('health', 'POST', `/api/implementation-plans/${plan.id}/file`, {});
    expect(filed.status).toBe('filed');
    expect((await call('health', 'POST', `/api/implementation-plans/${plan.id}/review`, { decision: 'reviewed' })).statusCode).toBe(403);
    const reviewed = await ok<ImplementationPlanView>('office', 'POST', `/api/implementation-plans/${plan.id}/review`, { decision: 'reviewed', note: '同意' });
    expect(reviewed).toMatchObject({ status: 'reviewed', reviewedBy: 'office' });
  });

  it('turns a supervision finding into a task: the unit reports its rectification, the office closes it', async () => {
    expect((await call('education', 'POST', '/api/supervisions', { title: 'x', visitDate: '2024-05-20', units: [{ department: '市教育局' }] })).statusCode).toBe(403);
    let visit = await ok<SupervisionView>(
      'office',
      'POST',
      '/api/supervisions',
      { title: '规划落实情况督查', visitDate: '2024-05-20', units: [{ department: '市教育局' }], findings: [{ text: '学校心理健康教育不到位', unit: { department: '市教育局' } }] },
      201,
    );
    visit = await ok<SupervisionView>('office', 'POST', `/api/supervision-findings/${visit.findings[0]?.id}/task`, { dueDate: '2099-08-31' }, 201);
    const task = visit.findings[0]?.task as TaskView;
    expect(task).toMatchObject({ kind: 'supervision_followup', status: 'open', owner: { label: '市教育局' }, can: { complete: true } });
    const listed = await ok<SupervisionView[]>('health', 'GET', '/api/supervisions');
    expect(listed.find((v) => v.id === visit.id)).toMatchObject({ openFindings: 1, can: { manage: false }, findings: [{ state: 'in_progress', can: { report: false, close: false } }] });

    const mine = await ok<TaskView[]>('education', 'GET', '/api/tasks?status=open&kind=supervision_followup');
    expect(mine.map((t) => t.id)).toContain(task.id);
    expect((await ok<TaskView[]>('health', 'GET', '/api/tasks?kind=supervision_followup')).map((t) => t.id)).not.toContain(task.id);
    expect((await call('health', 'POST', `/api/tasks/${task.id}/complete`, {})).statusCode).toBe(403);
    const noCsrf = await app.inject({ method: 'POST', url: `/api/tasks/${task.id}/complete`, payload: {}, headers: { cookie: sessions.education?.cookie } });
    expect(noCsrf.statusCode).toBe(403);

    const findingId = visit.findings[0]?.id as number;
    const foreign = await call('health', 'POST', `/api/supervision-findings/${findingId}/report`, { note: '代为报告' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toEqual({ error: 'forbidden', message: '无权报告整改情况：该整改任务不属于您的单位' });
    expect((await call('education', 'POST', `/api/tasks/${task.id}/complete`, { note: '已整改' })).statusCode).toBe(403);
    const empty = await call('education', 'POST', `/api/supervision-findings/${findingId}/report`, { note: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('整改情况不能为空');
    const reported = await ok<SupervisionView>('education', 'POST', `/api/supervision-findings/${findingId}/report`, { note: '已整改' });
    expect(reported.findings[0]).toMatchObject({ state: 'reported', reports: [{ by: 'education', note: '已整改' }], can: { report: true, close: false } });
    const refused = await call('education', 'POST', `/api/supervision-findings/${findingId}/close`, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ error: 'forbidden', message: '无权销号：仅妇儿工委办公室（管理员）可以对督查发现的问题销号' });
    await ok<SupervisionView>('office', 'POST', `/api/supervision-findings/${findingId}/close`);
    const after = await ok<SupervisionView>('education', 'GET', `/api/supervisions/${visit.id}`);
    expect(after.findings[0]).toMatchObject({ state: 'closed', stateLabel: '已办结', task: { status: 'done', outcomeNote: '整改完成，予以销号', completedBy: { name: 'office' } } });
    expect(after.openFindings).toBe(0);
  });

  it('gives the office a review task for a filed plan, which the department can neither see nor close', async () => {
    const goal = seedGoalsOf('市卫生健康委').lead[1];
    const plan = await ok<ImplementationPlanView>('health', 'POST', '/api/implementation-plans', { title: '市卫生健康委儿童健康实施方案', goals: [goal] }, 201);
    await ok('health', 'POST', `/api/implementation-plans/${plan.id}/file`, {});
    const review = async () => {
      const found = await ok<TaskView[]>('office', 'GET', `/api/tasks?sourceType=implementation_plan_review&sourceId=${plan.id}`);
      expect(found).toHaveLength(1);
      return found[0] as TaskView;
    };
    const task = await review();
    expect(task).toMatchObject({ title: '审核：市卫生健康委实施方案“市卫生健康委儿童健康实施方案”', kind: 'implementation_plan', status: 'open', owner: { departmentId: null, regionCode: '370300', label: '市妇儿工委办公室' } });
    expect((await ok<TaskView[]>('office', 'GET', '/api/tasks?office=1&status=open')).map((t) => t.id)).toContain(task.id);
    // Not the department's: not listed, not readable, not closable.
    expect((await ok<TaskView[]>('health', 'GET', '/api/tasks?office=1')).map((t) => t.id)).toEqual([]);
    expect((await ok<TaskView[]>('health', 'GET', '/api/tasks')).map((t) => t.id)).not.toContain(task.id);
    expect((await call('health', 'GET', `/api/tasks/${task.id}`)).statusCode).toBe(403);
    expect((await call('health', 'POST', `/api/tasks/${task.id}/complete`, {})).statusCode).toBe(403);
    expect((await call('zhangdian', 'POST', `/api/tasks/${task.id}/complete`, {})).statusCode).toBe(403);

    await ok('office', 'POST', `/api/implementation-plans/${plan.id}/review`, { decision: 'returned', note: '请补充进度安排' });
    expect(await review()).toMatchObject({ id: task.id, status: 'done', outcomeNote: '已退回：请补充进度安排' });
    await ok('health', 'POST', `/api/implementation-plans/${plan.id}/file`, {});
    expect(await review()).toMatchObject({ id: task.id, status: 'open' });
    await ok('office', 'POST', `/api/implementation-plans/${plan.id}/review`, { decision: 'reviewed' });
    expect(await review()).toMatchObject({ id: task.id, status: 'done', outcomeNote: '已审阅' });
  });

  it('lists tasks by calendar month and in-app reminders, and answers bad input in Chinese', async () => {
    const created = await ok<TaskView>('office', 'POST', '/api/tasks', { title: '报送年度工作要点', kind: 'other', owner: { department: '市教育局' }, dueDate: '2000-01-31' }, 201);
    const overdue = await ok<TaskView[]>('education', 'GET', '/api/tasks/overdue');
    expect(overdue.map((t) => t.id)).toContain(created.id);
    const calendar = await ok<{ month: string; days: { date: string; items: TaskView[] }[] }>('education', 'GET', '/api/tasks/calendar?month=2000-01');
    expect(calendar.days[30]).toMatchObject({ date: '2000-01-31', items: [{ id: created.id }] });
    const reminders = await ok<{ task: TaskView; reminder: { text: string } }[]>('education', 'GET', '/api/tasks/reminders');
    expect(reminders.find((r) => r.task.id === created.id)?.reminder.text).toMatch(/^已逾期\d+天$/);
    expect((await ok<{ task: TaskView }[]>('health', 'GET', '/api/tasks/reminders')).some((r) => r.task.id === created.id)).toBe(false);

    const bad = await call('office', 'POST', '/api/tasks', { title: '', kind: 'x', owner: {}, dueDate: '31/01/2000' });
    expect(bad.statusCode).toBe(400);
    const message = bad.json().message as string;
    expect(message).toContain('任务名称不能为空');
    expect(message).toContain('任务类别应为 annual_report');
    expect(message).toContain('截止日期应为 YYYY-MM-DD 格式的日期');
    const noOwner = await call('office', 'POST', '/api/tasks', { title: '无主任务', kind: 'other', owner: {}, dueDate: '2030-01-31' });
    expect(noOwner.json()).toEqual({ error: 'bad_request', message: '须指定责任单位（部门）或区县' });
    expect((await call('education', 'POST', '/api/tasks', { title: '自派', kind: 'other', owner: { department: '市教育局' }, dueDate: '2030-01-31' })).statusCode).toBe(403);
  });
});
