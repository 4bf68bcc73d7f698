import { describe, expect, it } from 'vitest';
import type { Target } from '../target/target.types.ts';
import { evaluateTarget } from './evaluate-target.ts';
import { defaultEvaluationConfig } from './evaluation.config.ts';
import { indicators, seedTargets, yearly } from './evaluation.fixtures.ts';
import type { EvaluationInput, SeriesPoint } from './evaluation.types.ts';

const evaluate = (target: Target, series: SeriesPoint[], extra: Partial<EvaluationInput> = {}) =>
  evaluateTarget({ target, series, year: 2024, ...extra });

const at = (pairs: [number, number][]): SeriesPoint[] => pairs.map(([year, value]) => ({ year, value }));

describe('threshold targets: current value, then the Open SDG growth ratio', () => {
  const mmr = seedTargets.maternalMortality;

  it('reproduces the worked example of the issue, numbers computed by hand', () => {
    // a = (9.1/10)^(1/4) − 1 = −2.330%; r = (8.2/10)^(1/5) − 1 = −3.891%; P = a/r = 0.5988 < 0.60.
    // projected = 9.1 × (1 − 0.02330) = 8.888.
    const r = evaluate(mmr, yearly(2020, [10, 9.8, 9.5, 9.3, 9.1]), { indicator: indicators.maternalMortality });
    expect(r.status).toBe('off_track');
    expect(r.statusLabel).toBe('预计难以达标');
    expect(r.method).toBe('growth_ratio');
    expect(r.rateBasis).toBe('compound_growth');
    expect(r.rateOf).toBe('value');
    expect(r.actualRate).toBeCloseTo(-0.0233019, 6);
    expect(r.requiredRate).toBeCloseTo(-0.0389129, 6);
    expect(r.progressRatio).toBeCloseTo(0.598822, 5);
    expect(r.projected).toBeCloseTo(8.88795, 4);
    expect(r.targetValue).toBe(8.2);
    expect(r.window).toEqual({ fromYear: 2020, toYear: 2024, points: 5, required: 3 });
    expect(r.base).toEqual({ year: 2020, value: 10 });
    expect(r.latest).toEqual({ year: 2024, value: 9.1 });
    expect(r.stale).toBe(false);
    expect(r.reason).toBe(
      '2024年为9.1/10万，目标≤8.2/10万；按2020—2024年年均变化-2.3%推算，2025年约为8.9/10万，' +
        '实际年均变化为所需（-3.9%）的59%，预计难以达标',
    );
  });

  it('is achieved exactly at the target value (≤ and ≥ are inclusive)', () => {
    const r = evaluate(mmr, yearly(2020, [10, 8.2]));
    expect(r.status).toBe('achieved');
    expect(r.reason).toBe('2024年无数据，以最新的2021年数据评估：2021年为8.2/10万，目标≤8.2/10万，已达标');
    const low = evaluate(mmr, at([[2024, 8.2]]));
    expect(low.status).toBe('achieved');
    expect(low.reason).toBe('2024年为8.2/10万，目标≤8.2/10万，已达标');
    const high = evaluate(seedTargets.screening, at([[2024, 85]]));
    expect(high.status).toBe('achieved');
  });

  it('is not achieved exactly at the target of a strict comparison (超过90%)', () => {
    const over90: Target = { ...seedTargets.screening, op: '>', value: 90, text: '超过90%' };
    expect(evaluate(over90, at([[2024, 90]])).status).toBe('insufficient_data');
    expect(evaluate(over90, at([[2024, 90.1]])).status).toBe('achieved');
  });

  describe('status boundaries on the compound growth ratio', () => {
    // ≥85% from 70% in 2020: r = (85/70)^(1/5) − 1. A latest value with actual rate k·r gives P = k.
    const r = (85 / 70) ** (1 / 5) - 1;
    const series = (k: number) => at([[2020, 70], [2022, 72], [2024, 70 * (1 + k * r) ** 4]]);
    const statusAt = (k: number) => evaluate(seedTargets.screening, series(k)).status;

    it('P exactly 0.95 is on track, just below is at risk', () => {
      const res = evaluate(seedTargets.screening, series(0.95));
      expect(res.progressRatio).toBeCloseTo(0.95, 12);
      expect(res.status).toBe('on_track');
      expect(res.reason).toContain('的95%，预计可达标');
      expect(statusAt(0.9499)).toBe('at_risk');
    });

    it('P exactly 0.60 is at risk, just below is off track', () => {
      expect(statusAt(0.6)).toBe('at_risk');
      expect(statusAt(0.5999)).toBe('off_track');
    });

    it('P above 1 projects past the target and is on track', () => {
      const res = evaluate(seedTargets.screening, series(1.2));
      expect(res.status).toBe('on_track');
      expect(res.projected!).toBeGreaterThan(85);
    });

    it('a decline is off track with the direction called out', () => {
      const res = evaluate(seedTargets.screening, at([[2020, 70], [2022, 69], [2024, 68]]));
      expect(res.status).toBe('off_track');
      expect(res.progressRatio!).toBeLessThan(0);
      expect(res.reason).toContain('变化方向与目标相反');
    });
  });

  it('a base year that already met the target and a later slip is off track (moving away)', () => {
    const r = evaluate(seedTargets.screening, at([[2020, 86], [2021, 85.5], [2022, 84]]), { year: 2022 });
    expect(r.status).toBe('off_track');
    expect(r.progressRatio!).toBeLessThan(0);
    expect(r.reason).toContain('2020年为86%，已达到目标，此后背离目标');
  });

  it('is off track once the target year is reached without meeting the target', () => {
    const r = evaluate(mmr, yearly(2020, [10, 9.8, 9.5, 9.3, 9.1, 8.5]), { year: 2025 });
    expect(r.status).toBe('off_track');
    expect(r.projected).toBeNull();
    expect(r.reason).toContain('目标年2025年已到');
    expect(r.reason).toContain('2025年为8.5/10万');
  });

  it('reads op "=" with the indicator polarity (为100%)', () => {
    const r = evaluate(seedTargets.waterQuality, at([[2020, 97], [2022, 98], [2024, 100]]), {
      indicator: indicators.percentHigher,
    });
    expect(r.status).toBe('achieved');
    expect(r.reason).toBe('2024年为100%，目标为100%，已达标');
  });

  it('falls back to the indicator polarity when the target has no comparison', () => {
    const noOp: Target = { ...mmr, op: null };
    expect(evaluate(noOp, at([[2024, 8]]), { indicator: indicators.maternalMortality }).status).toBe('achieved');
    const unknown = evaluate(noOp, at([[2024, 8]]));
    expect(unknown.status).toBe('no_target');
    expect(unknown.reason).toContain('未给出比较方向');
  });

  it('a threshold without a number is not evaluated', () => {
    const r = evaluate({ ...mmr, value: null }, yearly(2020, [10, 9]));
    expect(r.status).toBe('no_target');
    expect(r.method).toBe('not_evaluated');
    expect(r.reason).toContain('未给出数值');
    expect(r.reason).toContain('2021年为9/10万');
  });
});

