import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { openRound } from '../monitoring/round.service.ts';
import type { Mailer, MailMessage } from './mailer.ts';
import { mailSetupFromEnv } from './mailer.ts';
import { addDecision, createDecisionTask, createMeeting } from './meeting.service.ts';
import { addMilestone, createPilot, updateMilestone, updatePilot } from './pilot.service.ts';
import { addContact, outbox, sendTaskReminders } from './reminder.service.ts';
import { rejects, actorsFor, BOSHAN, seedGoalsOf, seedResponsibility, ZHANGDIAN } from './responsibility.test-support.ts';
import type { ResponsibilitySeed } from './responsibility.test-support.ts';
import { addFinding, closeFinding, createFindingTask, createSupervision, getSupervision, reportRectification } from './supervision.service.ts';
import { issueAnnualReportTasks, syncRoundTasks } from './task-issue.service.ts';
import { cancelTask, completeTask, createTask, getTask, listTasks, overdueTasks, remindersFor, taskCalendar } from './task.service.ts';

const at = (date: string) => ({ now: new Date(`${date}T04:00:00Z`) });

forEachDialect('tasks, supervision, meetings and pilots', (getDb) => {
  let seed: ResponsibilitySeed;
  let actors: ReturnType<typeof actorsFor>;
  beforeAll(async () => {
    seed = await seedResponsibility(getDb());
    actors = actorsFor(seed);
  });

  describe('supervision', () => {
    it('turns a finding into a follow-up task: the unit reports its rectification, the office closes it', async () => {
      const db = getDb();
      const day = at('2024-05-20');
      let visit = await createSupervision(
        db,
        actors.office,
        {
          title: '2024年规划实施情况督查',
          visitDate: '2024-05-20',
          inspectors: '市妇儿工委办公室、市政府督查室',
          units: [{ department: '市教育局' }, { regionCode: ZHANGDIAN }, { name: '张店区实验小学' }],
          findings: [{ text: '中小学心理健康教师配备不足', unit: { department: '市教育局' }, goal: seedGoalsOf('市教育局').lead[0] as never }],
        },
        day,
      );
      expect(visit.units.map((u) => u.name)).toEqual(['市教育局', '张店区', '张店区实验小学']);
      const [finding] = visit.findings;
      expect(finding).toMatchObject({ state: 'unassigned', unit: { name: '市教育局' }, task: null });
      expect(finding?.goal?.text).not.toBe('');
      expect(finding?.goal?.goalId).toEqual(expect.any(Number));
      await rejects(createFindingTask(db, actors.education, finding?.id as number, { dueDate: '2024-08-31' }, day), 403, '仅妇儿工委办公室');

      visit = await createFindingTask(db, actors.office, finding?.id as number, { dueDate: '2024-08-31' }, day);
      const task = visit.findings[0]?.task;
      expect(task).toMatchObject({ kind: 'supervision_followup', status: 'open', dueDate: '2024-08-31', owner: { departmentId: seed.id('市教育局'), label: '市教育局' } });
      expect(visit.findings[0]).toMatchObject({ state: 'in_progress', stateLabel: '整改中' });
      expect(visit.openFindings).toBe(1);
      await rejects(createFindingTask(db, actors.office, finding?.id as number, { dueDate: '2024-09-30' }, day), 409, '已布置整改任务');

      // Another department neither sees the task nor reports on it; the unit reports but does not close it.
      await rejects(completeTask(db, actors.health, task?.id as number, {}, day), 403, '无权查看该任务');
      expect((await listTasks(db, actors.health, {}, day)).some((t) => t.id === task?.id)).toBe(false);
      expect((await listTasks(db, actors.education, {}, day)).some((t) => t.id === task?.id)).toBe(true);
      expect((await getSupervision(db, actors.education, visit.id, day)).findings[0]).toMatchObject({ can: { assign: false, report: true, close: false }, task: { can: { complete: false } } });
      expect((await getSupervision(db, actors.health, visit.id, day)).findings[0]?.can).toEqual({ assign: false, report: false, close: false });
      expect((await getSupervision(db, actors.office, visit.id, day)).findings[0]?.can).toEqual({ assign: false, report: true, close: true });
      await rejects(reportRectification(db, actors.health, finding?.id as number, { note: '代为报告' }, day), 403, '不属于您的单位');
      await rejects(reportRectification(db, actors.education, finding?.id as number, { note: '  ' }, day), 400, '请填写整改情况');
      await rejects(completeTask(db, actors.education, task?.id as number, {}, day), 403, '无权办结');
      visit = await reportRectification(db, actors.education, finding?.id as number, { note: '已新配备专职心理教师12名' }, at('2024-08-15'));
      expect(visit.findings[0]).toMatchObject({ state: 'reported', stateLabel: '已报整改，待销号', reports: [{ by: '教育局填报员', note: '已新配备专职心理教师12名' }], task: { status: 'open' } });
      expect(visit.openFindings).toBe(1);
      await rejects(closeFinding(db, actors.education, finding?.id as number, {}, day), 403, '仅妇儿工委办公室');
      visit = await closeFinding(db, actors.office, finding?.id as number, { note: '经核实已整改' }, at('2024-08-20'));
      expect(visit.findings[0]?.task).toMatchObject({ status: 'done', outcomeNote: '经核实已整改', completedBy: { name: '妇儿工委办公室' }, completedAt: '2024-08-20T04:00:00.000Z' });
      visit = await getSupervision(db, actors.viewer, visit.id);
      expect(visit.findings[0]).toMatchObject({ state: 'closed', stateLabel: '已办结', can: { report: false, close: false } });
      expect(visit.openFindings).toBe(0);
      await rejects(closeFinding(db, actors.office, finding?.id as number, {}, day), 409, '已销号');
      await rejects(reportRectification(db, actors.education, finding?.id as number, { note: '补充' }, day), 409, '已销号');

      // A finding that names no unit needs an owner for its task.
      visit = await addFinding(db, actors.office, visit.id, { text: '部分社区儿童之家未开放' }, day);
      await rejects(createFindingTask(db, actors.office, visit.findings[1]?.id as number, { dueDate: '2024-08-31' }, day), 400, '未指明责任单位');
      visit = await createFindingTask(db, actors.office, visit.findings[1]?.id as number, { dueDate: '2024-08-31', owner: { regionCode: ZHANGDIAN } }, day);
      expect(visit.findings[1]?.task?.owner).toMatchObject({ regionCode: ZHANGDIAN, label: '张店区' });
      await rejects(completeTask(db, actors.boshan, visit.findings[1]?.task?.id as number, {}, day), 403, '无权查看该任务');
      await rejects(reportRectification(db, actors.boshan, visit.findings[1]?.id as number, { note: '已整改' }, day), 403, '不属于您的单位');
      visit = await reportRectification(db, actors.zhangdian, visit.findings[1]?.id as number, { note: '儿童之家已全部开放' }, day);
      expect(visit.findings[1]?.state).toBe('reported');
      // A finding without a task has nothing to report or close.
      visit = await addFinding(db, actors.office, visit.id, { text: '未建立督查台账', unit: { department: '市教育局' } }, day);
      await rejects(reportRectification(db, actors.education, visit.findings[2]?.id as number, { note: '已建立' }, day), 409, '尚未布置整改任务');
      await rejects(closeFinding(db, actors.office, visit.findings[2]?.id as number, {}, day), 409, '尚未布置整改任务');
    });
  });

  it('turns a meeting decision into a task with the decision’s time limit', async () => {
    const db = getDb();
    let meeting = await createMeeting(
      db,
      actors.office,
      {
        kind: 'plenary',
        heldOn: '2024-03-12',
        minutes: '审议2023年度规划实施情况报告',
        attendees: [{ department: '市卫健委' }, { department: '市教育局' }],
        decisions: [{ text: '各成员单位于4月底前报送年度工作要点', owner: { department: '市卫生健康委' }, dueDate: '2024-04-30' }],
      },
      at('2024-03-12'),
    );
    expect(meeting).toMatchObject({ title: '2024年妇儿工委全体会议', kindLabel: '妇儿工委全体会议', attendees: [{ name: '市卫生健康委' }, { name: '市教育局' }] });
    meeting = await createDecisionTask(db, actors.office, meeting.decisions[0]?.id as number, {}, at('2024-03-12'));
    expect(meeting.decisions[0]?.task).toMatchObject({ kind: 'meeting_decision', dueDate: '2024-04-30', owner: { label: '市卫生健康委' } });
    meeting = await addDecision(db, actors.office, meeting.id, { text: '研究儿童友好城市建设' }, at('2024-03-12'));
    await rejects(createDecisionTask(db, actors.office, meeting.decisions[1]?.id as number, { owner: { department: '市发展改革委' } }, at('2024-03-12')), 400, '未定完成时限');
    await rejects(createMeeting(db, actors.health, { kind: 'liaison', heldOn: '2024-03-12' }), 403, '仅妇儿工委办公室');
  });

  it('records a pilot with goals, units and milestones', async () => {
    const db = getDb();
    const goals = seedGoalsOf('市妇联').lead.slice(0, 2) as never[];
    let pilot = await createPilot(
      db,
      actors.office,
      {
        title: '家庭教育指导服务试点',
        periodStart: '2023-01-01',
        periodEnd: '2024-12-31',
        goals,
        units: [{ regionCode: BOSHAN }, { department: '市妇联' }],
        milestones: [
          { title: '制定试点方案', dueDate: '2023-03-31', doneAt: '2023-03-20' },
          { title: '中期评估', dueDate: '2023-12-31' },
        ],
      },
      at('2024-01-10'),
    );
    expect(pilot.goals.map((g) => [g.plan, g.domain, g.goal])).toEqual(goals.map((g: { plan: string; domain: number; goal: number }) => [g.plan, g.domain, g.goal]));
    expect(pilot.goals.every((g) => g.text !== '')).toBe(true);
    expect(pilot.units.map((u) => u.name)).toEqual(['博山区', '市妇联']);
    expect(pilot.progress).toEqual({ done: 1, total: 2, overdue: 1 });
    pilot = await updateMilestone(db, actors.office, pilot.milestones[1]?.id as number, { done: true }, at('2024-01-10'));
    expect(pilot.milestones[1]).toMatchObject({ doneAt: '2024-01-10', overdue: false });
    pilot = await addMilestone(db, actors.office, pilot.id, { title: '总结推广', dueDate: '2024-12-31' }, at('2024-01-10'));
    pilot = await updatePilot(db, actors.office, pilot.id, { status: 'running', results: '覆盖家庭3200户' }, at('2024-01-10'));
    expect(pilot).toMatchObject({ status: 'running', statusLabel: '实施中', results: '覆盖家庭3200户', progress: { done: 2, total: 3, overdue: 0 } });
    await rejects(createPilot(db, actors.office, { title: '无目标', periodStart: '2023-01-01', periodEnd: '2023-12-31', goals: [{ plan: 'women', domain: 1, goal: 99 }], units: [{ regionCode: BOSHAN }] }), 400, '妇女规划 领域1 目标99不存在');
  });

  describe('deadlines and reminders', () => {
    it('issues annual reports once per unit and lists overdue tasks and the calendar', async () => {
      const db = getDb();
      const first = await issueAnnualReportTasks(db, actors.office, { year: 2024, dueDate: '2025-01-31' }, at('2025-01-02'));
      const named = new Set<string>();
      for (const who of ['lead', 'responsible'] as const) for (const name of seed.departments.keys()) if (seedGoalsOf(name)[who].length > 0) named.add(name);
      expect(first.created).toBe(named.size + 11);
      expect(await issueAnnualReportTasks(db, actors.office, { year: 2024, dueDate: '2025-01-31' }, at('2025-01-02'))).toMatchObject({ created: 0, unchanged: named.size + 11 });
      await rejects(issueAnnualReportTasks(db, actors.health, { year: 2024, dueDate: '2025-01-31' }), 403, '仅妇儿工委办公室');

      const mine = await listTasks(db, actors.health, { kind: ['annual_report'] }, at('2025-01-02'));
      expect(mine.map((t) => t.owner.label)).toEqual(['市卫生健康委']);
      const overdue = await overdueTasks(db, actors.office, at('2025-02-03'));
      expect(overdue.filter((t) => t.kind === 'annual_report')).toHaveLength(named.size + 11);
      expect(overdue.find((t) => t.kind === 'annual_report')).toMatchObject({ dueState: 'overdue', dueStateLabel: '已逾期', daysLeft: -3 });
      await completeTask(db, actors.health, mine[0]?.id as number, { note: '已报送' }, at('2025-01-20'));
      expect((await overdueTasks(db, actors.health, at('2025-02-03'))).some((t) => t.kind === 'annual_report')).toBe(false);

      const calendar = await taskCalendar(db, actors.health, '2025-01', {}, at('2025-01-02'));
      expect(calendar.days).toHaveLength(31);
      expect(calendar.days[30]?.items.map((t) => t.kind)).toEqual(['annual_report']);
      expect(calendar.days[0]?.items).toEqual([]);
    });

    it('reminds in the application from the first reminder day, and builds e-mails only for units with a contact', async () => {
      const db = getDb();
      const task = await createTask(
        db,
        actors.office,
        { title: '报送儿童友好城市建设方案', kind: 'other', owner: { department: '市教育局' }, dueDate: '2025-06-30', reminderDays: [7, 1] },
        at('2025-06-01'),
      );
      const ofTask = async (a: typeof actors.education, date: string) => (await remindersFor(db, a, at(date))).filter((r) => r.task.id === task.id);
      expect(await ofTask(actors.education, '2025-06-22')).toEqual([]);
      expect((await ofTask(actors.education, '2025-06-25')).map((r) => r.reminder.text)).toEqual(['还有5天到期']);
      // The 2024 annual report, still open, reminds as overdue and comes first.
      const all = await remindersFor(db, actors.education, at('2025-06-25'));
      expect(all[0]).toMatchObject({ task: { kind: 'annual_report' }, reminder: { daysLeft: -145, text: '已逾期145天' } });
      expect(await ofTask(actors.health, '2025-06-25')).toEqual([]);

      await addContact(db, actors.office, { department: '市教育局', name: '王老师', email: 'wang@example.org' });
      await rejects(addContact(db, actors.office, { department: '市教育局', name: '李', email: 'not-an-address' }), 400, '邮箱地址');
      const setup = mailSetupFromEnv({});
      expect(setup).toEqual({ mailer: null, notice: expect.stringContaining('未配置 FUER_SMTP_URL') });
      const log: string[] = [];
      const run = await sendTaskReminders(db, { mailer: setup.mailer, notice: setup.notice, log: (l) => log.push(l), ...at('2025-06-23') });
      // This task's first reminder, and the daily one of the overdue 2024 annual report.
      expect(run).toMatchObject({ date: '2025-06-23', tasksDue: expect.any(Number), built: 2, pending: 2, sent: 0, transport: 'none' });
      expect(run.withoutContact).toBe(run.tasksDue - 2);
      expect(log[0]).toContain('未配置 FUER_SMTP_URL');
      expect((await sendTaskReminders(db, { mailer: null, ...at('2025-06-23') })).built).toBe(0);
      const pending = await outbox(db, actors.office, { status: 'pending' });
      expect(pending.map((m) => m.subject.replace(/：.*（/, '（'))).toEqual(expect.arrayContaining(['【妇女儿童发展规划监测评估平台】任务提醒（已逾期143天）']));
      const message = pending.find((m) => m.taskId === task.id);
      expect(message).toMatchObject({ taskId: task.id, recipient: 'wang@example.org', remindOn: '2025-06-23' });
      expect(message?.subject).toContain('报送儿童友好城市建设方案（还有7天到期）');
      expect(message?.body).toContain('截止日期：2025-06-30');

      const sent: MailMessage[] = [];
      const mailer: Mailer = { send: async (m) => void sent.push(m) };
      const dayBefore = await sendTaskReminders(db, { mailer, ...at('2025-06-29') });
      // The two messages of 06-23 were never sent (no mailer then): the newer ones to the same contact replace them.
      expect(dayBefore).toMatchObject({ built: 2, sent: 2, failed: 0, retried: 0, pending: 2, transport: 'mailer' });
      const superseded = await outbox(db, actors.office, { status: 'pending' });
      expect(superseded.map((m) => [m.remindOn, m.attempts, m.detail])).toEqual([
        ['2025-06-23', 0, '未发送：已有同一任务发给该联系人的更新提醒'],
        ['2025-06-23', 0, '未发送：已有同一任务发给该联系人的更新提醒'],
      ]);
      expect(sent.map((m) => m.to)).toEqual(['wang@example.org', 'wang@example.org']);
      expect(sent.some((m) => m.subject.includes('报送儿童友好城市建设方案（还有1天到期）'))).toBe(true);
      await rejects(outbox(db, actors.education), 403, '仅妇儿工委办公室');
      await cancelTask(db, actors.office, task.id, { reason: '并入年度报告' });
      expect((await getTask(db, actors.education, task.id)).status).toBe('cancelled');
    });

    it('keeps data-round tasks in step with the round’s forms', async () => {
      const db = getDb();
      const round = await openRound(db, actors.stats, { year: 2023, dueDate: '2024-03-31' });
      // Opening the round already created one task per form: a manual sync finds them all in place.
      const first = await syncRoundTasks(db, actors.stats, round.id, at('2024-02-01'));
      expect(first).toMatchObject({ created: 0, unchanged: round.forms.total });
      expect(round.forms.total).toBeGreaterThan(10);
      const health = (await listTasks(db, actors.health, { kind: ['data_round'] }))[0];
      expect(health).toMatchObject({ title: '市卫生健康委报送2023年监测数据', dueDate: '2024-03-31', status: 'open' });
      await db.updateTable('forms').set({ status: 'submitted' }).where('round_id', '=', round.id).where('department_id', '=', seed.id('市卫生健康委')).execute();
      const second = await syncRoundTasks(db, actors.stats, round.id, at('2024-03-01'));
      expect(second).toMatchObject({ created: 0, closed: 1 });
      expect((await getTask(db, actors.health, health?.id as number)).status).toBe('done');
      await db.updateTable('forms').set({ status: 'returned' }).where('round_id', '=', round.id).where('department_id', '=', seed.id('市卫生健康委')).execute();
      expect((await syncRoundTasks(db, actors.stats, round.id, at('2024-03-05'))).updated).toBe(1);
      expect((await getTask(db, actors.health, health?.id as number)).status).toBe('open');
      await rejects(syncRoundTasks(db, actors.health, round.id), 403, '仅统计局或妇儿工委办公室');
    });
  });
});
