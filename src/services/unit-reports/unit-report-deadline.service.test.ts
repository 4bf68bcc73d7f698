import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { findAudit } from '../../storage/repositories/audit.repository.ts';
import { listEvents } from '../../storage/repositories/task.repository.ts';
import { listItems } from '../../storage/repositories/unit-report.repository.ts';
import { rejects, actor, actorsFor, BOSHAN, seedResponsibility, ZHANGDIAN, ZIBO } from '../responsibility/responsibility.test-support.ts';
import type { ResponsibilitySeed } from '../responsibility/responsibility.test-support.ts';
import { getTask, listTasks, remindersFor } from '../responsibility/task.service.ts';
import type { RoundOverview, UnitReportView } from './unit-report.contract.ts';
import { changeUnitReportDeadline } from './unit-report-deadline.service.ts';
import { getPublishedUnitReport } from './unit-report-public.service.ts';
import { openRound, roundOverview } from './unit-report-round.service.ts';
import { approveUnitReport, getUnitReport, listUnitReports, publishUnitReport, saveUnitReport, submitUnitReport } from './unit-report.service.ts';

const at = (date: string) => ({ now: new Date(`${date}T04:00:00Z`) });

const unit = (o: RoundOverview, name: string): UnitReportView => {
  const found = o.units.find((u) => u.unitName === name);
  if (found === undefined) throw new Error(`no unit ${name}`);
  return found;
};