describe('bounded rates near 100%: the shortfall (100 − x) is evaluated, lower is better', () => {
  const enrolment = seedTargets.preschoolEnrolment;

  it('judges 96 → 98 towards ≥99% on the shortfall 4 → 2, by hand', () => {
    // shortfall a = (2/4)^(1/4) − 1 = −15.91%; r = (1/4)^(1/5) − 1 = −24.21%; P = 0.6571.
    // projected = 100 − 2 × (1 − 0.1591) = 98.318.
    const r = evaluate(enrolment, at([[2020, 96], [2022, 97], [2024, 98]]));
    expect(r.method).toBe('shortfall_growth_ratio');
    expect(r.rateOf).toBe('shortfall');
    expect(r.actualRate).toBeCloseTo(-0.1591036, 6);
    expect(r.requiredRate).toBeCloseTo(-0.2421417, 6);
    expect(r.progressRatio).toBeCloseTo(0.657068, 5);
    expect(r.projected).toBeCloseTo(98.31821, 4);
    expect(r.status).toBe('at_risk');
    expect(r.reason).toBe(
      '2024年为98%，目标≥99%；按2020—2024年距100%的差距年均变化-15.9%推算，2025年约为98.3%，' +
        '实际年均变化为所需（-24.2%）的65%，达标有风险',
    );
  });

  it('never projects a bounded rate past 100%', () => {
    const r = evaluate(enrolment, at([[2020, 90], [2022, 95], [2024, 98.9]]));
    expect(r.projected!).toBeLessThan(100);
    // Compound growth of the value itself would have passed 100% (98.9 × (98.9/90)^(1/4) > 100).
    expect(98.9 * (98.9 / 90) ** (1 / 4)).toBeGreaterThan(100);
    expect(r.status).toBe('on_track');
  });

  it('does not apply below minTargetShare of the ceiling (≥85%), nor when disabled', () => {
    expect(evaluate(seedTargets.screening, at([[2020, 70], [2022, 75], [2024, 80]])).method).toBe('growth_ratio');
    const off = evaluate(enrolment, at([[2020, 96], [2022, 97], [2024, 98]]), {
      config: { boundedRate: { enabled: false } },
    });
    expect(off.method).toBe('growth_ratio');
    // (98/96)^(1/4) − 1 against (99/96)^(1/5) − 1.
    expect(off.progressRatio).toBeCloseTo(((98 / 96) ** 0.25 - 1) / ((99 / 96) ** 0.2 - 1), 10);
  });

  it('a target of exactly 100% uses the zero substitute 0.001 for the shortfall target', () => {
    // a = (0.5/3)^(1/4) − 1 = −36.11%; r = (0.001/3)^(1/5) − 1 = −79.84%; P = 0.4522.
    const r = evaluate(seedTargets.waterQuality, at([[2020, 97], [2022, 98], [2024, 99.5]]), {
      indicator: indicators.percentHigher,
    });
    expect(r.requiredRate).toBeCloseTo((0.001 / 3) ** 0.2 - 1, 10);
    expect(r.progressRatio).toBeCloseTo(0.452248, 5);
    expect(r.status).toBe('off_track');
  });
});

