import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import type { Actor } from '../../core/access/actor.types.ts';
import { addDays } from '../../core/responsibility/dates.ts';
import type { Database } from '../../storage/schema.ts';
import { insertValues, fixtureValues, seedEvaluation } from '../evaluation/evaluation.test-support.ts';
import { generateWarnings } from '../evaluation/warning-generate.service.ts';
import { addCountermeasure, addSteps, closeWarning, completeStep, escalateWarning } from '../evaluation/warning.service.ts';
import { openRound } from '../unit-reports/unit-report-round.service.ts';
import { approveUnitReport, getUnitReport, publishUnitReport, returnUnitReport, saveUnitReport, submitUnitReport } from '../unit-reports/unit-report.service.ts';
import { todayOf } from './clock.ts';
import { deriveCountyPlan, fileCountyPlan, reviewCountyPlan, updateCountyPlan } from './county-plan.service.ts';
import { createImplementationPlan, fileImplementationPlan, reviewImplementationPlan } from './implementation-plan.service.ts';
import { addContact, sendTaskReminders } from './reminder.service.ts';
import type { Mailer, MailMessage } from './mailer.ts';
import { actor, actorsFor, rejects, seedGoalsOf, seedResponsibility, ZHANGDIAN, ZIBO } from './responsibility.test-support.ts';
import type { ResponsibilitySeed } from './responsibility.test-support.ts';
import { closeFinding, createFindingTask, createSupervision, reportRectification } from './supervision.service.ts';
import { REVIEW_DUE_DAYS } from './task-review.service.ts';
import { completeTask, getTask, listTasks, overdueTasks, remindersFor, taskCalendar } from './task.service.ts';
import type { TaskView } from './task.service.ts';

const at = (date: string) => ({ now: new Date(`${date}T04:00:00Z`) });

type ReviewType = 'unit_report_review' | 'county_plan_review' | 'implementation_plan_review' | 'warning_review' | 'supervision_report_review';

/** The office's review tasks of one record, as the office sees them (any status). */
async function reviewsOf(db: Kysely<Database>, office: Actor, type: ReviewType, id: number): Promise<TaskView[]> {
  return listTasks(db, office, { source: { type, id } });
}

async function onlyReview(db: Kysely<Database>, office: Actor, type: ReviewType, id: number): Promise<TaskView> {
  const tasks = await reviewsOf(db, office, type, id);
  expect(tasks).toHaveLength(1);
  return tasks[0] as TaskView;
}

/**
 * When a unit submits something the office must review, the office gets a review task of its own (owned by the city
 * office), closed by the office's decision and opened again by a resubmission; departments and counties do not see it.
 */
