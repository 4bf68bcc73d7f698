import { describe, expect, it } from 'vitest';
import { yearly } from './evaluation.fixtures.ts';
import { detectVolatility } from './volatility.ts';

describe('detectVolatility: robust z-score of year-on-year changes (Iglewicz & Hoaglin)', () => {
  it('flags a change far outside the history, numbers by hand', () => {
    // Changes 0.5, 0.4, 0.6, 0.5, 4.2 → median 0.5; |deviations| 0, 0.1, 0.1, 0, 3.7 → MAD 0.1;
    // z(4.2) = 0.6745 × 3.7 / 0.1 = 24.96; z(0.4) = −0.6745.
    const r = detectVolatility(yearly(2019, [70, 70.5, 70.9, 71.5, 72, 76.2]), {}, '%');
    expect(r.assessed).toBe(true);
    expect(r.scale).toBe('mad');
    expect(r.median).toBeCloseTo(0.5, 9);
    expect(r.mad).toBeCloseTo(0.1, 9);
    expect(r.changes.map((c) => c.z)).toEqual([
      expect.closeTo(0, 6),
      expect.closeTo(-0.6745, 6),
      expect.closeTo(0.6745, 6),
      expect.closeTo(0, 6),
      expect.closeTo(24.9565, 3),
    ]);
    expect(r.flagged).toHaveLength(1);
    const f = r.flagged[0]!;
    expect(f.year).toBe(2024);
    expect(f.fromYear).toBe(2023);
    expect(f.change).toBeCloseTo(4.2, 9);
    expect(f.sentence).toBe('2024年比上年上升4.2个百分点，远超历年变动幅度（中位数0.5个百分点）');
    expect(r.volatile).toBe(true);
    expect(r.reason).toBe('2024年比上年上升4.2个百分点，远超历年变动幅度（中位数0.5个百分点），波动较大');
  });

  it('says 下降 for a fall and uses the unit as written', () => {
    const r = detectVolatility(yearly(2018, [10, 9.8, 9.5, 9.3, 9.1, 6]), {}, '1/10万');
    expect(r.flagged.map((f) => f.sentence)).toEqual(['2023年比上年下降3.1/10万，远超历年变动幅度（中位数-0.2/10万）']);
  });

  it('nothing stands out in a steady series', () => {
    const r = detectVolatility(yearly(2018, [70, 70.6, 71.1, 71.5, 72.2, 72.6]), {}, '%');
    expect(r.volatile).toBe(false);
    expect(r.reason).toBe('5个年度变化均在历年变动幅度之内');
  });

  it('falls back to the mean absolute deviation when MAD = 0', () => {
    // Changes 1, 1, 1, 1, 3: MAD 0; mean |dev| = 0.4; z(3) = 2 / (1.253314 × 0.4) = 3.989 > 3.5.
    const r = detectVolatility(yearly(2019, [10, 11, 12, 13, 14, 17]));
    expect(r.scale).toBe('mean_absolute_deviation');
    expect(r.flagged.map((f) => f.year)).toEqual([2024]);
    expect(r.flagged[0]!.z).toBeCloseTo(3.9894, 3);
    // Changes 1, 1, 1, 1, 2: z(2) = 1 / (1.253314 × 0.2) = 3.989 too: the fallback scales by the spread it sees.
    // Changes 1, 1, 1, 1.5, 2: MAD 0 still, mean |dev| = 0.3, z(2) = 1 / (1.253314 × 0.3) = 2.66 → not flagged.
    expect(detectVolatility(yearly(2019, [10, 11, 12, 13, 14.5, 16.5])).flagged).toEqual([]);
  });

  it('a change much smaller than usual, or a reversal, is a departure, not “远超”', () => {
    // Changes 50, 50, 50, 50, 40: MAD 0, mean |dev| 2, z(40) = −10 / (1.253314 × 2) = −3.99.
    const slower = detectVolatility(yearly(2020, [0, 50, 100, 150, 200, 240]), {}, '所');
    expect(slower.flagged.map((f) => f.sentence)).toEqual(['2025年比上年上升40所，明显偏离历年变动（中位数50所）']);
    const reversal = detectVolatility(yearly(2019, [70, 70.5, 70.9, 71.5, 72, 69]), {}, '%');
    expect(reversal.flagged.map((f) => f.sentence)).toEqual(['2024年比上年下降3个百分点，明显偏离历年变动（中位数0.5个百分点）']);
  });

  it('identical changes flag nothing', () => {
    const r = detectVolatility(yearly(2019, [1, 2, 3, 4, 5, 6]));
    expect(r.assessed).toBe(true);
    expect(r.changes.every((c) => c.z === 0)).toBe(true);
    expect(r.volatile).toBe(false);
  });

  it('needs a minimum number of changes (config minChanges, default 4)', () => {
    const r = detectVolatility(yearly(2021, [70, 70.5, 70.9, 80]));
    expect(r.assessed).toBe(false);
    expect(r.volatile).toBe(false);
    expect(r.reason).toBe('年度变化仅3个，少于4个，未作波动判断');
    expect(detectVolatility(yearly(2021, [70, 70.5, 70.9, 71.3, 80]), { minChanges: 4 }).assessed).toBe(true);
    expect(detectVolatility(yearly(2021, [70, 70.5, 70.9, 80]), { minChanges: 3 }).assessed).toBe(true);
  });

  it('flags strictly above the threshold (config zThreshold)', () => {
    const series = yearly(2019, [70, 70.5, 70.9, 71.5, 72, 76.2]);
    const z = detectVolatility(series).flagged[0]!.z;
    expect(detectVolatility(series, { zThreshold: z }).volatile).toBe(false);
    expect(detectVolatility(series, { zThreshold: z - 1e-9 }).volatile).toBe(true);
  });

  it('annualises a change across missing years and says so', () => {
    const r = detectVolatility(
      [
        { year: 2016, value: 50 },
        { year: 2017, value: 50.5 },
        { year: 2018, value: 51 },
        { year: 2019, value: 51.4 },
        { year: 2020, value: 52 },
        { year: 2022, value: 62 },
      ],
      {},
      '%',
    );
    const last = r.changes.at(-1)!;
    expect(last.change).toBeCloseTo(5, 9);
    expect(r.flagged[0]!.sentence).toBe('2022年比2020年上升10个百分点（年均5个百分点），远超历年变动幅度（中位数0.5个百分点）');
  });
});
