import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { addDays } from '../../core/responsibility/dates.ts';
import { findAudit } from '../../storage/repositories/audit.repository.ts';
import { listEvents } from '../../storage/repositories/task.repository.ts';
import { todayOf } from '../responsibility/clock.ts';
import { listTasks } from '../responsibility/task.service.ts';
import { formAuditTrail } from './audit.service.ts';
import { writeDataValues } from './data-value.service.ts';
import { listForms } from './form.service.ts';
import { MonitoringError } from './monitoring.errors.ts';
import { BOSHAN, ZHANGDIAN, actorsFor, completeValues, seedMonitoring } from './monitoring.test-support.ts';
import type { MonitoringSeed } from './monitoring.test-support.ts';
import { getProgress } from './progress.service.ts';
import { returnForm, submitForm } from './review.service.ts';
import { changeRoundDeadline } from './round-deadline.service.ts';
import { closeRound, getRound, openRound, reopenRound } from './round.service.ts';

type Actors = ReturnType<typeof actorsFor>;

async function rejects(work: Promise<unknown>, status: number, message: string | RegExp): Promise<void> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MonitoringError);
  expect((err as MonitoringError).status).toBe(status);
  expect((err as MonitoringError).message).toMatch(message);
}

// Rounds are opened on the real clock, so the dates are relative to today.
const today = todayOf();
const day = (n: number) => addDays(today, n);
const on = (n: number) => ({ now: new Date(`${day(n)}T04:00:00Z`) });
const YEAR = Number(today.slice(0, 4)) - 1;