forEachDialect('the office’s review tasks', (getDb) => {
  let seed: ResponsibilitySeed;
  let actors: ReturnType<typeof actorsFor>;
  let cityStaff: Actor;

  beforeAll(async () => {
    seed = await seedResponsibility(getDb());
    actors = actorsFor(seed);
    cityStaff = actor('市妇联联络员', ['reporter'], null, ZIBO);
  });

  describe('unit reports', () => {
    let reportId: number;

    it('submitting a department’s annual report opens “审核：…” for the office, due in REVIEW_DUE_DAYS calendar days', async () => {
      const db = getDb();
      const round = await openRound(db, actors.office, { year: 2024, kind: 'annual', dueDate: '2025-03-31' }, at('2025-01-10'));
      reportId = round.units.find((u) => u.unitName === '市卫生健康委')?.id as number;
      const report = await getUnitReport(db, actors.health, reportId);
      await saveUnitReport(db, actors.health, reportId, { overview: '2024年市卫生健康委推进妇幼健康工作。', items: report.items.map((i) => ({ id: i.id, progress: 'in_progress' as const })) }, at('2025-03-01'));
      expect(await reviewsOf(db, actors.office, 'unit_report_review', reportId)).toEqual([]);

      await submitUnitReport(db, actors.health, reportId, at('2025-03-01'));
      const task = await onlyReview(db, actors.office, 'unit_report_review', reportId);
      expect(REVIEW_DUE_DAYS).toBe(10);
      expect(task).toMatchObject({
        title: '审核：市卫生健康委2024年度妇女儿童发展规划落实情况和2025年工作安排',
        kind: 'annual_report',
        status: 'open',
        dueDate: '2025-03-11',
        year: 2024,
        owner: { departmentId: null, regionCode: ZIBO, label: '市妇儿工委办公室' },
        can: { complete: true, manage: true },
      });
      expect(task.description).toContain('市卫生健康委已提交报告');
      // The department's own deadline task is done; the review is not the department's task.
      const own = await listTasks(db, actors.health, { kind: ['annual_report'] });
      expect(own.map((t) => [t.title, t.status])).toEqual([['报送市卫生健康委2024年度妇女儿童发展规划落实情况和2025年工作安排', 'done']]);
      // The office's own list shows it.
      expect((await listTasks(db, actors.office, { office: true, status: ['open'] })).map((t) => t.id)).toContain(task.id);
    });

    it('a department or county cannot see or close the office’s review; city-level readers see it but cannot close it', async () => {
      const db = getDb();
      const task = await onlyReview(db, actors.office, 'unit_report_review', reportId);
      for (const unit of [actors.health, actors.education, actors.zhangdian]) {
        expect((await listTasks(db, unit)).some((t) => t.id === task.id)).toBe(false);
        expect((await listTasks(db, unit, { office: true })).map((t) => t.id)).toEqual([]);
        expect((await remindersFor(db, unit, at('2025-03-11'))).some((r) => r.task.id === task.id)).toBe(false);
        await rejects(getTask(db, unit, task.id), 403, /无权查看该任务/);
        await rejects(completeTask(db, unit, task.id, {}), 403, /无权查看该任务/);
      }
      // Viewers, the statistics bureau and city-level staff read every task already; they still cannot close it.
      for (const reader of [actors.viewer, actors.stats, cityStaff]) {
        expect((await getTask(db, reader, task.id)).can.complete).toBe(false);
        await rejects(completeTask(db, reader, task.id, {}), 403, /无权办结该任务/);
      }
      expect((await getTask(db, actors.office, task.id)).status).toBe('open');
    });

    it('returning closes the review; resubmitting reopens the same task with a new due date; approving closes it', async () => {
      const db = getDb();
      const first = await onlyReview(db, actors.office, 'unit_report_review', reportId);
      await returnUnitReport(db, actors.office, reportId, '请补充孕产妇死亡率分析', at('2025-03-05'));
      expect(await onlyReview(db, actors.office, 'unit_report_review', reportId)).toMatchObject({ id: first.id, status: 'done', outcomeNote: '已退回：请补充孕产妇死亡率分析' });

      await saveUnitReport(db, actors.health, reportId, { problems: '已补充孕产妇死亡率分析。' }, at('2025-03-08'));
      await submitUnitReport(db, actors.health, reportId, at('2025-03-08'));
      const reopened = await onlyReview(db, actors.office, 'unit_report_review', reportId);
      expect(reopened).toMatchObject({ id: first.id, status: 'open', dueDate: '2025-03-18', completedAt: null, outcomeNote: null });
      expect(reopened.description).toContain('修改后重新提交');

      await approveUnitReport(db, actors.office, reportId, at('2025-03-10'));
      expect(await onlyReview(db, actors.office, 'unit_report_review', reportId)).toMatchObject({ id: first.id, status: 'done', outcomeNote: '已审定' });
      await publishUnitReport(db, actors.office, reportId, at('2025-03-12'));
      expect(await onlyReview(db, actors.office, 'unit_report_review', reportId)).toMatchObject({ status: 'done', outcomeNote: '已审定' });
    });

    it('a county’s report gets its review too', async () => {
      const db = getDb();
      const zhangdian = (await listTasks(db, actors.zhangdian, { kind: ['annual_report'] }))[0];
      expect(zhangdian?.owner.regionCode).toBe(ZHANGDIAN);
      const report = (await db.selectFrom('unit_reports').select('id').where('region_code', '=', ZHANGDIAN).executeTakeFirstOrThrow()).id;
      const detail = await getUnitReport(db, actors.zhangdian, report);
      await saveUnitReport(db, actors.zhangdian, report, { overview: '张店区2024年规划实施总体良好。', items: detail.items.map((i) => ({ id: i.id, progress: 'achieved' as const })) }, at('2025-03-20'));
      await submitUnitReport(db, actors.zhangdian, report, at('2025-03-20'));
      expect(await onlyReview(db, actors.office, 'unit_report_review', report)).toMatchObject({ title: '审核：张店区2024年度妇女儿童发展规划落实情况和2025年工作安排', status: 'open', dueDate: '2025-03-30' });
      expect((await listTasks(db, actors.zhangdian)).some((t) => t.source?.type === 'unit_report_review')).toBe(false);
    });
  });

  describe('county plans', () => {
    it('filing opens the review; returning closes it; filing again reopens it; accepting closes it', async () => {
      const db = getDb();
      const clock = at('2022-04-15');
      let plan = await deriveCountyPlan(db, actors.zhangdian, { regionCode: ZHANGDIAN, planKind: 'women' }, clock);
      plan = await updateCountyPlan(db, actors.zhangdian, plan.id, { promulgatedAt: '2022-03-01' }, clock);
      await fileCountyPlan(db, actors.zhangdian, plan.id, { filedAt: '2022-04-15' }, clock);
      const task = await onlyReview(db, actors.office, 'county_plan_review', plan.id);
      expect(task).toMatchObject({ title: '审核：张店区“十四五”妇女发展规划（区县规划报送）', kind: 'plan_filing', status: 'open', dueDate: '2022-04-25', owner: { label: '市妇儿工委办公室' } });
      expect(task.description).toBe('张店区妇儿工委2022-04-15报送，请审阅（对照市级目标）或退回');
      // The county sees its own filing task (done), not the office's review.
      const county = await listTasks(db, actors.zhangdian, { kind: ['plan_filing'] });
      expect(county.map((t) => [t.source?.type, t.status])).toEqual([['county_plan', 'done']]);
      await rejects(getTask(db, actors.zhangdian, task.id), 403, /无权查看该任务/);

      await reviewCountyPlan(db, actors.office, plan.id, { decision: 'returned', note: '妇女参政目标低于市级' }, at('2022-04-20'));
      expect(await onlyReview(db, actors.office, 'county_plan_review', plan.id)).toMatchObject({ status: 'done', outcomeNote: '已退回：妇女参政目标低于市级' });

      await fileCountyPlan(db, actors.zhangdian, plan.id, {}, at('2022-05-06'));
      const again = await onlyReview(db, actors.office, 'county_plan_review', plan.id);
      expect(again).toMatchObject({ id: task.id, status: 'open', dueDate: '2022-05-16' });
      expect(again.description).toBe('张店区妇儿工委2022-04-15首次报送，退回后于2022-05-06重新报送，请审阅（对照市级目标）或退回');

      await reviewCountyPlan(db, actors.office, plan.id, { decision: 'reviewed' }, at('2022-05-10'));
      expect(await onlyReview(db, actors.office, 'county_plan_review', plan.id)).toMatchObject({ id: task.id, status: 'done', outcomeNote: '已审阅' });
    });
  });

  describe('implementation plans', () => {
    it('filing opens the review; returning closes it; filing again reopens it; accepting closes it', async () => {
      const db = getDb();
      const [goal] = seedGoalsOf('市教育局').lead;
      const plan = await createImplementationPlan(db, actors.education, { title: '儿童教育发展实施方案', goals: [goal as never] }, at('2023-02-01'));
      await fileImplementationPlan(db, actors.education, plan.id, {}, at('2023-02-01'));
      const task = await onlyReview(db, actors.office, 'implementation_plan_review', plan.id);
      expect(task).toMatchObject({ title: '审核：市教育局实施方案“儿童教育发展实施方案”', kind: 'implementation_plan', status: 'open', dueDate: '2023-02-11', owner: { label: '市妇儿工委办公室' } });
      expect((await listTasks(db, actors.education)).some((t) => t.id === task.id)).toBe(false);
      await rejects(completeTask(db, actors.education, task.id, {}), 403, /无权查看该任务/);

      await reviewImplementationPlan(db, actors.office, plan.id, { decision: 'returned', note: '请细化分工' }, at('2023-02-05'));
      expect(await onlyReview(db, actors.office, 'implementation_plan_review', plan.id)).toMatchObject({ status: 'done', outcomeNote: '已退回：请细化分工' });
      await fileImplementationPlan(db, actors.education, plan.id, {}, at('2023-02-09'));
      expect(await onlyReview(db, actors.office, 'implementation_plan_review', plan.id)).toMatchObject({ id: task.id, status: 'open', dueDate: '2023-02-19' });
      await reviewImplementationPlan(db, actors.office, plan.id, { decision: 'reviewed', note: '同意备案' }, at('2023-02-10'));
      expect(await onlyReview(db, actors.office, 'implementation_plan_review', plan.id)).toMatchObject({ id: task.id, status: 'done', outcomeNote: '已审阅：同意备案' });
    });
  });

  describe('supervision follow-ups', () => {
    it('reporting the rectification opens the review; reporting again keeps one task; 销号 closes it', async () => {
      const db = getDb();
      const visit = await createSupervision(
        db,
        actors.office,
        { title: '2024年规划实施情况督查', visitDate: '2024-05-20', units: [{ department: '市教育局' }], findings: [{ text: '中小学心理健康教师配备不足', unit: { department: '市教育局' } }] },
        at('2024-05-20'),
      );
      const findingId = visit.findings[0]?.id as number;
      await createFindingTask(db, actors.office, findingId, { dueDate: '2024-08-31' }, at('2024-05-21'));
      expect(await reviewsOf(db, actors.office, 'supervision_report_review', findingId)).toEqual([]);

      await reportRectification(db, actors.education, findingId, { note: '已新增专职心理教师12名。' }, at('2024-08-01'));
      const task = await onlyReview(db, actors.office, 'supervision_report_review', findingId);
      expect(task).toMatchObject({ title: '审核：市教育局督查整改情况（中小学心理健康教师配备不足）', kind: 'supervision_followup', status: 'open', dueDate: '2024-08-11', owner: { label: '市妇儿工委办公室' } });
      expect(task.description).toContain('2024-05-20“2024年规划实施情况督查”发现的问题1');
      expect(task.description).toContain('已新增专职心理教师12名。请核实');
      // The unit sees its rectification task, not the office's review.
      expect((await listTasks(db, actors.education, { kind: ['supervision_followup'] })).map((t) => t.source?.type)).toEqual(['supervision_finding']);
      await rejects(getTask(db, actors.education, task.id), 403, /无权查看该任务/);

      await reportRectification(db, actors.education, findingId, { note: '补充：心理健康教育课程已全覆盖' }, at('2024-08-03'));
      const updated = await onlyReview(db, actors.office, 'supervision_report_review', findingId);
      expect(updated).toMatchObject({ id: task.id, status: 'open', dueDate: '2024-08-11' });
      expect(updated.description).toContain('心理健康教育课程已全覆盖');

      await closeFinding(db, actors.office, findingId, {}, at('2024-08-05'));
      expect(await onlyReview(db, actors.office, 'supervision_report_review', findingId)).toMatchObject({ id: task.id, status: 'done', outcomeNote: '已销号' });
    });

    it('the office completing the rectification task from the task list closes the review as well', async () => {
      const db = getDb();
      const visit = await createSupervision(
        db,
        actors.office,
        { title: '2024年托育服务督查', visitDate: '2024-06-10', units: [{ department: '市卫生健康委' }], findings: [{ text: '普惠托位不足', unit: { department: '市卫生健康委' } }] },
        at('2024-06-10'),
      );
      const findingId = visit.findings[0]?.id as number;
      const withTask = await createFindingTask(db, actors.office, findingId, { dueDate: '2024-09-30' }, at('2024-06-11'));
      await reportRectification(db, actors.health, findingId, { note: '新增普惠托位300个' }, at('2024-09-01'));
      expect((await onlyReview(db, actors.office, 'supervision_report_review', findingId)).status).toBe('open');
      await completeTask(db, actors.office, withTask.findings[0]?.task?.id as number, { note: '整改到位' }, at('2024-09-02'));
      expect(await onlyReview(db, actors.office, 'supervision_report_review', findingId)).toMatchObject({ status: 'done', outcomeNote: '整改任务已办结' });
    });
  });

  describe('like every task', () => {
    it('shows in the office’s calendar, reminders and overdue list, and is mailed to the office’s contacts', async () => {
      const db = getDb();
      const [goal] = seedGoalsOf('市卫生健康委').lead;
      const plan = await createImplementationPlan(db, actors.health, { title: '妇女健康服务实施方案', goals: [goal as never] }, at('2026-06-01'));
      await fileImplementationPlan(db, actors.health, plan.id, {}, at('2026-06-01'));
      const task = await onlyReview(db, actors.office, 'implementation_plan_review', plan.id);
      expect(task.dueDate).toBe('2026-06-11');

      const calendar = await taskCalendar(db, actors.office, '2026-06', {}, at('2026-06-02'));
      expect(calendar.days.find((d) => d.date === '2026-06-11')?.items.map((t) => t.id)).toContain(task.id);
      expect((await remindersFor(db, actors.office, at('2026-06-04'))).find((r) => r.task.id === task.id)?.reminder.text).toBe('还有7天到期');
      expect((await overdueTasks(db, actors.office, at('2026-06-12'))).map((t) => t.id)).toContain(task.id);
      expect((await overdueTasks(db, actors.health, at('2026-06-12'))).map((t) => t.id)).not.toContain(task.id);

      // The office's contacts (the city with no department, or the department 市妇儿工委办公室) receive the e-mail
    // reminder; the filing department's contact does not.
      await addContact(db, actors.office, { regionCode: ZIBO, name: '办公室值班', email: 'office@example.org' });
      await addContact(db, actors.office, { department: '市妇儿工委办公室', name: '办公室联络员', email: 'liaison@example.org' });
      await addContact(db, actors.office, { department: '市卫生健康委', name: '张医生', email: 'zhang@example.org' });
      const sent: MailMessage[] = [];
      const mailer: Mailer = { send: async (m) => void sent.push(m) };
      const run = await sendTaskReminders(db, { mailer, ...at('2026-06-04') });
      expect(run.failed).toBe(0);
      const mine = sent.filter((m) => m.subject.includes('妇女健康服务实施方案'));
      expect(mine.map((m) => m.to).sort()).toEqual(['liaison@example.org', 'office@example.org']);
      expect(mine[0]?.subject).toBe('【妇女儿童发展规划监测评估平台】任务提醒：审核：市卫生健康委实施方案“妇女健康服务实施方案”（还有7天到期）');
      expect(mine[0]?.text).toContain('市妇儿工委办公室的任务');
    });
  });
});

