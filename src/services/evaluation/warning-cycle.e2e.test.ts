/**
 * End to end, on both databases: a year's data are entered through the forms of a collection round and approved;
 * the office generates that year's warnings (refused while forms are pending); the department answers with
 * countermeasures and a rectification plan; the office closes the warning; the dashboard follows.
 */
import { expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import type { Actor } from '../../core/access/actor.types.ts';
import { loadReportingCatalogue } from '../../storage/repositories/round.repository.ts';
import { writeDataValues } from '../monitoring/data-value.service.ts';
import { formIndicators } from '../monitoring/monitoring-context.ts';
import { completeValues, makeActor } from '../monitoring/monitoring.test-support.ts';
import { approveForm, submitForm } from '../monitoring/review.service.ts';
import { openRound } from '../monitoring/round.service.ts';
import { getDashboard } from './dashboard.service.ts';
import { EvaluationError } from './evaluation.errors.ts';
import { ZIBO, insertValues, seedEvaluation, series } from './evaluation.test-support.ts';
import { generateWarnings } from './warning-generate.service.ts';
import { addCountermeasure, addSteps, closeWarning, completeStep, listWarnings } from './warning.service.ts';

forEachDialect('the warning cycle, end to end', (getDb) => {
  it('approve a year → generate warnings → the department answers → the office closes; the dashboard follows', async () => {
    const db = getDb();
    const { departments } = await seedEvaluation(db);
    const office = makeActor('妇儿工委办公室', ['admin'], null, ZIBO);
    const stats = makeActor('市统计局', ['stats'], null, ZIBO);
    const health = makeActor('市卫生健康委填报员', ['reporter'], departments.get('市卫生健康委')!, null);

    // Earlier years, already approved: 孕产妇死亡率 10, 9.8, 9.5, 9.3 (2020–2023).
    await insertValues(db, series('W1.03', ZIBO, { 2020: 10, 2021: 9.8, 2022: 9.5, 2023: 9.3 }));

    // 2024: every form of the round filled, submitted and approved — counties first, then the departments.
    await openRound(db, stats, { year: 2024, dueDate: '2025-03-31' });
    const catalogue = await loadReportingCatalogue(db);
    const forms = await db.selectFrom('forms').selectAll().orderBy('kind', 'desc').orderBy('id').execute();
    expect(forms.some((f) => f.kind === 'region') && forms.some((f) => f.kind === 'department')).toBe(true);
    const fill = async (form: (typeof forms)[number], by: Actor) => {
      const indicators = formIndicators(form, catalogue).map((i) => i.definition);
      const values = completeValues(indicators.filter((i) => i.code !== 'W1.03'), form.region_code, 2024, { note: '2024年度数据' });
      // The city's 孕产妇死亡率: 9.1/10万 (typical 8 + 1.1), still above the target of 8.2.
      const w103 = indicators.filter((i) => i.code === 'W1.03');
      values.push(...completeValues(w103, form.region_code, 2024, { note: '2024年度数据', rateShift: form.region_code === ZIBO ? 1.1 : 0 }));
      await writeDataValues(db, by, values, { origin: 'form', status: 'draft' });
      await submitForm(db, by, form.id);
    };
    for (const form of forms) await fill(form, office);
    for (const form of forms.slice(0, -1)) await approveForm(db, stats, form.id);

    const pending = await generateWarnings(db, office, { year: 2024 }).catch((e: unknown) => e);
    expect(pending).toBeInstanceOf(EvaluationError);
    expect((pending as EvaluationError).message).toMatch(/^2024年度尚有1张报表未审核通过/);
    await approveForm(db, stats, forms.at(-1)!.id);

    const generated = await generateWarnings(db, office, { year: 2024 });
    expect(generated.warnings.map((w) => [w.indicatorCode, w.regionCode, w.level, w.evaluationStatus])).toEqual([['W1.03', ZIBO, 'red', 'off_track']]);
    const warning = generated.warnings[0]!;
    expect(warning.reason).toBe('2024年为9.1/10万，目标≤8.2/10万；按2020—2024年年均变化-2.3%推算，2025年约为8.9/10万，实际年均变化为所需（-3.9%）的59%，预计难以达标');
    expect(warning.department?.name).toBe('市卫生健康委');

    const before = await getDashboard(db, health, { year: 2024 });
    const city = before.regions.find((r) => r.code === ZIBO)!;
    expect(city.openWarnings).toEqual({ total: 1, red: 1, yellow: 0 });
    expect(city.counts.off_track).toBe(1);
    expect(before.openWarnings.items.map((w) => w.id)).toEqual([warning.id]);

    await addCountermeasure(db, health, warning.id, { text: '对高危孕产妇实行专案管理，二级以上助产机构全部纳入危重孕产妇救治网络' });
    const plan = await addSteps(db, health, warning.id, {
      steps: [
        { description: '孕产妇死亡病例逐例评审', dueDate: '2025-06-30', owner: '市卫生健康委妇幼健康科' },
        { description: '助产机构产科质量督导全覆盖', dueDate: '2025-10-31', owner: '市妇幼保健院' },
      ],
    });
    for (const step of plan.steps) await completeStep(db, health, warning.id, step.id, { note: `${step.description}已完成`, evidence: '督导报告' });
    const closed = await closeWarning(db, office, warning.id, { note: '整改措施全部完成，予以销号' });
    expect(closed.status).toBe('closed');
    expect(closed.history.map((h) => h.actionLabel)).toEqual(['生成预警', '提交对策建议', '制定整改措施', '整改措施完成', '整改措施完成', '销号']);

    const after = await getDashboard(db, health, { year: 2024 });
    expect(after.regions.find((r) => r.code === ZIBO)!.openWarnings).toEqual({ total: 0, red: 0, yellow: 0 });
    expect(after.openWarnings.total).toBe(0);
    expect(await listWarnings(db, health, { status: 'closed' })).toHaveLength(1);
    // The evaluation itself is unchanged by the closure: the target is still off track until the data improve.
    expect(after.regions.find((r) => r.code === ZIBO)!.counts.off_track).toBe(1);
  }, 180_000);
});
