import type { Polarity } from '../indicator/indicator.types.ts';
import { displayDecimals, formatDifference, formatNumber, formatValue } from './format.ts';
import { mean } from './series.ts';

export interface GapOptions {
  polarity?: Polarity | null;
  unit?: string | null;
  /** Target level of a band indicator: the value closer to it is better. */
  target?: number | null;
}

/** Difference and ratio of two groups, and which one is better off given the polarity. */
export interface PairGap<G extends string> {
  /** first − second (female − male; urban − rural). */
  difference: number;
  /** first / second; null when second is 0. */
  ratio: number | null;
  /** The better-off group; null when the polarity does not say (band without target, or unknown). */
  better: G | 'equal' | null;
  sentence: string;
}

export interface SexGap extends PairGap<'female' | 'male'> {
  female: number;
  male: number;
}

export interface UrbanRuralGap extends PairGap<'urban' | 'rural'> {
  urban: number;
  rural: number;
}

function pairGap<G extends string>(
  first: number,
  second: number,
  names: [G, G],
  labels: [string, string],
  options: GapOptions,
): PairGap<G> {
  const difference = first - second;
  const ratio = second === 0 ? null : first / second;
  const decimals = displayDecimals([first, second]);
  const better = betterOf(first, second, names, options);
  const unit = options.unit ?? null;
  const [a, b] = labels;
  const sentence = [
    `${a}为${formatValue(first, unit, decimals)}，${b}为${formatValue(second, unit, decimals)}`,
    difference === 0
      ? `，两者持平`
      : `，${a}比${b}${difference > 0 ? '高' : '低'}${formatDifference(Math.abs(difference), unit, decimals)}`,
    ratio === null ? '' : `，${a}为${b}的${formatNumber(ratio, 2)}倍`,
    better === null || better === 'equal' ? '' : `；${better === names[0] ? a : b}状况较好`,
  ].join('');
  return { difference, ratio, better, sentence };
}

function betterOf<G extends string>(first: number, second: number, names: [G, G], o: GapOptions): G | 'equal' | null {
  let score: number; // > 0 when first is better
  if (o.polarity === 'higher_better') score = first - second;
  else if (o.polarity === 'lower_better') score = second - first;
  else if (o.polarity === 'band' && o.target !== undefined && o.target !== null) {
    score = Math.abs(second - o.target) - Math.abs(first - o.target);
  } else return null;
  return score > 0 ? names[0] : score < 0 ? names[1] : 'equal';
}

/** Female–male gap of a sex-disaggregated indicator: difference female − male and ratio female / male. */
export function sexGap(female: number, male: number, options: GapOptions = {}): SexGap {
  return { female, male, ...pairGap(female, male, ['female', 'male'], ['女性', '男性'], options) };
}

/** Urban–rural gap: difference urban − rural and ratio urban / rural. */
export function urbanRuralGap(urban: number, rural: number, options: GapOptions = {}): UrbanRuralGap {
  return { urban, rural, ...pairGap(urban, rural, ['urban', 'rural'], ['城镇', '农村'], options) };
}

export interface RegionValue {
  regionCode: string;
  value: number;
}

export interface RankedRegion extends RegionValue {
  /** 1 = best; ties share a rank (1, 2, 2, 4). */
  rank: number;
}

export interface RegionSpread {
  /** How the ranking was ordered: by polarity, by closeness to a band target, or by value when neither is known. */
  rankingBasis: 'higher_better' | 'lower_better' | 'closeness' | 'value_desc';
  ranking: RankedRegion[];
  count: number;
  min: RegionValue | null;
  max: RegionValue | null;
  /** max − min. */
  range: number | null;
  mean: number | null;
  /** Population standard deviation (the regions are the whole set, not a sample). */
  standardDeviation: number | null;
  /** standardDeviation / |mean|; null when the mean is 0. */
  coefficientOfVariation: number | null;
  /** Regions left out because their value was not a finite number. */
  excluded: string[];
}

/** Spread between regions (counties): ranking best first, extremes, range, coefficient of variation. */
export function regionSpread(
  values: readonly RegionValue[],
  polarity: Polarity | null,
  options: { target?: number | null } = {},
): RegionSpread {
  const valid = values.filter((v) => Number.isFinite(v.value));
  const excluded = values.filter((v) => !Number.isFinite(v.value)).map((v) => v.regionCode);
  const target = options.target ?? null;
  const rankingBasis: RegionSpread['rankingBasis'] =
    polarity === 'higher_better' || polarity === 'lower_better'
      ? polarity
      : polarity === 'band' && target !== null
        ? 'closeness'
        : 'value_desc';
  // Smaller key = better.
  const key = (v: number): number =>
    rankingBasis === 'lower_better' ? v : rankingBasis === 'closeness' ? Math.abs(v - target!) : -v;
  const sorted = [...valid].sort((a, b) => key(a.value) - key(b.value) || a.regionCode.localeCompare(b.regionCode));
  const ranking: RankedRegion[] = [];
  sorted.forEach((r, i) => {
    const prev = ranking[i - 1];
    const rank = prev && key(prev.value) === key(r.value) ? prev.rank : i + 1;
    ranking.push({ regionCode: r.regionCode, value: r.value, rank });
  });

  if (valid.length === 0) {
    return {
      rankingBasis,
      ranking,
      count: 0,
      min: null,
      max: null,
      range: null,
      mean: null,
      standardDeviation: null,
      coefficientOfVariation: null,
      excluded,
    };
  }
  const byValue = [...valid].sort((a, b) => a.value - b.value || a.regionCode.localeCompare(b.regionCode));
  const lowest = byValue[0]!;
  const highest = byValue.reduce((best, v) => (v.value > best.value ? v : best), lowest);
  const m = mean(valid.map((v) => v.value));
  const sd = Math.sqrt(mean(valid.map((v) => (v.value - m) ** 2)));
  return {
    rankingBasis,
    ranking,
    count: valid.length,
    min: { regionCode: lowest.regionCode, value: lowest.value },
    max: { regionCode: highest.regionCode, value: highest.value },
    range: highest.value - lowest.value,
    mean: m,
    standardDeviation: sd,
    coefficientOfVariation: m === 0 ? null : sd / Math.abs(m),
    excluded,
  };
}