forEachDialect('the office’s review of a warning’s rectification', (getDb) => {
  it('opens when every step is reported done; escalating sends it back; the next report reopens it; 销号 closes it', async () => {
    const db = getDb();
    const { departments } = await seedEvaluation(db);
    await insertValues(db, fixtureValues());
    const stats = actor('统计局', ['stats'], null, ZIBO);
    const office = actor('办公室', ['admin'], null, ZIBO);
    const result = await generateWarnings(db, stats, { year: 2023 });
    const w = result.warnings.find((x) => x.open && x.department !== null && x.department !== undefined);
    expect(w).toBeDefined();
    const warning = w as NonNullable<typeof w>;
    const departmentId = departments.get(warning.department?.name as string) as number;
    const owner = actor('责任单位填报员', ['reporter'], departmentId, warning.regionCode);
    const reviews = () => reviewsOf(db, office, 'warning_review', warning.id);
    const stepId = async (ord: number) => (await db.selectFrom('rectification_steps').select('id').where('warning_id', '=', warning.id).where('ord', '=', ord).executeTakeFirstOrThrow()).id;
    // The warning services stamp with the real clock: the review is due 10 days after today.
    const plus = (days: number) => addDays(todayOf(), days);

    await addCountermeasure(db, owner, warning.id, { text: '加强督导' });
    await addSteps(db, owner, warning.id, { steps: [{ description: '第一步', dueDate: '2030-06-30', owner: '科室' }, { description: '第二步', dueDate: '2030-09-30', owner: '科室' }] });
    await completeStep(db, owner, warning.id, await stepId(1), { note: '已完成' });
    expect(await reviews()).toEqual([]);

    await completeStep(db, owner, warning.id, await stepId(2), { note: '已完成' });
    const [task] = await reviews();
    expect(task).toMatchObject({ kind: 'rectification', status: 'open', dueDate: plus(10), owner: { label: '市妇儿工委办公室' } });
    expect(task?.title).toMatch(/^审核：预警整改完成情况（.+，2023年）$/);
    expect(task?.description).toContain('全部2项整改措施完成');
    // The owner's own rectification task is unchanged; the review is not the owner's.
    const ownTasks = await listTasks(db, owner, { kind: ['rectification'] });
    expect(ownTasks.map((t) => t.source?.id)).toContain(warning.id);
    expect(ownTasks.every((t) => t.source?.type === 'warning')).toBe(true);
    await rejects(getTask(db, owner, task?.id as number), 403, /无权查看该任务/);

    await escalateWarning(db, office, warning.id, { reason: '整改措施不够有力' });
    expect(await reviews()).toMatchObject([{ id: task?.id, status: 'done', outcomeNote: '预警已升级，要求继续整改' }]);

    await addSteps(db, owner, warning.id, { steps: [{ description: '第三步', dueDate: '2030-12-31', owner: '科室' }] });
    expect((await reviews())[0]?.status).toBe('done');
    await completeStep(db, owner, warning.id, await stepId(3), { note: '已完成' });
    expect(await reviews()).toMatchObject([{ id: task?.id, status: 'open', dueDate: plus(10) }]);
    expect((await reviews())[0]?.description).toContain('全部3项整改措施完成');

    await closeWarning(db, office, warning.id, { note: '整改到位' });
    expect(await reviews()).toMatchObject([{ id: task?.id, status: 'done', outcomeNote: '预警已销号' }]);
  });
});