forEachDialect('monitoring: changing a data round deadline', (getDb) => {
  let seed: MonitoringSeed;
  let a: Actors;
  let roundId: number;
  const taskDues = async (regionCode?: string) =>
    (await listTasks(getDb(), a.admin, { kind: ['data_round'], source: { type: 'round', id: roundId } }))
      .filter((t) => regionCode === undefined || (t.owner.departmentId === null && t.owner.regionCode === regionCode))
      .map((t) => t.dueDate);

  beforeAll(async () => {
    const db = getDb();
    seed = await seedMonitoring(db);
    a = actorsFor(seed);
    roundId = (await openRound(db, a.stats, { year: YEAR, dueDate: day(10) })).id;
  });

  it('is refused to reporters and viewers, without a reason, to a past date, and on a closed round', async () => {
    const db = getDb();
    const body = { dueDate: day(20), reason: '部分区县申请延期' };
    for (const who of [a.healthReporter, a.zhangdianReporter, a.zhangdianReviewer, a.viewer]) {
      await rejects(changeRoundDeadline(db, who, roundId, body, on(0)), 403, '仅统计局或管理员可以调整');
    }
    await rejects(changeRoundDeadline(db, a.stats, roundId, { ...body, reason: '' }, on(0)), 400, '调整截止日期须说明理由');
    await rejects(changeRoundDeadline(db, a.stats, roundId, { ...body, dueDate: day(-1) }, on(0)), 400, `已经过去（今天是${today}）`);
    await rejects(changeRoundDeadline(db, a.stats, roundId, { ...body, dueDate: day(10) }, on(0)), 400, '相同');
    await rejects(changeRoundDeadline(db, a.stats, roundId, { ...body, unit: '张店区', dueDate: day(5) }, on(0)), 400, `应晚于本轮统一截止日期${day(10)}`);
    await rejects(changeRoundDeadline(db, a.stats, roundId, { ...body, unit: '不存在区' }, on(0)), 404, '不存在区的报表');
    await rejects(changeRoundDeadline(db, a.stats, 9999, body, on(0)), 404, '填报轮次9999');
    await closeRound(db, a.stats, roundId);
    await rejects(changeRoundDeadline(db, a.stats, roundId, body, on(0)), 409, '已结束，不能调整截止日期');
    await reopenRound(db, a.stats, roundId);
    expect((await getRound(db, a.stats, roundId)).dueDate).toBe(day(10));
    expect(await findAudit(db, { entity: 'round', entityKey: String(roundId), actions: ['round.deadline'] })).toEqual([]);
  });

  it('moves the whole round: audited, every form task moves, the board stops flagging overdue', async () => {
    const db = getDb();
    // Past the old date: every form is overdue.
    let board = await getProgress(db, a.stats, roundId, { today: day(12) });
    expect(board.totals.overdue).toBe(board.totals.forms);
    expect(board.canChangeDeadline).toBe(true);

    const round = await changeRoundDeadline(db, a.admin, roundId, { dueDate: day(20), reason: '统计年鉴发布推迟，统一延期' }, on(1));
    expect(round.dueDate).toBe(day(20));
    const dues = await taskDues();
    expect(dues.length).toBe(round.forms.total);
    expect(new Set(dues)).toEqual(new Set([day(20)]));
    board = await getProgress(db, a.stats, roundId, { today: day(12) });
    expect(board.totals.overdue).toBe(0);
    expect(board.reminders).toEqual([]);
    expect(board.deadlineChanges).toEqual([{ at: `${day(1)}T04:00:00.000Z`, userName: '管理员甲', unitName: null, unitKey: null, before: day(10), after: day(20), reason: '统计年鉴发布推迟，统一延期' }]);

    const [audit] = await findAudit(db, { entity: 'round', entityKey: String(roundId), actions: ['round.deadline'] });
    expect(audit).toMatchObject({ user_name: '管理员甲', form_id: null, reason: '统计年鉴发布推迟，统一延期' });
    expect(JSON.parse(audit?.before_json ?? '')).toEqual({ dueDate: day(10) });
    const task = (await listTasks(db, a.admin, { kind: ['data_round'], source: { type: 'round', id: roundId } }))[0];
    expect((await listEvents(db, 'task', task?.id as number)).at(-1)).toMatchObject({ action: 'task.deadline', note: `截止日期由${day(10)}调整为${day(20)}：统计年鉴发布推迟，统一延期` });
  });

  it('extends one county: its form, task and overdue flag follow its own date, and the form sync keeps it', async () => {
    const db = getDb();
    const round = await changeRoundDeadline(db, a.stats, roundId, { dueDate: day(40), reason: '张店区申请：统计人员调整', unit: { regionCode: ZHANGDIAN } }, on(2));
    expect(round.dueDate).toBe(day(20));
    expect(round.extensions).toMatchObject([{ unitName: '张店区', unitKey: `region:${ZHANGDIAN}`, regionCode: ZHANGDIAN, dueDate: day(40), reason: '张店区申请：统计人员调整', setByName: '统计局乙' }]);
    expect(await taskDues(ZHANGDIAN)).toEqual([day(40)]);
    expect(await taskDues(BOSHAN)).toEqual([day(20)]);
    const [zhangdian] = await listForms(db, a.zhangdianReporter, { roundIds: [roundId] });
    expect(zhangdian).toMatchObject({ dueDate: day(40), round: { dueDate: day(20) } });
    // The form's own log shows the extension.
    expect((await formAuditTrail(db, a.stats, zhangdian?.id as number)).some((e) => e.action === 'round.deadline')).toBe(true);

    const board = await getProgress(db, a.stats, roundId, { today: day(21) });
    const row = (code: string) => board.forms.find((f) => f.form.kind === 'region' && f.form.regionCode === code);
    expect(row(ZHANGDIAN)).toMatchObject({ dueDate: day(40), extended: true, overdue: false, daysOverdue: 0 });
    expect(row(BOSHAN)).toMatchObject({ dueDate: day(20), extended: false, overdue: true, daysOverdue: 1 });
    expect(board.reminders.some((r) => r.name === '张店区')).toBe(false);
    expect(board.reminders.find((r) => r.name === '博山区')?.message).toContain(`截止日期${day(20)}已过1天`);
    // Another county's reporter sees the whole-round change only.
    const boshanBoard = await getProgress(db, a.boshanReporter, roundId, { today: day(21) });
    expect(boshanBoard.deadlineChanges.map((c) => c.unitName)).toEqual([null]);
    expect(boshanBoard.extensions).toEqual([]);
    expect(boshanBoard.canChangeDeadline).toBe(false);

    // Submitting and returning the form re-syncs the round's tasks: the extension stands.
    await writeDataValues(db, a.zhangdianReporter, completeValues(seed.catalogue, ZHANGDIAN, YEAR), { origin: 'form', status: 'draft' });
    await submitForm(db, a.zhangdianReporter, zhangdian?.id as number);
    await returnForm(db, a.stats, zhangdian?.id as number, { comment: '请核实' });
    expect(await taskDues(ZHANGDIAN)).toEqual([day(40)]);
  });

  it('extends a department by name, and a round move past an extension absorbs it', async () => {
    const db = getDb();
    let round = await changeRoundDeadline(db, a.admin, roundId, { dueDate: day(25), reason: '卫健委申请', unit: '市卫生健康委' }, on(3));
    expect(round.extensions.map((e) => [e.unitName, e.departmentId, e.dueDate])).toEqual([
      ['张店区', null, day(40)],
      ['市卫生健康委', seed.health, day(25)],
    ]);
    round = await changeRoundDeadline(db, a.admin, roundId, { dueDate: day(30), reason: '统一再延期' }, on(3));
    // 市卫生健康委's day 25 is absorbed; 张店区's day 40 stands.
    expect(round.extensions.map((e) => [e.unitName, e.dueDate])).toEqual([['张店区', day(40)]]);
    const health = (await listTasks(db, a.admin, { kind: ['data_round'], source: { type: 'round', id: roundId }, departmentId: seed.health }))[0];
    expect(health?.dueDate).toBe(day(30));
    expect(await taskDues(ZHANGDIAN)).toEqual([day(40)]);
    const last = (await findAudit(db, { entity: 'round', entityKey: String(roundId), actions: ['round.deadline'] })).at(-1);
    expect(JSON.parse(last?.after_json ?? '')).toEqual({ dueDate: day(30), extensionsKept: ['张店区'], extensionsAbsorbed: ['市卫生健康委'] });
  });
});