describe('count and ratio targets: current value, linear change', () => {
  const k = seedTargets.kindergartens;
  // ≥300 from 0 in 2020 by 2025: 60 a year needed.
  const withLatest = (v: number) => evaluate(k, at([[2020, 0], [2022, 100], [2024, v]]));

  it('P = 57/60 = 0.95 exactly is on track', () => {
    const r = withLatest(228);
    expect(r.method).toBe('linear_ratio');
    expect(r.rateBasis).toBe('annual_change');
    expect(r.actualRate).toBe(57);
    expect(r.requiredRate).toBe(60);
    expect(r.progressRatio).toBeCloseTo(0.95, 12);
    expect(r.projected).toBe(285);
    expect(r.status).toBe('on_track');
    expect(r.reason).toBe(
      '2024年为228所，目标≥300所；按2020—2024年平均每年增加57所推算，2025年约为285所，' +
        '实际年均变化为所需（每年增加60所）的95%，预计可达标',
    );
  });

  it('boundaries: 227 at risk, 144 (P = 0.60) at risk, 143 off track, 300 achieved', () => {
    expect(withLatest(227).status).toBe('at_risk');
    expect(withLatest(144).progressRatio).toBeCloseTo(0.6, 12);
    expect(withLatest(144).status).toBe('at_risk');
    expect(withLatest(143).status).toBe('off_track');
    expect(withLatest(300).status).toBe('achieved');
  });

  it('a ratio target (3：2) is compared as 1.5 with a linear projection', () => {
    // slope (1.3 − 1.1)/4 = 0.05; required (1.5 − 1.1)/5 = 0.08; P = 0.625; projected 1.35.
    const r = evaluate(seedTargets.toiletRatio, at([[2020, 1.1], [2022, 1.2], [2024, 1.3]]));
    expect(r.actualRate).toBeCloseTo(0.05, 12);
    expect(r.requiredRate).toBeCloseTo(0.08, 12);
    expect(r.progressRatio).toBeCloseTo(0.625, 12);
    expect(r.projected).toBeCloseTo(1.35, 12);
    expect(r.status).toBe('at_risk');
    expect(r.reason).toContain('目标≥1.5（3：2）');
    expect(r.reason).toContain('所需（每年上升0.08）的62%');
    expect(evaluate(seedTargets.toiletRatio, at([[2024, 1.5]])).status).toBe('achieved');
  });
});

