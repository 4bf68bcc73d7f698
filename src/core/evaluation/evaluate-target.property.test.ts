import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Target, TargetKind } from '../target/target.types.ts';
import { evaluateTarget } from './evaluate-target.ts';
import { assessedStatusRank } from './evaluation.labels.ts';
import type { EvaluationStatus, SeriesPoint } from './evaluation.types.ts';
import { formatNumber } from './format.ts';

const YEAR = 2024;

function target(fields: Partial<Target> & { kind: TargetKind }): Target {
  return {
    indicator: '指标',
    indicatorCode: null,
    op: null,
    value: null,
    unit: null,
    baseYear: null,
    targetYear: 2025,
    text: '测试目标',
    ...fields,
  };
}

/** Values with one decimal, as the statistical tables report them. */
const tenth = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((n) => n / 10);

const seriesArb = fc
  .uniqueArray(fc.integer({ min: 2016, max: YEAR }), { minLength: 1, maxLength: 9 })
  .chain((years) =>
    fc.tuple(...years.map(() => tenth(0.5, 99))).map((values) => years.map((year, i) => ({ year, value: values[i]! }))),
  );

/** Targets whose better direction is known, with that direction (+1 higher is better). */
const directedTargetArb: fc.Arbitrary<{ target: Target; d: 1 | -1 }> = fc.oneof(
  fc
    .record({ op: fc.constantFrom('>=' as const, '>' as const), value: tenth(1, 100), unit: fc.constantFrom('%', '1/10万') })
    .map((f) => ({ target: target({ kind: 'threshold', ...f }), d: 1 as const })),
  fc
    .record({ op: fc.constantFrom('<=' as const, '<' as const), value: tenth(0.1, 99), unit: fc.constantFrom('%', '1/10万') })
    .map((f) => ({ target: target({ kind: 'threshold', ...f }), d: -1 as const })),
  tenth(1, 150).map((value) => ({ target: target({ kind: 'count', op: '>=', value, unit: '所' }), d: 1 as const })),
  fc
    .record({ value: fc.integer({ min: 1, max: 50 }), direction: fc.constantFrom('increase' as const, 'decrease' as const) })
    .map((f) => ({
      target: target({ kind: 'relative_change', op: '>=', unit: '%', baseYear: 2020, ...f }),
      d: f.direction === 'increase' ? (1 as const) : (-1 as const),
    })),
  tenth(0.1, 3).map((value) => ({
    target: target({ kind: 'annual_change', op: '>=', value, unit: '百分点', direction: 'decrease' }),
    d: -1 as const,
  })),
);

const anyTargetArb: fc.Arbitrary<Target> = fc.oneof(
  directedTargetArb.map((t) => t.target),
  tenth(5, 95).map((value) => target({ kind: 'approx', op: '=', value, unit: '%' })),
  fc.constantFrom('increase' as const, 'decrease' as const).map((direction) => target({ kind: 'trend', direction })),
  fc.constant(target({ kind: 'deadline', text: '颁布后1个月内报送' })),
);

const rank = (s: EvaluationStatus): number => assessedStatusRank[s] ?? 0;

