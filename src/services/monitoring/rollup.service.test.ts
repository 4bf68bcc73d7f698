import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { gridCells, disaggregationKey } from '../../core/monitoring/disaggregation.ts';
import type { IndicatorDefinition } from '../../core/indicator/indicator.types.ts';
import type { FormRow } from '../../storage/schema/monitoring.schema.ts';
import type { DataValueInput } from './data-value.contract.ts';
import { writeDataValues } from './data-value.service.ts';
import { MonitoringError } from './monitoring.errors.ts';
import { ZIBO, actorsFor, completeValues, makeActor, seedMonitoring } from './monitoring.test-support.ts';
import type { MonitoringSeed } from './monitoring.test-support.ts';
import { getProgress } from './progress.service.ts';
import { approveForm, submitForm, unlockValues } from './review.service.ts';
import { cityRollUp } from './rollup.service.ts';
import { openRound } from './round.service.ts';

const COUNTIES = ['370302', '370303', '370304', '370305', '370306', '370321', '370322', '370323', '370300-gxq', '370300-jkq', '370300-wch'];
const LAST = '370323'; // 沂源县, approved last

/** Σ numerators / Σ denominators × scale of one cell over the inputs, summed by hand. */
function expectedRate(inputs: readonly DataValueInput[], ind: IndicatorDefinition, cellKey: string): { rate: number; numerator: number; denominator: number } {
  let numerator = 0;
  let denominator = 0;
  for (const v of inputs) {
    if (v.indicatorCode !== ind.code || disaggregationKey({ sex: v.sex, ageGroup: v.ageGroup, area: v.area }) !== cellKey) continue;
    numerator += v.numerator ?? Number.NaN;
    denominator += v.denominator ?? Number.NaN;
  }
  return { rate: (numerator / denominator) * (ind.scale ?? 1), numerator, denominator };
}