describe('approx (左右) targets: a band', () => {
  const employed = seedTargets.womenEmployed;
  const latest = (v: number, extra: Partial<EvaluationInput> = {}) =>
    evaluate(employed, at([[2020, 40], [2022, 41], [2024, v]]), extra);

  it('±2 percentage points for %: both edges are inside', () => {
    const r = latest(43);
    expect(r.status).toBe('achieved');
    expect(r.band).toEqual({ lower: 43, upper: 47 });
    expect(r.reason).toBe('2024年为43%，目标45%左右（43%—47%），已达标');
    expect(latest(47).status).toBe('achieved');
    expect(latest(42.9).status).not.toBe('achieved');
    expect(latest(47.1).status).not.toBe('achieved');
  });

  it('below the band: progress towards the lower edge, by hand', () => {
    // a = (42/40)^(1/4) − 1 = 1.227%; r = (43/40)^(1/5) − 1 = 1.457%; P = 0.8423; projected 42.515.
    const r = latest(42);
    expect(r.actualRate).toBeCloseTo(0.0122722, 6);
    expect(r.requiredRate).toBeCloseTo(0.0145692, 6);
    expect(r.progressRatio).toBeCloseTo(0.842338, 5);
    expect(r.projected).toBeCloseTo(42.5154, 3);
    expect(r.status).toBe('at_risk');
    expect(r.targetValue).toBe(45);
    expect(r.reason).toContain('实际年均变化为达到区间下限43%所需（1.5%）的84%');
  });

  it('above the band: progress back towards the upper edge', () => {
    const r = evaluate(employed, at([[2020, 52], [2022, 50], [2024, 48]]));
    // a = (48/52)^(1/4) − 1; r = (47/52)^(1/5) − 1.
    expect(r.progressRatio).toBeCloseTo(((48 / 52) ** 0.25 - 1) / ((47 / 52) ** 0.2 - 1), 10);
    expect(r.status).toBe('on_track');
    expect(r.reason).toContain('回到区间上限47%');
  });

  it('drifting out of a band it started in is moving away', () => {
    const r = evaluate(employed, at([[2020, 45], [2022, 44], [2024, 42]]));
    expect(r.status).toBe('off_track');
    expect(r.reason).toContain('2020年为45%，已在目标区间内，此后背离目标');
  });

  it('±5% of the target for other units (4.5个/千人 → 4.275—4.725)', () => {
    const places: Target = { ...employed, value: 4.5, unit: '个/千人', text: '托位数4.5个左右' };
    const r = evaluate(places, at([[2024, 4.275]]));
    expect(r.band!.lower).toBeCloseTo(4.275, 12);
    expect(r.band!.upper).toBeCloseTo(4.725, 12);
    expect(r.status).toBe('achieved');
    expect(evaluate(places, at([[2024, 4.27]])).status).toBe('insufficient_data');
  });

  it('band widths are configuration, per unit and per indicator', () => {
    expect(latest(42, { config: { approxBand: { percentagePoints: 3 } } }).status).toBe('achieved');
    const narrow = latest(43.5, { indicator: indicators.womenEmployed, config: { approxBand: { byIndicator: { 'W3.02': 1 } } } });
    expect(narrow.band).toEqual({ lower: 44, upper: 46 });
    expect(narrow.status).not.toBe('achieved');
  });
});

