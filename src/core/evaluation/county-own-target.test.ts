import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogue } from '../indicator/catalogue.ts';
import { extractTargets } from '../target/extract-targets.ts';
import type { Target } from '../target/target.types.ts';
import { COUNTY_ADDED_TARGET_LABEL, evaluateCountyOwnTarget, evaluateUnlinkedCountyTarget, resolveCountyOwnTarget } from './county-own-target.ts';
import { evaluateNotApplicable, evaluateTarget } from './evaluate-target.ts';
import { statusCategory, statusCategoryLabels } from './evaluation.labels.ts';
import { indicators, seedTargets, yearly } from './evaluation.fixtures.ts';

const catalogue = parseCatalogue(JSON.parse(readFileSync(new URL('../../../catalogue/indicators.json', import.meta.url), 'utf8')));
const women = { plan: 'women' as const, domain: 1 };

/** A target as a county adds it through the county plan screen or API: name, kind, numbers, text. */
const added = (fields: Partial<Target> & Pick<Target, 'indicator' | 'kind' | 'text'>): Target => ({
  indicatorCode: null,
  op: null,
  value: null,
  unit: null,
  baseYear: null,
  targetYear: 2025,
  ...fields,
});

describe('resolveCountyOwnTarget: added county targets tied to the catalogue the way city targets are', () => {
  it('keeps a stored code the catalogue holds', () => {
    const t = added({ indicator: '妇女健康素养水平', indicatorCode: 'W1.08', kind: 'threshold', op: '>=', value: 30, unit: '%', text: '妇女健康素养水平达到30%以上' });
    const r = resolveCountyOwnTarget(catalogue, t, women);
    expect(r.link).toEqual({ indicatorCode: 'W1.08', by: 'code' });
    expect(r.target).toBe(t);
  });

  it('matches the indicator name (or alias) within the plan, as matchIndicator does for city targets', () => {
    const r = resolveCountyOwnTarget(catalogue, added({ indicator: '孕早期检测率', kind: 'threshold', op: '>=', value: 98, unit: '%', text: '孕早期检测率达到98%以上' }), women);
    expect(r.link).toEqual({ indicatorCode: 'W1.17', by: 'name' });
    expect(r.target.indicatorCode).toBe('W1.17');
    expect(r.target.value).toBe(98);
    // A code the catalogue does not hold does not stop the name from matching.
    expect(resolveCountyOwnTarget(catalogue, added({ indicator: '孕产妇死亡率', indicatorCode: 'X9.99', kind: 'threshold', op: '<=', value: 8, unit: '1/10万', text: '…' }), women).link).toEqual({
      indicatorCode: 'W1.03',
      by: 'name',
    });
  });

  it('reads the text with the target grammar when the name is the county’s own wording, and takes its number when none was stored', () => {
    const t = added({ indicator: '降低孕产妇死亡', kind: 'threshold', text: '到2025年，孕产妇死亡率控制在8/10万以下' });
    // The grammar reads the same sentence as a city target of 孕产妇死亡率.
    expect(extractTargets(t.text).targets[0]).toMatchObject({ indicator: '孕产妇死亡率', op: '<=', value: 8 });
    const r = resolveCountyOwnTarget(catalogue, t, women);
    expect(r.link).toEqual({ indicatorCode: 'W1.03', by: 'text' });
    expect(r.target).toMatchObject({ indicatorCode: 'W1.03', kind: 'threshold', op: '<=', value: 8, unit: '1/10万', text: t.text });
    // A stored number is the county's decision: the text does not override it.
    const numbered = resolveCountyOwnTarget(catalogue, { ...t, op: '<=', value: 7.5, unit: '1/10万' }, women);
    expect(numbered.target.value).toBe(7.5);
    // The county's own wording before the name (全区…, 本县…) is not part of the indicator's name.
    const area = added({ indicator: '全区孕产妇死亡率', kind: 'threshold', op: '<=', value: 8, unit: '1/10万', text: '全区孕产妇死亡率控制在8/10万以下' });
    expect(resolveCountyOwnTarget(catalogue, area, women).link).toEqual({ indicatorCode: 'W1.03', by: 'name' });
    expect(resolveCountyOwnTarget(catalogue, { ...area, indicator: '全区孕产妇' }, women).link).toEqual({ indicatorCode: 'W1.03', by: 'text' });
    // Two indicators in one sentence: ambiguous, not linked.
    const two = resolveCountyOwnTarget(catalogue, added({ indicator: '孕产妇检测', kind: 'threshold', text: '孕早期检测率达到98%以上，孕产妇系统管理率达到95%以上' }), women);
    expect(two.link.indicatorCode === null ? two.link.why : '').toBe('未关联监测指标（“孕产妇检测”可对应多个指标：W1.17、W1.14）');
  });

  it('leaves a target nothing in the catalogue fits unlinked, saying why', () => {
    const own = resolveCountyOwnTarget(catalogue, added({ indicator: '陶瓷产业女职工技能培训人次', kind: 'count', op: '>=', value: 5000, unit: '人次', text: '陶瓷产业女职工技能培训每年5000人次以上' }), women);
    expect(own.link.indicatorCode).toBeNull();
    expect(own.link.by).toBeNull();
    expect(own.link.indicatorCode === null ? own.link.why : '').toBe('未关联监测指标（“陶瓷产业女职工技能培训人次”在监测指标体系中没有对应指标）');
    const badCode = resolveCountyOwnTarget(catalogue, added({ indicator: '某指标', indicatorCode: 'Z1.01', kind: 'threshold', op: '>=', value: 1, unit: '%', text: '某指标达到1%以上' }), women);
    expect(badCode.link.indicatorCode === null ? badCode.link.why : '').toContain('指标代码“Z1.01”不在监测指标体系中');
    const deadline = resolveCountyOwnTarget(catalogue, added({ indicator: '区县规划', kind: 'deadline', text: '颁布后1个月内报送' }), women);
    expect(deadline.link.indicatorCode).toBeNull();
  });
});