forEachDialect('unit reports: changing a round deadline', (getDb) => {
  let seed: ResponsibilitySeed;
  let actors: ReturnType<typeof actorsFor>;
  let water: ReturnType<typeof actor>;
  let roundId: number;

  /** Fills every item and the overview, then submits (the water bureau's report). */
  async function submitComplete(reportId: number, who: ReturnType<typeof actor>, date: string): Promise<void> {
    const items = await listItems(getDb(), [reportId]);
    await saveUnitReport(getDb(), who, reportId, { overview: '2024年规划落实情况总体良好。', items: items.map((i) => ({ id: i.id, progress: 'in_progress' as const })) }, at(date));
    await submitUnitReport(getDb(), who, reportId, at(date));
  }

  beforeAll(async () => {
    seed = await seedResponsibility(getDb());
    actors = actorsFor(seed);
    water = actor('水利局填报员', ['reporter'], seed.id('市水利局'), ZIBO);
    roundId = (await openRound(getDb(), actors.office, { year: 2024, kind: 'annual', dueDate: '2025-03-31' }, at('2025-01-10'))).round.id;
  });

  describe('refusals', () => {
    it('lets only the office change a deadline, with a reason, to a date neither past nor before the opening', async () => {
      const db = getDb();
      const body = { dueDate: '2025-04-15', reason: '多个单位申请延期' };
      for (const who of [actors.stats, actors.viewer, actors.health, actors.zhangdian]) {
        await rejects(changeUnitReportDeadline(db, who, roundId, body, at('2025-03-20')), 403, '仅妇儿工委办公室（管理员）可以调整');
      }
      await rejects(changeUnitReportDeadline(db, actors.office, roundId, { ...body, reason: '  ' }, at('2025-03-20')), 400, '调整截止日期须说明理由');
      await rejects(changeUnitReportDeadline(db, actors.office, roundId, { ...body, dueDate: '2025-03-19' }, at('2025-03-20')), 400, '已经过去（今天是2025-03-20）');
      await rejects(changeUnitReportDeadline(db, actors.office, roundId, { ...body, dueDate: '2025-01-08' }, at('2025-01-05')), 400, '早于本轮次的发起日期2025-01-10');
      await rejects(changeUnitReportDeadline(db, actors.office, roundId, { ...body, dueDate: '2025-04-31' }, at('2025-03-20')), 400, '无效');
      await rejects(changeUnitReportDeadline(db, actors.office, roundId, { ...body, dueDate: '2025-03-31' }, at('2025-03-20')), 400, '相同');
      await rejects(changeUnitReportDeadline(db, actors.office, roundId, { ...body, unit: '张店区', dueDate: '2025-03-25' }, at('2025-03-20')), 400, '应晚于本轮统一截止日期2025-03-31');
      await rejects(changeUnitReportDeadline(db, actors.office, roundId, { ...body, unit: '市不存在局' }, at('2025-03-20')), 404, '市不存在局的报告不存在');
      await rejects(changeUnitReportDeadline(db, actors.office, { year: 2023, kind: 'annual' }, body, at('2025-03-20')), 404, '2023年度');
      // Nothing changed.
      const o = await roundOverview(db, actors.office, roundId, at('2025-03-20'));
      expect(o.round.dueDate).toBe('2025-03-31');
      expect(o.deadlineChanges).toEqual([]);
      expect(o.extensions).toEqual([]);
      expect(await findAudit(db, { entity: 'unit_report_round', entityKey: String(roundId) })).toEqual([]);
    });
  });

  describe('the whole round', () => {
    it('moves the deadline, audits it, moves the tasks, and turns a late submission into an on-time one', async () => {
      const db = getDb();
      const before = await roundOverview(db, actors.office, roundId, at('2025-04-06'));
      const waterId = unit(before, '市水利局').id;
      // Submitted five days after the deadline: late.
      await submitComplete(waterId, water, '2025-04-05');
      let o = await roundOverview(db, actors.office, roundId, at('2025-04-06'));
      expect(unit(o, '市水利局')).toMatchObject({ lateness: 'late', latenessLabel: '逾期报送', dueDate: '2025-03-31' });
      expect(unit(o, '市卫生健康委').lateness).toBe('overdue');
      expect(o.counts).toMatchObject({ late: 1, overdue: o.counts.total - 1 });
      const healthTask = unit(o, '市卫生健康委').taskId as number;
      expect((await listTasks(db, actors.office, { overdue: true, kind: ['annual_report'] }, at('2025-04-06'))).length).toBe(o.counts.total - 1);

      o = await changeUnitReportDeadline(db, actors.office, roundId, { dueDate: '2025-04-15', reason: '多个单位因机构改革申请延期' }, at('2025-04-06'));
      expect(o.round.dueDate).toBe('2025-04-15');
      // That is what an extension means: submitted before the new date, so on time.
      expect(unit(o, '市水利局')).toMatchObject({ lateness: 'on_time', latenessLabel: '按时报送', dueDate: '2025-04-15', roundDueDate: '2025-04-15', extension: null });
      expect(unit(o, '市卫生健康委')).toMatchObject({ lateness: 'pending', dueDate: '2025-04-15' });
      expect(o.counts).toMatchObject({ late: 0, overdue: 0 });
      expect(o.deadlineChanges).toEqual([
        { at: '2025-04-06T04:00:00.000Z', userName: '妇儿工委办公室', unitName: null, unitKey: null, before: '2025-03-31', after: '2025-04-15', reason: '多个单位因机构改革申请延期' },
      ]);

      // The audit row: who, when, before, after, why.
      const [audit] = await findAudit(db, { entity: 'unit_report_round', entityKey: String(roundId) });
      expect(audit).toMatchObject({ action: 'unit_report_round.deadline', user_name: '妇儿工委办公室', at: '2025-04-06T04:00:00.000Z', reason: '多个单位因机构改革申请延期' });
      expect(JSON.parse(audit?.before_json ?? '')).toEqual({ dueDate: '2025-03-31' });
      expect(JSON.parse(audit?.after_json ?? '')).toMatchObject({ dueDate: '2025-04-15' });
      // Each unit's report history shows it too.
      const history = (await getUnitReport(db, water, waterId, at('2025-04-06'))).history;
      expect(history.at(-1)).toMatchObject({ action: 'unit_report.deadline', actionLabel: '调整截止日期', before: { dueDate: '2025-03-31' }, after: { dueDate: '2025-04-15', unitName: '市水利局' }, reason: '多个单位因机构改革申请延期' });

      // The tasks move, the done one too; reminders and overdue flags follow the new date.
      expect(await getTask(db, actors.office, healthTask, at('2025-04-06'))).toMatchObject({ dueDate: '2025-04-15', status: 'open', dueState: 'upcoming' });
      expect(await getTask(db, water, unit(o, '市水利局').taskId as number, at('2025-04-06'))).toMatchObject({ dueDate: '2025-04-15', status: 'done' });
      expect(await listTasks(db, actors.office, { overdue: true, kind: ['annual_report'] }, at('2025-04-06'))).toEqual([]);
      expect((await listEvents(db, 'task', healthTask)).at(-1)).toMatchObject({ action: 'task.deadline', note: '截止日期由2025-03-31调整为2025-04-15：多个单位因机构改革申请延期' });
      const reminders = await remindersFor(db, actors.health, at('2025-04-08'));
      expect(reminders.find((r) => r.task.id === healthTask)?.reminder).toMatchObject({ daysLeft: 7, text: '还有7天到期' });
    });
  });

  describe('one unit', () => {
    it('extends one county only; the others keep the round date; a later round move absorbs the extension', async () => {
      const db = getDb();
      let o = await changeUnitReportDeadline(db, actors.office, { year: 2024, kind: 'annual' }, { dueDate: '2025-04-30', reason: '张店区申请：区妇儿工委换届', unit: '张店区' }, at('2025-04-10'));
      expect(o.round.dueDate).toBe('2025-04-15');
      expect(unit(o, '张店区')).toMatchObject({ dueDate: '2025-04-30', roundDueDate: '2025-04-15', extension: { dueDate: '2025-04-30', reason: '张店区申请：区妇儿工委换届' } });
      expect(unit(o, '博山区')).toMatchObject({ dueDate: '2025-04-15', extension: null });
      expect(o.extensions).toMatchObject([{ unitName: '张店区', unitKey: `county:${ZHANGDIAN}`, regionCode: ZHANGDIAN, departmentId: null, dueDate: '2025-04-30', setByName: '妇儿工委办公室' }]);
      expect(o.deadlineChanges.at(-1)).toMatchObject({ unitName: '张店区', before: '2025-04-15', after: '2025-04-30' });
      expect((await getTask(db, actors.zhangdian, unit(o, '张店区').taskId as number)).dueDate).toBe('2025-04-30');
      expect((await getTask(db, actors.boshan, unit(o, '博山区').taskId as number)).dueDate).toBe('2025-04-15');

      // Past the round date: 博山区 is overdue, 张店区 is not.
      o = await roundOverview(db, actors.office, roundId, at('2025-04-20'));
      expect(unit(o, '博山区').lateness).toBe('overdue');
      expect(unit(o, '张店区').lateness).toBe('pending');
      expect((await listTasks(db, actors.zhangdian, { overdue: true }, at('2025-04-20'))).filter((t) => t.kind === 'annual_report')).toEqual([]);
      expect((await listTasks(db, actors.boshan, { overdue: true }, at('2025-04-20'))).map((t) => t.owner.regionCode)).toContain(BOSHAN);
      // The unit sees its own extension; another county sees neither it nor its reason.
      const own = await roundOverview(db, actors.zhangdian, roundId, at('2025-04-20'));
      expect(own.extensions.map((e) => e.unitName)).toEqual(['张店区']);
      expect(own.canChangeDeadline).toBe(false);
      const other = await roundOverview(db, actors.boshan, roundId, at('2025-04-20'));
      expect(other.extensions).toEqual([]);
      expect(other.deadlineChanges.map((c) => c.unitName)).toEqual([null]);
      expect((await listUnitReports(db, actors.zhangdian, { year: 2024 }, at('2025-04-20')))[0]).toMatchObject({ dueDate: '2025-04-30', lateness: 'pending' });

      // Extending the unit again replaces its extension; an earlier date than the round's is refused.
      await rejects(changeUnitReportDeadline(db, actors.office, roundId, { dueDate: '2025-04-30', reason: '重复', unit: { regionCode: ZHANGDIAN } }, at('2025-04-20')), 400, '相同');
      o = await changeUnitReportDeadline(db, actors.office, roundId, { dueDate: '2025-05-05', reason: '张店区再次申请', unit: { regionCode: ZHANGDIAN } }, at('2025-04-20'));
      expect(o.extensions.map((e) => [e.unitName, e.dueDate, e.reason])).toEqual([['张店区', '2025-05-05', '张店区再次申请']]);

      // The whole round moves past the extension: it is absorbed, every unit is due on the round date.
      o = await changeUnitReportDeadline(db, actors.office, roundId, { dueDate: '2025-05-10', reason: '统一延期至5月10日' }, at('2025-04-20'));
      expect(o.extensions).toEqual([]);
      expect(unit(o, '张店区')).toMatchObject({ dueDate: '2025-05-10', extension: null });
      expect((await getTask(db, actors.zhangdian, unit(o, '张店区').taskId as number)).dueDate).toBe('2025-05-10');
      const last = (await findAudit(db, { entity: 'unit_report_round', entityKey: String(roundId) })).at(-1);
      expect(JSON.parse(last?.after_json ?? '')).toEqual({ dueDate: '2025-05-10', extensionsKept: [], extensionsAbsorbed: ['张店区'] });
      expect(o.deadlineChanges.map((c) => [c.unitName, c.before, c.after])).toEqual([
        [null, '2025-03-31', '2025-04-15'],
        ['张店区', '2025-04-15', '2025-04-30'],
        ['张店区', '2025-04-30', '2025-05-05'],
        [null, '2025-04-15', '2025-05-10'],
      ]);
    });

    it('keeps an extension the round date does not reach, and a department extension by name', async () => {
      const db = getDb();
      let o = await changeUnitReportDeadline(db, actors.office, roundId, { dueDate: '2025-06-30', reason: '卫健委承担疫情防控任务', unit: '市卫生健康委' }, at('2025-04-25'));
      expect(unit(o, '市卫生健康委')).toMatchObject({ dueDate: '2025-06-30', extension: { dueDate: '2025-06-30' } });
      o = await changeUnitReportDeadline(db, actors.office, roundId, { dueDate: '2025-05-20', reason: '统一再延期' }, at('2025-04-25'));
      expect(unit(o, '市卫生健康委').dueDate).toBe('2025-06-30');
      expect(unit(o, '市教育局').dueDate).toBe('2025-05-20');
      expect((await getTask(db, actors.health, unit(o, '市卫生健康委').taskId as number)).dueDate).toBe('2025-06-30');
      // Moving the round earlier (not into the past) keeps everything submitted on time.
      o = await changeUnitReportDeadline(db, actors.office, roundId, { dueDate: '2025-05-01', reason: '提前收齐以便汇总' }, at('2025-04-25'));
      expect(unit(o, '市水利局')).toMatchObject({ lateness: 'on_time', dueDate: '2025-05-01' });
      expect(unit(o, '市卫生健康委').dueDate).toBe('2025-06-30');
    });

    it('shows the public the extended date but not the office’s reason', async () => {
      const db = getDb();
      const o = await roundOverview(db, actors.office, roundId, at('2025-04-25'));
      const waterId = unit(o, '市水利局').id;
      await changeUnitReportDeadline(db, actors.office, roundId, { dueDate: '2025-05-08', reason: '内部理由', unit: '市水利局' }, at('2025-04-25'));
      await approveUnitReport(db, actors.office, waterId, at('2025-04-26'));
      await publishUnitReport(db, actors.office, waterId, at('2025-04-27'));
      const pub = await getPublishedUnitReport(db, waterId);
      expect(pub.extension).toEqual({ dueDate: '2025-05-08', reason: '' });
      expect(pub.history).toEqual([]);
    });
  });
});