describe('relative-change targets: base-year value × (1 ∓ x%)', () => {
  const injury = seedTargets.childInjuryDeaths;

  it('computes the target from the 2020 value and projects, by hand (stale latest year noted)', () => {
    // TV = 10 × 0.8 = 8; a = (8.7/10)^(1/3) − 1 = −4.536%; r = (8/10)^(1/5) − 1 = −4.365%; P = 1.0392.
    const r = evaluate(injury, at([[2020, 10], [2022, 9.5], [2023, 8.7]]), { indicator: indicators.childInjuryDeaths });
    expect(r.targetValue).toBeCloseTo(8, 12);
    expect(r.stale).toBe(true);
    expect(r.progressRatio).toBeCloseTo(1.039229, 5);
    expect(r.projected).toBeCloseTo(7.92864, 4);
    expect(r.status).toBe('on_track');
    expect(r.reason).toBe(
      '2024年无数据，以最新的2023年数据评估：2023年为8.7/10万，目标以2020年（10/10万）为基数下降20%，即≤8/10万；' +
        '按2020—2023年年均变化-4.5%推算，2025年约为7.9/10万，实际年均变化为所需（-4.4%）的103%，预计可达标',
    );
  });

  it('is achieved at base × 0.8', () => {
    const r = evaluate(injury, at([[2020, 10], [2024, 8]]), { indicator: indicators.childInjuryDeaths });
    expect(r.status).toBe('achieved');
  });

  it('without a value for the base year the target value is unknown: insufficient data', () => {
    const r = evaluate(injury, at([[2019, 10], [2021, 9.5], [2022, 9], [2023, 8.7]]));
    expect(r.status).toBe('insufficient_data');
    expect(r.reason).toBe('2024年无数据，以最新的2023年数据评估：2023年为8.7；目标以2020年为基数，但缺少2020年数据，无法确定目标值，数据不足');
  });

  it('a change in 百分点 is subtracted, not multiplied', () => {
    const pp: Target = { ...injury, unit: '百分点', value: 5, text: '以2020年为基数下降5个百分点' };
    const r = evaluate(pp, at([[2020, 30], [2024, 25]]), { indicator: indicators.percentLower });
    expect(r.targetValue).toBe(25);
    expect(r.status).toBe('achieved');
  });

  it('needs a direction: from the text, else from the polarity', () => {
    const noDirection: Target = { ...injury, direction: undefined };
    expect(evaluate(noDirection, at([[2020, 10], [2024, 8]]), { indicator: indicators.childInjuryDeaths }).status).toBe(
      'achieved',
    );
    expect(evaluate(noDirection, at([[2020, 10], [2024, 8]])).status).toBe('no_target');
  });
});

