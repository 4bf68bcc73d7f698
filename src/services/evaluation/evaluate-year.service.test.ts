import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { evaluateYear, type EvaluationRecord } from './evaluate-year.service.ts';
import { EvaluationError } from './evaluation.errors.ts';
import { BOSHAN, COUNTIES, ZHANGDIAN, ZIBO, fixtureValues, insertValues, seedEvaluation } from './evaluation.test-support.ts';
import { evaluateAction } from '../../cli/commands/evaluate.command.ts';

forEachDialect('evaluateYear on a hand-computed fixture', (getDb) => {
  let results: EvaluationRecord[];
  const find = (indicator: string, region = ZIBO): EvaluationRecord => {
    const found = results.filter((r) => r.indicatorCode === indicator && r.regionCode === region);
    expect(found, `${indicator} ${region}`).toHaveLength(1);
    return found[0]!;
  };

  beforeAll(async () => {
    const db = getDb();
    await seedEvaluation(db);
    await insertValues(db, fixtureValues());
    // Not approved: must not count (a submitted 2024 value of 张店 for W1.17, and a draft city W1.04).
    await insertValues(db, [
      { indicator: 'W1.03', region: ZHANGDIAN, year: 2024, value: 50, status: 'submitted' },
      { indicator: 'W1.04', region: ZHANGDIAN, year: 2024, value: 10, status: 'draft' },
    ]);
    results = (await evaluateYear(db, { year: 2024 })).results;
  });

  it('evaluates every linked target in the city and each county and zone', async () => {
    const regions = new Set(results.map((r) => r.regionCode));
    expect([...regions].sort()).toEqual([ZIBO, ...COUNTIES].sort());
    const targetIds = new Set(results.map((r) => r.targetId));
    // Both seed plans: 107 targets name an indicator (the seed's catalogue); one row per target and region.
    expect(results).toHaveLength(targetIds.size * 12);
    expect(targetIds.size).toBe(107);
  });

  it('gives the hand-computed statuses, projections and workings', () => {
    const w103 = find('W1.03');
    expect(w103).toMatchObject({ status: 'off_track', volatile: false, source: 'direct', latestYear: 2024, latestValue: 9.1, targetValue: 8.2 });
    // 9.1 × (9.1/10)^(1/4) = 8.888: the compound-growth projection to 2025.
    expect(w103.projected).toBeCloseTo(9.1 * (9.1 / 10) ** 0.25, 9);
    // P = d·a/|r| with d = −1 (lower is better).
    expect(w103.progressRatio).toBeCloseTo((-1 * ((9.1 / 10) ** 0.25 - 1)) / Math.abs((8.2 / 10) ** 0.2 - 1), 9);
    expect(w103.reason).toBe(
      '2024年为9.1/10万，目标≤8.2/10万；按2020—2024年年均变化-2.3%推算，2025年约为8.9/10万，实际年均变化为所需（-3.9%）的59%，预计难以达标',
    );
    expect(find('W1.04')).toMatchObject({ status: 'achieved', latestValue: 86 });
    expect(find('W1.05')).toMatchObject({ status: 'insufficient_data', points: 2 });
    const w107 = find('W1.07');
    expect(w107.status).toBe('on_track');
    expect(w107.progressRatio).toBeCloseTo((0.8 ** 0.25 - 1) / (0.75 ** 0.2 - 1), 9);
    const w114 = find('W1.14');
    expect(w114).toMatchObject({ status: 'at_risk', method: 'shortfall_growth_ratio' });
    expect(w114.progressRatio).toBeCloseTo((0.7 ** 0.25 - 1) / (0.5 ** 0.2 - 1), 9);
    expect(find('W1.01')).toMatchObject({ status: 'no_target', trend: 'stable', targetKind: 'trend' });
  });

  it('flags the year’s jump as volatile, with the numbers', () => {
    const c111 = find('C1.11');
    expect(c111).toMatchObject({ status: 'achieved', volatile: true });
    expect(c111.reason).toContain('2024年比上年下降7个百分点，远超历年变动幅度（中位数-1个百分点），波动较大');
  });

  it('rolls the city up from approved county values when the city reported none', () => {
    const city = find('W1.17');
    expect(city.source).toBe('rollup');
    // (10 × 720 + 580) / 11000 × 100
    expect(city.latestValue).toBeCloseTo((7200 + 580) / 110, 9);
    expect(city.status).toBe('achieved');
    const boshan = find('W1.17', BOSHAN);
    expect(boshan).toMatchObject({ status: 'off_track', source: 'direct', latestValue: 58 });
    expect(boshan.progressRatio).toBeCloseTo(((58 / 50) ** 0.25 - 1) / ((70 / 50) ** 0.2 - 1), 9);
    // Ranks on the 2024 value: ten counties tie at 72 (rank 1), 博山 is last.
    expect(boshan.rank).toBe(11);
    expect(find('W1.17', ZHANGDIAN).rank).toBe(1);
    expect(city.rank).toBeNull();
  });

  it('counts only approved values', () => {
    expect(find('W1.03', ZHANGDIAN)).toMatchObject({ status: 'insufficient_data', latestValue: null, source: 'none' });
    expect(find('W1.04', ZHANGDIAN).status).toBe('insufficient_data');
  });

  it('gives the sex and urban–rural gaps and the county spread', async () => {
    const evaluation = await evaluateYear(getDb(), { year: 2024, indicatorCode: 'C1.11' });
    const gap = evaluation.gaps.find((g) => g.regionCode === ZIBO);
    expect(gap?.sex).toMatchObject({ female: 24, male: 26, difference: -2, better: 'female' });
    expect(gap?.urbanRural).toMatchObject({ urban: 22, rural: 28, difference: -6, better: 'urban' });
    const spread = (await evaluateYear(getDb(), { year: 2024, indicatorCode: 'W1.17' })).spreads[0]?.spread;
    expect(spread).toMatchObject({ count: 11, min: { regionCode: BOSHAN, value: 58 }, max: { value: 72 }, range: 14 });
  });

  it('evaluates one region, or an earlier year, on request', async () => {
    const db = getDb();
    const one = await evaluateYear(db, { year: 2024, regionCode: BOSHAN, planKind: 'women' });
    expect(new Set(one.results.map((r) => r.regionCode))).toEqual(new Set([BOSHAN]));
    expect(one.results.every((r) => r.planKind === 'women')).toBe(true);
    expect(one.results.find((r) => r.indicatorCode === 'W1.17')?.status).toBe('off_track');
    // 2023: 10, 9.8, 9.5, 9.3 → P = 0.614: at risk.
    const earlier = await evaluateYear(db, { year: 2023, regionCode: ZIBO, indicatorCode: 'W1.03' });
    expect(earlier.results.map((r) => r.status)).toEqual(['at_risk']);
    await expect(evaluateYear(db, { year: 2024, regionCode: '110101' })).rejects.toBeInstanceOf(EvaluationError);
  });

  it('prints the issue’s JSON shape from `fuer evaluate --json`', async () => {
    const text = await evaluateAction(getDb(), { year: '2024', region: ZIBO, indicator: 'W1.03', json: true });
    const parsed = JSON.parse(text) as { results: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['results']);
    expect(parsed.results).toHaveLength(1);
    const row = parsed.results[0]!;
    expect(Object.keys(row).slice(0, 9)).toEqual(['indicatorCode', 'regionCode', 'year', 'status', 'projected', 'volatile', 'reason', 'notAssessed', 'targetBasis']);
    expect(row).toMatchObject({ indicatorCode: 'W1.03', regionCode: ZIBO, year: 2024, status: 'off_track', volatile: false, notAssessed: false, targetBasis: 'city' });
    const table = await evaluateAction(getDb(), { year: '2024', region: ZIBO, indicator: 'W1.03' });
    expect(table).toContain('W1.03  孕产妇死亡率  淄博市  预计难以达标');
    expect(table).toContain('共1项：已达标0，预计可达标0，达标有风险0，预计难以达标1，数据不足0，无量化目标0，不作评估0');
    // A city-wide total in a county: the status stays no_target, notAssessed tells it from 无量化目标.
    const county = JSON.parse(await evaluateAction(getDb(), { year: '2024', region: ZHANGDIAN, indicator: 'C3.10', json: true })) as { results: Record<string, unknown>[] };
    expect(county.results).toHaveLength(1);
    expect(county.results[0]).toMatchObject({ status: 'no_target', notAssessed: true, statusLabel: '不作评估', targetBasis: 'city', method: 'not_evaluated' });
    const direction = JSON.parse(await evaluateAction(getDb(), { year: '2024', region: ZIBO, indicator: 'W1.01', json: true })) as { results: Record<string, unknown>[] };
    expect(direction.results[0]).toMatchObject({ status: 'no_target', notAssessed: false, statusLabel: '无量化目标' });
    expect(await evaluateAction(getDb(), { year: '2024', region: ZHANGDIAN, indicator: 'C3.10' })).toContain('共1项：已达标0，预计可达标0，达标有风险0，预计难以达标0，数据不足0，无量化目标0，不作评估1');
  });
});