describe('evaluateCountyOwnTarget: the county’s added target, working that says so', () => {
  const own = { ...seedTargets.maternalMortality, value: 8, text: '孕产妇死亡率控制在8/10万以下' };

  it('uses the method of its kind, naming the target 按区县规划新增目标', () => {
    const r = evaluateCountyOwnTarget({ target: own, indicator: indicators.maternalMortality, series: yearly(2020, [9, 8.6, 8.3, 8.1, 7.9]), year: 2024 });
    expect(r.status).toBe('achieved');
    expect(r.reason).toBe('2024年为7.9/10万，按区县规划新增目标≤8/10万，已达标');
    expect(r.notAssessed).toBe(false);
    const city = evaluateTarget({ target: own, indicator: indicators.maternalMortality, series: yearly(2020, [9, 8.6, 8.3, 8.1, 7.9]), year: 2024 });
    expect({ ...r, reason: '' }).toEqual({ ...city, reason: '' });
  });

  it('names the county target also when no data let the engine mention it', () => {
    const r = evaluateCountyOwnTarget({ target: own, indicator: indicators.maternalMortality, series: [], year: 2024 });
    expect(r.status).toBe('insufficient_data');
    expect(r.reason).toBe(`${COUNTY_ADDED_TARGET_LABEL}“孕产妇死亡率控制在8/10万以下”：无2024年及以前的数据，数据不足`);
  });

  it('an unlinked added target is listed as 数据不足 (a direction-only one as 无量化目标), with the reason', () => {
    const why = '未关联监测指标（“陶瓷产业女职工技能培训人次”在监测指标体系中没有对应指标）';
    const count = added({ indicator: '陶瓷产业女职工技能培训人次', kind: 'count', op: '>=', value: 5000, unit: '人次', text: '陶瓷产业女职工技能培训每年5000人次以上' });
    const r = evaluateUnlinkedCountyTarget({ target: count, year: 2024 }, why);
    expect(r.status).toBe('insufficient_data');
    expect(r.statusLabel).toBe('数据不足');
    expect(r.method).toBe('not_evaluated');
    expect(r.notAssessed).toBe(false);
    expect(r.latest).toBeNull();
    expect(r.reason).toBe(`按区县规划新增目标“陶瓷产业女职工技能培训每年5000人次以上”${why}，无数据可评估，数据不足`);
    const trend = evaluateUnlinkedCountyTarget({ target: added({ indicator: '女性创业人数', kind: 'trend', direction: 'increase', text: '女性创业人数逐步增加' }), year: 2024 }, '未关联监测指标');
    expect(trend.status).toBe('no_target');
    expect(trend.reason).toContain('无数据可评估，无量化目标');
  });
});

describe('不作评估 is apart from 无量化目标', () => {
  it('a target that does not apply is not assessed: status no_target, notAssessed, labelled 不作评估', () => {
    const r = evaluateNotApplicable({ target: seedTargets.screening, indicator: indicators.percentHigher, series: yearly(2022, [80, 82, 84]), year: 2024 }, '张店区规划将“…”标注为不适用，不作评估');
    expect(r.status).toBe('no_target');
    expect(r.notAssessed).toBe(true);
    expect(r.statusLabel).toBe('不作评估');
    expect(statusCategory(r)).toBe('not_assessed');
    expect(statusCategoryLabels[statusCategory(r)]).toBe('不作评估');
  });

  it('a direction-only target stays 无量化目标, not 不作评估', () => {
    const r = evaluateTarget({ target: seedTargets.womenExercise, indicator: indicators.percentHigher, series: yearly(2020, [30, 31, 32, 33, 34]), year: 2024 });
    expect(r.status).toBe('no_target');
    expect(r.notAssessed).toBe(false);
    expect(r.statusLabel).toBe('无量化目标');
    expect(statusCategory(r)).toBe('no_target');
  });
});
