import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { findDataValues } from '../../storage/repositories/data-value.repository.ts';
import type { FormRow } from '../../storage/schema/monitoring.schema.ts';
import { formAuditTrail, valueAuditTrail } from './audit.service.ts';
import { DataValueRejectedError } from './data-value.contract.ts';
import { writeDataValues } from './data-value.service.ts';
import { getForm } from './form.service.ts';
import { MonitoringError } from './monitoring.errors.ts';
import { ZHANGDIAN, actorsFor, completeValues, seedMonitoring } from './monitoring.test-support.ts';
import type { MonitoringSeed } from './monitoring.test-support.ts';
import { approveForm, returnForm, submitForm, unlockForm } from './review.service.ts';
import { openRound } from './round.service.ts';

type Actors = ReturnType<typeof actorsFor>;

async function failure(promise: Promise<unknown>): Promise<MonitoringError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(MonitoringError);
  return err as MonitoringError;
}

forEachDialect('review workflow of a county form', (getDb) => {
  let seed: MonitoringSeed;
  let a: Actors;
  let form: FormRow;
  beforeAll(async () => {
    const db = getDb();
    seed = await seedMonitoring(db);
    a = actorsFor(seed);
    await openRound(db, a.stats, { year: 2024, dueDate: '2025-03-31' });
    form = await db.selectFrom('forms').selectAll().where('region_code', '=', ZHANGDIAN).executeTakeFirstOrThrow();
    // Last year's figures, approved: the year-on-year check compares with them.
    await writeDataValues(db, a.stats, completeValues(seed.catalogue, ZHANGDIAN, 2023), { origin: 'cli', status: 'approved' });
  });

  it('refuses to submit while a value jumps from last year without a note and a required cell is empty', async () => {
    const db = getDb();
    const values = completeValues(seed.catalogue, ZHANGDIAN, 2024).filter((v) => v.indicatorCode !== 'W1.03' && v.indicatorCode !== 'C3.10');
    // 孕产妇死亡率 from 8 to 12/10万 (+50%) in every cell.
    values.push(...completeValues(seed.catalogue.filter((i) => i.code === 'W1.03'), ZHANGDIAN, 2024, { rateShift: 4 }));
    await writeDataValues(db, a.zhangdianReporter, values, { origin: 'form', status: 'draft' });

    const err = await failure(submitForm(db, a.zhangdianReporter, form.id));
    expect(err.status).toBe(400);
    const issues = (err.details as { issues: { indicatorCode: string; cellKey: string; code: string; message: string }[] }).issues;
    expect(issues.map((i) => [i.indicatorCode, i.cellKey, i.code])).toEqual([
      ['W1.03', '_T', 'yoy_unexplained'],
      ['W1.03', 'area=城镇', 'yoy_unexplained'],
      ['W1.03', 'area=农村', 'yoy_unexplained'],
      ['C3.10', '_T', 'required_missing'],
    ]);
    expect(issues[0]?.message).toBe('比上年（8/10万）上升50%，超过通常变动幅度20%，请在备注中说明原因');
    expect((await getForm(db, a.zhangdianReporter, form.id)).form.status).toBe('draft');
  });

  it('submits once the jump is explained and the cell filled; the form is then closed to its reporter', async () => {
    const db = getDb();
    const explained = completeValues(seed.catalogue.filter((i) => i.code === 'W1.03'), ZHANGDIAN, 2024, { rateShift: 4, note: '新建妇产医院，外县危重孕产妇转入' });
    await writeDataValues(db, a.zhangdianReporter, explained.map((v) => ({ ...v, expectedVersion: 1 })), { origin: 'form', status: 'draft' });
    await writeDataValues(db, a.zhangdianReporter, completeValues(seed.catalogue.filter((i) => i.code === 'C3.10'), ZHANGDIAN, 2024), { origin: 'form', status: 'draft' });

    const submitted = await submitForm(db, a.zhangdianReporter, form.id);
    expect(submitted.form).toMatchObject({ status: 'submitted', submittedBy: '张店区填报员' });
    expect(submitted.values).toBe(completeValues(seed.catalogue, ZHANGDIAN, 2024).length);
    const statuses = new Set((await findDataValues(db, { formId: form.id })).map((v) => v.status));
    expect([...statuses]).toEqual(['submitted']);
    // Last year's approved import belongs to no form: it needs no review.
    expect((await findDataValues(db, { years: [2023], regionCodes: [ZHANGDIAN] })).every((v) => v.formId === null)).toBe(true);

    const err = await writeDataValues(db, a.zhangdianReporter, [{ ...explained[0]!, value: 12.5, numerator: 1.25, expectedVersion: 2 }], { origin: 'form', status: 'draft' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataValueRejectedError);
    expect((err as DataValueRejectedError).issues[0]).toMatchObject({ code: 'form_locked', message: '报表已提交，正在审核，暂不能修改；如需修改，请联系审核员退回' });
    expect((await failure(submitForm(db, a.zhangdianReporter, form.id))).status).toBe(409);
  });

  it('lets neither the reporter nor another county’s staff approve or return it', async () => {
    const db = getDb();
    expect((await failure(approveForm(db, a.zhangdianReporter, form.id))).message).toBe('无权审核通过该报表：填报员不能审核');
    expect((await failure(returnForm(db, a.zhangdianReporter, form.id, { comment: 'x' }))).status).toBe(403);
    expect((await failure(approveForm(db, a.healthReviewer, form.id))).status).toBe(403);
    expect((await failure(approveForm(db, a.boshanReporter, form.id))).status).toBe(403);
  });

  it('returns one value with the reviewer’s comment; the reporter sees it beside the cell', async () => {
    const db = getDb();
    expect((await failure(returnForm(db, a.zhangdianReviewer, form.id, {}))).message).toBe('退回时请填写退回意见（针对整张报表或具体数据）');
    const returned = await returnForm(db, a.zhangdianReviewer, form.id, { values: [{ indicatorCode: 'W1.03', cellKey: '_T', comment: '死亡例数与卫健委直报系统不一致，请核对' }] });
    expect(returned.form).toMatchObject({ status: 'returned', returnedBy: '张店区审核员' });
    const values = await findDataValues(db, { formId: form.id });
    expect(values.filter((v) => v.status === 'returned').map((v) => [v.indicatorCode, v.disaggregation.area])).toEqual([['W1.03', null]]);

    const grid = await getForm(db, a.zhangdianReporter, form.id);
    const cell = grid.indicators.find((i) => i.code === 'W1.03')?.cells.find((c) => c.cellKey === '_T');
    expect(cell?.comments.map((c) => [c.author, c.text])).toEqual([['张店区审核员', '死亡例数与卫健委直报系统不一致，请核对']]);
    expect(cell).toMatchObject({ status: 'returned', version: 2, lastYear: { value: 8, status: 'approved' } });
    expect(grid.permissions).toMatchObject({ write: true, submit: true, approve: false });
  });

  it('takes the fix and the resubmission, then the approval, which locks the values', async () => {
    const db = getDb();
    // 2 deaths in 16,667 live births: 12/10万.
    const fixed = completeValues(seed.catalogue.filter((i) => i.code === 'W1.03'), ZHANGDIAN, 2024, { rateShift: 4, note: '核对后：2例，均为外县转入' });
    await writeDataValues(db, a.zhangdianReporter, fixed.map((v) => ({ ...v, expectedVersion: 2 })), { origin: 'form', status: 'draft' });
    const resubmitted = await submitForm(db, a.zhangdianReporter, form.id);
    expect(resubmitted.form.status).toBe('submitted');

    const approved = await approveForm(db, a.zhangdianReviewer, form.id);
    expect(approved.form).toMatchObject({ status: 'approved', approvedBy: '张店区审核员' });
    expect(new Set((await findDataValues(db, { formId: form.id })).map((v) => v.status))).toEqual(new Set(['approved']));
    const grid = await getForm(db, a.zhangdianReporter, form.id);
    expect(grid.comments.every((c) => c.resolved)).toBe(true);
    expect(grid.permissions.write).toBe(true);
    const err = await writeDataValues(db, a.zhangdianReporter, [{ ...fixed[0]!, note: '再改', expectedVersion: 3 }], { origin: 'form', status: 'draft' }).catch((e: unknown) => e);
    expect((err as DataValueRejectedError).issues.map((i) => i.code)).toEqual(['locked']);
  });

  it('keeps each step in the audit log, per form and per value', async () => {
    const db = getDb();
    const trail = await formAuditTrail(db, a.zhangdianReporter, form.id);
    const steps = trail.filter((e) => e.entity === 'form' || e.action === 'value.return').map((e) => [e.action, e.user.name]);
    expect(steps).toEqual([
      ['form.submit', '张店区填报员'],
      ['form.return', '张店区审核员'],
      ['value.return', '张店区审核员'],
      ['form.resubmit', '张店区填报员'],
      ['form.approve', '张店区审核员'],
    ]);
    const cell = await valueAuditTrail(db, a.zhangdianReviewer, { indicatorCode: 'W1.03', regionCode: ZHANGDIAN, year: 2024, cellKey: '_T' });
    expect(cell.map((e) => e.action)).toEqual(['value.insert', 'value.update', 'form.submit', 'form.return', 'value.return', 'value.update', 'form.resubmit', 'form.approve']);
    expect(cell[1]?.summary).toBe('修改（网页填报）：备注空→新建妇产医院，外县危重孕产妇转入');
    expect(cell[4]?.summary).toBe('退回数据：死亡例数与卫健委直报系统不一致，请核对');
    expect(cell[5]?.summary).toBe('修改（网页填报）：备注新建妇产医院，外县危重孕产妇转入→核对后：2例，均为外县转入，状态已退回→填报中');
    expect((await failure(valueAuditTrail(db, a.boshanReporter, { indicatorCode: 'W1.03', regionCode: ZHANGDIAN, year: 2024, cellKey: '_T' }))).status).toBe(403);
    expect((await failure(formAuditTrail(db, a.boshanReporter, form.id))).status).toBe(403);
  });

  it('unlocks an approved value only for the statistics bureau, with a reason, and sends the form back', async () => {
    const db = getDb();
    expect((await failure(unlockForm(db, a.zhangdianReviewer, form.id, { reason: '更正' }))).status).toBe(403);
    expect((await failure(unlockForm(db, a.stats, form.id, { reason: '  ' }))).message).toBe('解锁须填写原因');
    const unlocked = await unlockForm(db, a.stats, form.id, { reason: '省统计局反馈口径调整', values: [{ indicatorCode: 'W1.03', cellKey: 'area=城镇' }] });
    expect(unlocked.values).toBe(1);
    expect(unlocked.forms.map((f) => f.status)).toEqual(['returned']);
    const grid = await getForm(db, a.zhangdianReporter, form.id);
    const cell = grid.indicators.find((i) => i.code === 'W1.03')?.cells.find((c) => c.cellKey === 'area=城镇');
    expect(cell?.status).toBe('returned');
    expect(cell?.comments.map((c) => c.text)).toEqual(['解锁：省统计局反馈口径调整']);
    const trail = await valueAuditTrail(db, a.stats, { indicatorCode: 'W1.03', regionCode: ZHANGDIAN, year: 2024, cellKey: 'area=城镇' });
    expect(trail.slice(-2).map((e) => [e.action, e.reason])).toEqual([['value.unlock', '省统计局反馈口径调整'], ['form.unlock', '省统计局反馈口径调整']]);
    // Now the reporter may change it again, and submit once more.
    await writeDataValues(db, a.zhangdianReporter, [{ ...completeValues(seed.catalogue.filter((i) => i.code === 'W1.03'), ZHANGDIAN, 2024, { rateShift: 4 })[1]!, note: '口径调整', expectedVersion: 3 }], { origin: 'form', status: 'draft' });
    expect((await submitForm(db, a.zhangdianReporter, form.id)).form.status).toBe('submitted');
  });
});

describe('opening rounds', () => {
  forEachDialect('openRound', (getDb) => {
    let a: Actors;
    beforeAll(async () => {
      a = actorsFor(await seedMonitoring(getDb()));
    });

    it('creates a form per reporting department and per county or zone, and refuses a second round for the year', async () => {
      const db = getDb();
      expect((await failure(openRound(db, a.zhangdianReporter, { year: 2024, dueDate: '2025-03-31' }))).status).toBe(403);
      expect((await failure(openRound(db, a.stats, { year: 2024, dueDate: '2024-06-30' }))).message).toBe('截止日期（2024-06-30）应在数据年度2024年结束之后');
      const round = await openRound(db, a.stats, { year: 2024, dueDate: '2025-03-31' });
      expect(round).toMatchObject({ year: 2024, title: '2024年度妇女儿童发展规划监测数据填报', status: 'open', openedBy: '统计局乙' });
      // 13 departments report indicators in the catalogue; 淄博市 has 8 districts and counties and 3 functional zones.
      expect(round.forms).toMatchObject({ total: 24, department: 13, region: 11, draft: 24 });
      const regions = (await db.selectFrom('forms').select('region_code').where('kind', '=', 'region').orderBy('region_code').execute()).map((r) => r.region_code);
      expect(regions).toEqual(['370300-gxq', '370300-jkq', '370300-wch', '370302', '370303', '370304', '370305', '370306', '370321', '370322', '370323']);
      expect((await failure(openRound(db, a.admin, { year: 2024, dueDate: '2025-03-31' }))).message).toBe('2024年度的填报轮次已经存在（进行中），不能重复开启');
    });
  });
});