describe('annual-change targets: average yearly change against the required change', () => {
  const myopia = seedTargets.myopia;

  it('compares the average percentage-point change with 1 point a year, by hand', () => {
    // (47.8 − 51)/4 = −0.8 pp a year against −1: P = 0.8; implied 2025 level 51 − 5 = 46; projected 47.8 − 0.8 = 47.
    const r = evaluate(myopia, at([[2020, 51], [2022, 49.5], [2024, 47.8]]));
    expect(r.method).toBe('linear_ratio');
    expect(r.actualRate).toBeCloseTo(-0.8, 12);
    expect(r.requiredRate).toBe(-1);
    expect(r.progressRatio).toBeCloseTo(0.8, 12);
    expect(r.targetValue).toBe(46);
    expect(r.projected).toBeCloseTo(47, 12);
    expect(r.status).toBe('at_risk');
    expect(r.reason).toBe(
      '2024年为47.8%，2020—2024年平均每年下降0.8个百分点，目标为平均每年降低1个百分点以上（据此2025年应≤46%）；' +
        '实际变化为所需的80%，按此推算，2025年约为47%，达标有风险',
    );
  });

  it('exactly on the required path is achieved; 0.95 of it is on track; 0.60 at risk', () => {
    expect(evaluate(myopia, yearly(2020, [51, 50, 49])).status).toBe('achieved');
    expect(evaluate(myopia, at([[2020, 51], [2021, 50], [2022, 49.1]])).status).toBe('on_track');
    expect(evaluate(myopia, at([[2020, 51], [2021, 50.5], [2022, 49.8]])).status).toBe('at_risk');
    expect(evaluate(myopia, at([[2020, 51], [2021, 50.5], [2022, 49.9]])).status).toBe('off_track');
  });

  it('two points are enough to be achieved, not to be judged otherwise', () => {
    expect(evaluate(myopia, at([[2020, 51], [2021, 49.9]])).status).toBe('achieved');
    const short = evaluate(myopia, at([[2020, 51], [2021, 50.5]]));
    expect(short.status).toBe('insufficient_data');
    expect(short.reason).toContain('2020—2021年仅有2个数据点，至少需要3个');
    const one = evaluate(myopia, at([[2024, 50]]));
    expect(one.status).toBe('insufficient_data');
    expect(one.reason).toContain('无法计算年均变化');
  });

  it('a yearly change in % is a compound rate (平均每年增长5%)', () => {
    const growth: Target = { ...myopia, unit: '%', value: 5, direction: 'increase', text: '平均每年增长5%以上' };
    const r = evaluate(growth, yearly(2020, [100, 105, 110.25]), { indicator: { code: 'X', unit: '所', polarity: 'higher_better' } });
    expect(r.method).toBe('growth_ratio');
    expect(r.actualRate).toBeCloseTo(0.05, 12);
    expect(r.requiredRate).toBe(0.05);
    expect(r.status).toBe('achieved');
    expect(r.targetValue).toBeCloseTo(100 * 1.05 ** 5, 9);
  });
});

describe('trend targets: no number, the Eurostat no-target rule on d·CAGR', () => {
  const exercise = seedTargets.womenExercise;

  it('CAGR above 1% in the better direction is improving; status is always no_target', () => {
    // (32/30)^(1/4) − 1 = 1.63%.
    const r = evaluate(exercise, yearly(2020, [30, 30.5, 31, 31.5, 32]));
    expect(r.status).toBe('no_target');
    expect(r.statusLabel).toBe('无量化目标');
    expect(r.trend).toBe('improving');
    expect(r.actualRate).toBeCloseTo(0.016265, 5);
    expect(r.projected).toBeCloseTo(32 * (32 / 30) ** 0.25, 9);
    expect(r.reason).toBe(
      '2024年为32；目标“提高妇女经常参加体育锻炼的人数比例”无量化数值，无量化目标；' +
        '2020—2024年年均变化1.6%，趋势改善，按此推算2025年约为32.5',
    );
  });

  it('0–1% is stable, exactly 1% is stable, below 0 is worsening', () => {
    expect(evaluate(exercise, yearly(2020, [30, 30.1, 30.2])).trend).toBe('stable');
    expect(evaluate(exercise, yearly(2020, [100, 100.5, 102.01])).trend).toBe('stable');
    expect(evaluate(exercise, yearly(2020, [100, 100.5, 102.1])).trend).toBe('improving');
    expect(evaluate(exercise, yearly(2020, [30, 29.9, 29.8])).trend).toBe('worsening');
    expect(evaluate(exercise, yearly(2020, [30, 30, 30])).trend).toBe('stable');
  });

  it('a falling series improves a 下降 target', () => {
    const r = evaluate(seedTargets.newMyopia, yearly(2020, [12, 11, 10]));
    expect(r.trend).toBe('improving');
    expect(r.reason).toContain('趋势改善');
  });

  it('too few points or no known better direction: no trend', () => {
    const short = evaluate(exercise, yearly(2023, [30, 31]));
    expect(short.trend).toBeNull();
    expect(short.status).toBe('no_target');
    expect(short.reason).toContain('2023—2024年仅有2个数据点，至少需要3个，未判断趋势');
    const maintain: Target = { ...exercise, direction: 'maintain' };
    expect(evaluate(maintain, yearly(2020, [30, 31, 32])).trend).toBeNull();
    expect(evaluate(maintain, yearly(2020, [30, 31, 32]), { indicator: indicators.percentLower }).trend).toBe('worsening');
    expect(evaluate(exercise, []).status).toBe('no_target');
  });

  it('trend thresholds are configuration', () => {
    expect(evaluate(exercise, yearly(2020, [30, 30.1, 30.2]), { config: { trend: { improvingAbove: 0.001 } } }).trend).toBe(
      'improving',
    );
  });
});