describe('evaluation properties', () => {
  it('improving the latest value never worsens the status', () => {
    fc.assert(
      fc.property(directedTargetArb, seriesArb, tenth(0.1, 30), ({ target: t, d }, series, delta) => {
        const latest = [...series].sort((a, b) => b.year - a.year)[0]!;
        const improved = latest.value + d * delta;
        fc.pre(improved > 0 && improved <= 100);
        const better = series.map((p) => (p === latest ? { ...p, value: improved } : p));
        const before = evaluateTarget({ target: t, series, year: YEAR }).status;
        const after = evaluateTarget({ target: t, series: better, year: YEAR }).status;
        if (before === 'insufficient_data') expect(['insufficient_data', 'achieved']).toContain(after);
        else expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
      }),
      { numRuns: 2000 },
    );
  });

  it('a series exactly on the required compound path is on track (or achieved)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 80, noNaN: true }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 2022, max: YEAR }),
        (y0, change, up, lastYear) => {
          const tv = up ? y0 * (1 + change) : y0 * (1 - change);
          const r = (tv / y0) ** (1 / 5) - 1;
          const series: SeriesPoint[] = [];
          for (let y = 2020; y <= lastYear; y++) series.push({ year: y, value: y0 * (1 + r) ** (y - 2020) });
          const t = target({ kind: 'threshold', op: up ? '>=' : '<=', value: tv, unit: '1/10万' });
          const res = evaluateTarget({ target: t, series, year: YEAR });
          expect(['on_track', 'achieved']).toContain(res.status);
          expect(res.progressRatio).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it('a bounded rate exactly on the required shortfall path is on track (or achieved)', () => {
    fc.assert(
      fc.property(fc.double({ min: 60, max: 89, noNaN: true }), fc.double({ min: 90, max: 99.9, noNaN: true }), (y0, tv) => {
        const r = ((100 - tv) / (100 - y0)) ** (1 / 5) - 1;
        const series = [2020, 2021, 2022, 2023, 2024].map((y) => ({ year: y, value: 100 - (100 - y0) * (1 + r) ** (y - 2020) }));
        const res = evaluateTarget({ target: target({ kind: 'threshold', op: '>=', value: tv, unit: '%' }), series, year: YEAR });
        expect(res.method).toBe('shortfall_growth_ratio');
        expect(['on_track', 'achieved']).toContain(res.status);
      }),
    );
  });

  it('a series exactly on the required linear path is on track (or achieved): counts and annual changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 2022, max: YEAR }), (y0, add, lastYear) => {
        const tv = y0 + add;
        const series: SeriesPoint[] = [];
        for (let y = 2020; y <= lastYear; y++) series.push({ year: y, value: y0 + ((tv - y0) * (y - 2020)) / 5 });
        const res = evaluateTarget({ target: target({ kind: 'count', op: '>=', value: tv, unit: '所' }), series, year: YEAR });
        expect(['on_track', 'achieved']).toContain(res.status);
      }),
    );
    fc.assert(
      fc.property(tenth(40, 70), tenth(0.1, 3), fc.integer({ min: 2021, max: YEAR }), (y0, x, lastYear) => {
        const series: SeriesPoint[] = [];
        for (let y = 2020; y <= lastYear; y++) series.push({ year: y, value: y0 - x * (y - 2020) });
        const t = target({ kind: 'annual_change', op: '>=', value: x, unit: '百分点', direction: 'decrease' });
        expect(['on_track', 'achieved']).toContain(evaluateTarget({ target: t, series, year: YEAR }).status);
      }),
    );
  });

  it('a relative-change series on its required path is on track (or achieved)', () => {
    fc.assert(
      fc.property(tenth(1, 100), fc.integer({ min: 1, max: 60 }), (y0, pct) => {
        const r = (1 - pct / 100) ** (1 / 5) - 1;
        const series = [2020, 2021, 2022, 2023].map((y) => ({ year: y, value: y0 * (1 + r) ** (y - 2020) }));
        const t = target({ kind: 'relative_change', value: pct, unit: '%', baseYear: 2020, direction: 'decrease' });
        expect(['on_track', 'achieved']).toContain(evaluateTarget({ target: t, series, year: YEAR }).status);
      }),
    );
  });

  it('is deterministic and does not depend on the order of the series', () => {
    fc.assert(
      fc.property(anyTargetArb, seriesArb, (t, series) => {
        const a = evaluateTarget({ target: t, series, year: YEAR });
        const b = evaluateTarget({ target: t, series: [...series].reverse(), year: YEAR });
        const c = evaluateTarget({ target: t, series, year: YEAR });
        expect(b).toEqual(a);
        expect(c).toEqual(a);
      }),
    );
  });

  it('every reason contains the latest value and every status has a label', () => {
    fc.assert(
      fc.property(anyTargetArb, seriesArb, (t, series) => {
        const res = evaluateTarget({ target: t, series, year: YEAR });
        const latest = [...series].sort((a, b) => b.year - a.year)[0]!;
        expect(res.reason).toContain(`${latest.year}年为${formatNumber(latest.value)}`);
        expect(res.statusLabel.length).toBeGreaterThan(0);
        if (res.status !== 'achieved' && res.status !== 'no_target' && res.status !== 'insufficient_data') {
          expect(res.window!.points).toBeGreaterThanOrEqual(3);
        }
      }),
    );
  });
});