forEachDialect('approval up the hierarchy, live roll-up and progress board', (getDb) => {
  let seed: MonitoringSeed;
  let a: ReturnType<typeof actorsFor>;
  let roundId: number;
  let forms: FormRow[];
  let healthForm: FormRow;
  const countyInputs: DataValueInput[] = [];
  const byCode = (code: string) => seed.catalogue.find((i) => i.code === code) as IndicatorDefinition;

  beforeAll(async () => {
    const db = getDb();
    seed = await seedMonitoring(db);
    a = actorsFor(seed);
    roundId = (await openRound(db, a.stats, { year: 2024, dueDate: '2025-03-31' })).id;
    forms = await db.selectFrom('forms').selectAll().where('round_id', '=', roundId).execute();
    healthForm = forms.find((f) => f.department_id === seed.health) as FormRow;
    // Counties differ in size (denominators) and in their rates, so that an average of rates is not the city's rate.
    for (const [i, code] of COUNTIES.entries()) {
      const reporter = makeActor(`${code}填报员`, ['reporter'], null, code);
      const values = completeValues(seed.catalogue, code, 2024, { factor: 1 + i * 0.7, rateShift: i * 0.5 });
      countyInputs.push(...values);
      await writeDataValues(db, reporter, values, { origin: 'form', status: 'draft' });
      const form = forms.find((f) => f.region_code === code) as FormRow;
      await submitForm(db, reporter, form.id);
      if (code !== LAST) await approveForm(db, a.cityReviewer, form.id);
    }
  });

  it('holds the city’s department form back until every county form is approved', async () => {
    const db = getDb();
    const health = seed.catalogue.filter((i) => i.department === '市卫生健康委');
    const direct = completeValues(health, ZIBO, 2024, { rateShift: 8 }).filter((v) => v.indicatorCode !== 'W1.03');
    // The bureau's own 孕产妇死亡率 equals the counties' sum: no mismatch expected there.
    for (const cell of gridCells(byCode('W1.03'))) {
      const e = expectedRate(countyInputs, byCode('W1.03'), disaggregationKey(cell));
      direct.push({ indicatorCode: 'W1.03', regionCode: ZIBO, year: 2024, ...cell, value: e.rate, numerator: e.numerator, denominator: e.denominator });
    }
    await writeDataValues(db, a.healthReporter, direct, { origin: 'form', status: 'draft' });
    await submitForm(db, a.healthReporter, healthForm.id);

    const err = await approveForm(db, a.cityReviewer, healthForm.id).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(MonitoringError);
    expect((err as MonitoringError).status).toBe(409);
    expect((err as MonitoringError).message).toBe('市级报表须在各区县报表全部审核通过后才能审核通过，尚未通过：沂源县（已提交待审核）');
    expect((err as MonitoringError).details).toEqual({ waitingFor: [{ regionCode: LAST, regionName: '沂源县', status: 'submitted' }] });
  });

  it('shows no city figure while a county is unapproved, and the progress of every form', async () => {
    const db = getDb();
    const rollup = await cityRollUp(db, { year: 2024, indicatorCode: 'W1.03' });
    const total = rollup.indicators[0]?.cells.find((c) => c.cellKey === '_T');
    expect(total).toMatchObject({ rolled: null, complete: false, reason: '缺少1个地区的数据：沂源县', direct: expect.any(Number) });
    expect(rollup.indicators[0]?.coverage.pending).toEqual([{ regionCode: LAST, statuses: ['submitted'] }]);
    const partial = await cityRollUp(db, { year: 2024, indicatorCode: 'W1.03', allowPartial: true });
    expect(partial.indicators[0]?.cells[0]?.reason).toBe('仅汇总了10/11个地区，缺少1个地区的数据：沂源县');

    const board = await getProgress(db, a.stats, roundId, { today: '2025-04-02' });
    expect(board.totals).toMatchObject({ forms: 24, approved: 10, submitted: 2, draft: 12, returned: 0, overdue: 12 });
    const row = (name: string) => board.forms.find((f) => f.form.name === name);
    expect(row('沂源县')).toMatchObject({ completeness: 100, overdue: false, daysOverdue: 0 });
    expect(row('市卫生健康委')).toMatchObject({ completeness: 100, overdue: false });
    const education = row('市教育局');
    expect(education).toMatchObject({ filled: 0, completeness: 0, overdue: true, daysOverdue: 2 });
    expect(education?.required).toBeGreaterThan(30);
    expect(board.reminders).toHaveLength(12);
    expect(board.reminders.map((r) => r.name)).toContain('市教育局');
    expect(board.reminders.find((r) => r.name === '市教育局')?.message).toBe(
      '市教育局：2024年度数据填报截止日期2025-03-31已过2天，报表仍为“填报中”，已完成0%，请尽快填报并提交',
    );
    // Before the due date nothing is overdue; a county reporter sees only its own form.
    expect((await getProgress(db, a.stats, roundId, { today: '2025-03-31' })).totals.overdue).toBe(0);
    const own = await getProgress(db, a.zhangdianReporter, roundId, { today: '2025-04-02' });
    expect(own.forms.map((f) => f.form.name)).toEqual(['张店区']);
  });

  it('rolls the city up at once when the last county is approved: Σ numerators / Σ denominators, beside the direct figure', async () => {
    const db = getDb();
    const last = forms.find((f) => f.region_code === LAST) as FormRow;
    await approveForm(db, a.cityReviewer, last.id);

    const rollup = await cityRollUp(db, { year: 2024 });
    expect(rollup.children.map((c) => c.code).sort()).toEqual([...COUNTIES].sort());
    const mmr = rollup.indicators.find((i) => i.indicatorCode === 'W1.03');
    const expected = expectedRate(countyInputs, byCode('W1.03'), '_T');
    const cell = mmr?.cells.find((c) => c.cellKey === '_T');
    expect(cell?.complete).toBe(true);
    expect(cell?.rolled).toBeCloseTo(expected.rate, 9);
    expect(cell?.numerator).toBeCloseTo(expected.numerator, 6);
    expect(cell?.denominator).toBeCloseTo(expected.denominator, 6);
    // Not the average of the county rates: big counties weigh more.
    const rates = countyInputs.filter((v) => v.indicatorCode === 'W1.03' && v.area === null).map((v) => v.value as number);
    const average = rates.reduce((s, r) => s + r, 0) / rates.length;
    expect(Math.abs((cell?.rolled ?? 0) - average)).toBeGreaterThan(0.1);
    expect(cell).toMatchObject({ mismatch: false, comparable: true, directStatus: 'submitted' });

    // The bureau reported 妇女常见病筛查率 (68%) well above the counties' figure: flagged.
    const screening = rollup.indicators.find((i) => i.indicatorCode === 'W1.04');
    const flagged = screening?.cells.find((c) => c.cellKey === '_T');
    expect(flagged?.mismatch).toBe(true);
    expect(flagged?.message).toMatch(/^直报值（[\d.]+%）与下级汇总值（[\d.]+%）相差[\d.]+%，超过允许差异0.5%$/);
    expect(screening?.mismatch).toBe(true);
    // Indicators that do not add up are reported by the city directly.
    const lifeExpectancy = rollup.indicators.find((i) => i.indicatorCode === 'W1.01');
    expect(lifeExpectancy).toMatchObject({ aggregatable: false });
    expect(lifeExpectancy?.cells[0]).toMatchObject({ rolled: null, reason: '该指标不能由下级数据汇总，由本级直接填报' });
    // Sums add up: 新建、改扩建幼儿园数.
    const built = rollup.indicators.find((i) => i.indicatorCode === 'C3.10')?.cells[0];
    const sum = countyInputs.filter((v) => v.indicatorCode === 'C3.10').reduce((s, v) => s + (v.value ?? 0), 0);
    expect(built?.rolled).toBe(sum);

    const approved = await approveForm(db, a.cityReviewer, healthForm.id);
    expect(approved.form.status).toBe('approved');
  });

  it('drops an unlocked county value from the city figure at once', async () => {
    const db = getDb();
    await unlockValues(db, a.stats, [{ indicatorCode: 'C3.10', regionCode: '370302', year: 2024, cellKey: '_T' }], '淄川区更正新建幼儿园数');
    const built = (await cityRollUp(db, { year: 2024, indicatorCode: 'C3.10' })).indicators[0]?.cells[0];
    expect(built).toMatchObject({ rolled: null, complete: false, reason: '缺少1个地区的数据：淄川区' });
  });

  it('shows a reporter only the indicators whose city figures it may read', async () => {
    const db = getDb();
    const mine = await cityRollUp(db, { year: 2024, actor: a.educationReporter });
    expect(mine.indicators.length).toBeGreaterThan(0);
    expect(mine.indicators.every((i) => byCode(i.indicatorCode).department === '市教育局')).toBe(true);
    expect((await cityRollUp(db, { year: 2024, actor: a.zhangdianReporter })).indicators).toEqual([]);
  });
});
