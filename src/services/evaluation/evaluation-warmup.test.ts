import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { evaluateAction } from '../../cli/commands/evaluate.command.ts';
import { loadReportingCatalogue } from '../../storage/repositories/round.repository.ts';
import { importDataCsv } from '../exchange/csv-import.service.ts';
import { writeDataValues } from '../monitoring/data-value.service.ts';
import { formIndicators } from '../monitoring/monitoring-context.ts';
import { completeValues, makeActor } from '../monitoring/monitoring.test-support.ts';
import { approveForm, submitForm } from '../monitoring/review.service.ts';
import { openRound } from '../monitoring/round.service.ts';
import { getDashboard } from './dashboard.service.ts';
import { evaluateYear, type YearEvaluation } from './evaluate-year.service.ts';
import { cacheScope } from './evaluation-cache.service.ts';
import { enableEvaluationWarmup, evaluationWarmupIdle, scheduleEvaluationWarmup } from './evaluation-warmup.service.ts';
import { ZHANGDIAN, ZIBO, fixtureValues, insertValues, seedEvaluation } from './evaluation.test-support.ts';

const without = ({ computedAt: _, ...rest }: YearEvaluation) => rest;

forEachDialect('background warm-up of the stored evaluation', (getDb) => {
  const office = makeActor('妇儿工委办公室', ['admin'], null, ZIBO);
  const stats = makeActor('市统计局', ['stats'], null, ZIBO);
  const logged: string[] = [];
  /** computed_at of every stored result of the year's whole-city scope, by indicator. */
  const stamps = async (year: number) =>
    new Map(
      (await getDb().selectFrom('evaluation_cache').select(['indicator_code', 'computed_at']).where('year', '=', year).where('scope', '=', cacheScope({})).execute()).map(
        (r) => [r.indicator_code, r.computed_at] as const,
      ),
    );
  const changed = (a: Map<string, string>, b: Map<string, string>) => [...b].filter(([code, at]) => a.get(code) !== at).map(([code]) => code).sort();

  beforeAll(async () => {
    await seedEvaluation(getDb());
    await insertValues(getDb(), fixtureValues());
    enableEvaluationWarmup(true, { log: (message, error) => logged.push(`${message}${error instanceof Error ? error.message : ''}`) });
  });
  afterAll(async () => {
    enableEvaluationWarmup(false);
    await evaluationWarmupIdle();
  });

  it('after a form is approved, the year is recomputed in the background; the next read recomputes nothing', async () => {
    const db = getDb();
    await evaluateYear(db, { year: 2024 }); // everything stored
    const before = await stamps(2024);
    expect(before.size).toBeGreaterThan(10);

    await openRound(db, stats, { year: 2024, dueDate: '2025-03-31' });
    const catalogue = await loadReportingCatalogue(db);
    const form = await db.selectFrom('forms').selectAll().where('kind', '=', 'region').where('region_code', '=', ZHANGDIAN).executeTakeFirstOrThrow();
    // W1.17 of the counties is already approved (fixture values): the form fills the rest.
    const indicators = formIndicators(form, catalogue).map((i) => i.definition).filter((i) => i.code !== 'W1.17');
    await writeDataValues(db, office, completeValues(indicators, ZHANGDIAN, 2024, { note: '2024年度数据' }), { origin: 'form', status: 'draft' });
    await submitForm(db, office, form.id);
    const approval = approveForm(db, stats, form.id);
    await approval; // the request is answered before the warm-up runs (setImmediate, after commit)
    await evaluationWarmupIdle();

    const warmed = await stamps(2024);
    const recomputed = changed(before, warmed);
    // Only the indicators of the approved form that are evaluated were recomputed.
    const evaluated = new Set(before.keys());
    expect(recomputed.length).toBeGreaterThan(0);
    expect(recomputed.every((code) => indicators.some((i) => i.code === code))).toBe(true);
    expect(recomputed).toEqual(indicators.map((i) => i.code).filter((c) => evaluated.has(c)).sort());

    // The dashboard and the year's evaluation read the stored results: nothing is recomputed, and they are current.
    await getDashboard(db, office, { year: 2024 });
    const stored = await evaluateYear(db, { year: 2024 });
    expect(changed(warmed, await stamps(2024))).toEqual([]);
    expect(without(stored)).toEqual(without(await evaluateYear(db, { year: 2024, cache: false })));
    expect(logged).toEqual([]);
  });

  it('after an import of approved values, their years are recomputed in the background', async () => {
    const db = getDb();
    await evaluateYear(db, { year: 2023 });
    const before = await stamps(2023);
    await importDataCsv(db, office, 'indicator_code,region_code,year,sex,age_group,area,value,numerator,denominator,note\nW1.04,370300,2023,,,,84.5,,,\n', { reason: '补录' });
    await evaluationWarmupIdle();
    const after = await stamps(2023);
    expect(changed(before, after)).toEqual(['W1.04']);
    const read = await evaluateYear(db, { year: 2023 });
    expect(changed(after, await stamps(2023))).toEqual([]);
    expect(read.results.find((r) => r.indicatorCode === 'W1.04' && r.regionCode === ZIBO)?.latestValue).toBe(84.5);
  });

  it('a failure is logged, never thrown; switched off, nothing is queued', async () => {
    const db = getDb();
    scheduleEvaluationWarmup(db, 1800);
    await evaluationWarmupIdle();
    expect(logged.at(-1)).toMatch(/^后台更新1800年度已存评估结果失败.*评估年度“1800”无效/);
    enableEvaluationWarmup(false);
    await insertValues(db, [{ indicator: 'W1.04', region: ZIBO, year: 2022, value: 83 }]);
    scheduleEvaluationWarmup(db, 2022);
    await evaluationWarmupIdle();
    expect((await stamps(2022)).size).toBe(0);
    enableEvaluationWarmup(true, { log: (message, error) => logged.push(`${message}${error instanceof Error ? error.message : ''}`) });
  });

  it('fuer evaluate --year Y --warm brings the stored results up to date for scheduled jobs', async () => {
    const db = getDb();
    const first = await evaluateAction(db, { year: '2022', warm: true });
    expect(first).toMatch(/^已更新2022年度的已存评估结果：共(\d+)个指标，重算\1个，用时[\d.]+秒\n$/);
    const again = JSON.parse(await evaluateAction(db, { year: '2022', warm: true, json: true })) as { year: number; indicators: number; recomputed: number };
    expect(again).toMatchObject({ year: 2022, recomputed: 0 });
    await insertValues(db, [{ indicator: 'W1.04', region: ZIBO, year: 2021, value: 83.5 }]); // an earlier year's value: W1.04 of 2022 is stale
    expect(await evaluateAction(db, { year: '2022', warm: true })).toMatch(/^已更新2022年度的已存评估结果：共\d+个指标，重算1个，其余\d+个仍为最新，用时/);
    expect(again.indicators).toBe((await stamps(2022)).size);
    await expect(evaluateAction(db, { year: '2022', warm: true, region: ZIBO })).rejects.toThrow('--warm 更新全市');
  });
});