describe('deadline targets are tasks, not evaluated', () => {
  it('returns no_target with the reason', () => {
    const r = evaluate(seedTargets.countyPlanFiling, []);
    expect(r.status).toBe('no_target');
    expect(r.method).toBe('not_evaluated');
    expect(r.projected).toBeNull();
    expect(r.reason).toBe('“各区县规划颁布后1个月内报送市妇儿工委办公室”为期限类工作任务，不属于数值监测指标，不作达标评估，无量化目标');
  });
});

describe('minimum points and the window', () => {
  const mmr = seedTargets.maternalMortality;

  it('one point short of the minimum is insufficient data, with the counts in the reason', () => {
    const r = evaluate(mmr, at([[2020, 10], [2024, 9.1]]));
    expect(r.status).toBe('insufficient_data');
    expect(r.statusLabel).toBe('数据不足');
    expect(r.projected).toBeNull();
    expect(r.reason).toBe('2024年为9.1/10万，目标≤8.2/10万；2020—2024年仅有2个数据点，至少需要3个，数据不足');
    expect(evaluate(mmr, at([[2020, 10], [2022, 9.6], [2024, 9.1]])).status).toBe('off_track');
  });

  it('minPoints is configuration', () => {
    expect(evaluate(mmr, at([[2020, 10], [2022, 9.6], [2024, 9.1]]), { config: { minPoints: 4 } }).status).toBe(
      'insufficient_data',
    );
  });

  it('achieved needs a single point', () => {
    expect(evaluate(mmr, at([[2024, 7]])).status).toBe('achieved');
  });

  it('no data at all is insufficient data', () => {
    const r = evaluate(mmr, at([[2025, 7]]));
    expect(r.status).toBe('insufficient_data');
    expect(r.reason).toBe('无2024年及以前的数据，数据不足');
    expect(r.latest).toBeNull();
  });

  it('the window starts in 2020, else the first later year with data, else the first year with data', () => {
    const from2021 = evaluate(mmr, at([[2018, 12], [2019, 11], [2021, 10], [2022, 9.8], [2024, 9.1]]));
    expect(from2021.window).toEqual({ fromYear: 2021, toYear: 2024, points: 3, required: 3 });
    const early = evaluate(mmr, at([[2016, 12], [2017, 11], [2018, 10]]));
    expect(early.window).toEqual({ fromYear: 2016, toYear: 2018, points: 3, required: 3 });
    expect(early.stale).toBe(true);
    expect(early.reason.startsWith('2024年无数据，以最新的2018年数据评估：2018年为10/10万')).toBe(true);
    const base2018 = evaluate(mmr, at([[2018, 12], [2019, 11], [2021, 10]]), { config: { baseYear: 2018 } });
    expect(base2018.window!.fromYear).toBe(2018);
  });

  it('ignores values after the evaluated year', () => {
    const r = evaluate(mmr, at([[2020, 10], [2022, 9.6], [2023, 9.3], [2024, 7]]), { year: 2023 });
    expect(r.latest).toEqual({ year: 2023, value: 9.3 });
    expect(r.status).not.toBe('achieved');
  });
});

describe('volatility inside an evaluation', () => {
  const screening = seedTargets.screening;
  it('flags the evaluated year when its change is far outside the history', () => {
    // Changes 0.5, 0.4, 0.6, 0.5, 4.2: median 0.5, MAD 0.1, z(4.2) = 0.6745 × 3.7 / 0.1 = 24.96 > 3.5.
    const r = evaluate(screening, yearly(2019, [70, 70.5, 70.9, 71.5, 72, 76.2]), { indicator: indicators.percentHigher });
    expect(r.volatile).toBe(true);
    expect(r.reason).toContain('2024年为76.2%');
    expect(r.reason.endsWith('；2024年比上年上升4.2个百分点，远超历年变动幅度（中位数0.5个百分点），波动较大')).toBe(true);
  });

  it('does not flag the evaluated year for an earlier jump', () => {
    const r = evaluate(screening, yearly(2019, [70, 70.5, 75, 75.5, 76, 76.4]), { indicator: indicators.percentHigher });
    expect(r.volatility.flagged.map((f) => f.year)).toEqual([2021]);
    expect(r.volatile).toBe(false);
    expect(r.reason).not.toContain('波动较大');
  });
});

describe('configuration and input checks', () => {
  it('ratio thresholds are configuration', () => {
    const series = yearly(2020, [10, 9.8, 9.5, 9.3, 9.1]);
    expect(evaluate(seedTargets.maternalMortality, series).status).toBe('off_track');
    expect(evaluate(seedTargets.maternalMortality, series, { config: { progress: { atRisk: 0.5 } } }).status).toBe('at_risk');
    expect(evaluate(seedTargets.maternalMortality, series, { config: { progress: { onTrack: 0.55, atRisk: 0.3 } } }).status).toBe(
      'on_track',
    );
  });

  it('refuses an inconsistent configuration', () => {
    expect(() => evaluate(seedTargets.maternalMortality, [], { config: { progress: { onTrack: 0.5, atRisk: 0.6 } } })).toThrow(
      '评估配置无效',
    );
    expect(() => evaluate(seedTargets.maternalMortality, [], { config: { minPoints: 1 } })).toThrow('minPoints');
  });

  it('the defaults are the documented ones and cannot be changed by accident', () => {
    expect(defaultEvaluationConfig.progress).toEqual({ onTrack: 0.95, atRisk: 0.6 });
    expect(defaultEvaluationConfig.minPoints).toBe(3);
    expect(defaultEvaluationConfig.baseYear).toBe(2020);
    expect(defaultEvaluationConfig.volatility).toEqual({ zThreshold: 3.5, minChanges: 4 });
    expect(Object.isFrozen(defaultEvaluationConfig.progress)).toBe(true);
  });

  it('refuses a year given twice (two disaggregations mixed)', () => {
    expect(() => evaluate(seedTargets.maternalMortality, at([[2020, 10], [2020, 9]]))).toThrow('2020年有多个值');
  });

  it('ignores non-finite values and accepts any order', () => {
    const sorted = evaluate(seedTargets.maternalMortality, yearly(2020, [10, 9.8, 9.5, 9.3, 9.1]));
    const shuffled = evaluate(seedTargets.maternalMortality, [
      ...at([[2023, 9.3], [2020, 10], [2024, 9.1], [2022, 9.5], [2021, 9.8]]),
      { year: 2019, value: Number.NaN },
    ]);
    expect(shuffled).toEqual(sorted);
  });
});
