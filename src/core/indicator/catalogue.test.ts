import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlanFile } from '../plan/parse-plan.ts';
import { extractTargets } from '../target/extract-targets.ts';
import { seedParagraphs } from '../target/fixtures/seed-paragraphs.ts';
import type { Target } from '../target/target.types.ts';
import { CatalogueError, attachIndicatorCodes, matchIndicator, parseCatalogue } from './catalogue.ts';
import type { IndicatorDefinition } from './indicator.types.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const rawCatalogue: unknown[] = JSON.parse(read('../../../catalogue/indicators.json'));
const catalogue = parseCatalogue(rawCatalogue);
const seed = read('../../../plans/zibo-14th-fyp-women-children-plans.txt');

/** Gaps (城乡差距, 两性…差距) are computed from the disaggregated rate they refer to: no catalogue entry. */
const isGap = (t: Target) => t.kind === 'trend' && t.indicator.endsWith('差距');

/** A valid entry, with fields overridden (also with wrong values: the parser sees plain JSON). */
const entry = (over: { [K in keyof IndicatorDefinition]?: unknown } & Record<string, unknown> = {}) => ({
  code: 'W1.01',
  name: '孕产妇死亡率',
  unit: '1/10万',
  scale: 100000,
  polarity: 'lower_better',
  aggregation: 'ratio',
  disaggregations: ['area'],
  department: '市卫生健康委',
  plan: 'women',
  domain: 1,
  definition: '孕产妇死亡数 ÷ 活产数 × 10万。',
  aliases: [],
  ...over,
});

function errorOf(json: unknown): string {
  try {
    parseCatalogue(json);
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogueError);
    return (e as Error).message;
  }
  throw new Error('expected a CatalogueError');
}

describe('parseCatalogue', () => {
  it('parses the reviewed catalogue: 104 indicators, codes numbered without gaps per plan and domain', () => {
    expect(catalogue).toHaveLength(104);
    expect(catalogue.filter((e) => e.plan === 'women')).toHaveLength(50);
    const byDomain = new Map<string, string[]>();
    for (const e of catalogue) byDomain.set(`${e.plan}${e.domain}`, [...(byDomain.get(`${e.plan}${e.domain}`) ?? []), e.code]);
    for (const codes of byDomain.values()) {
      expect(codes).toEqual(codes.map((c, i) => `${c.split('.')[0]}.${String(i + 1).padStart(2, '0')}`));
    }
  });

  it('gives every rate the scale of its unit, and every rate rolls up by numerator and denominator', () => {
    const scales: Record<string, number> = { '%': 100, '‰': 1000, '1/10万': 100000, '名/千名儿童': 1000, '张/千名儿童': 1000, '个/千人': 1000 };
    for (const e of catalogue) {
      if (e.unit in scales) {
        expect(e.scale, e.code).toBe(scales[e.unit]);
        expect(e.aggregation, e.code).toBe('ratio');
      }
    }
  });

  it('names the entry and the field in Chinese when an entry is wrong', () => {
    expect(errorOf([entry(), entry({ code: 'W1.02', unit: '' })])).toContain('第2条（W1.02）字段“计量单位”（unit）：计量单位不能为空');
    expect(errorOf([entry({ polarity: 'up' })])).toContain('第1条（W1.01）字段“指标方向”（polarity）');
    expect(errorOf([entry({ aggregation: 'average' })])).toContain('汇总方式须为 sum');
    expect(errorOf([entry({ code: 'C1.01' })])).toContain('编码须以 W1. 开头');
    expect(errorOf([entry({ code: 'X' })])).toContain('编码须形如 W1.01');
    expect(errorOf([entry({ scale: null })])).toContain('字段“倍数”（scale）：按分子分母汇总的指标须给出倍数');
    expect(errorOf([entry({ disaggregations: ['sex', 'age_group'] })])).toContain('分年龄组统计的指标须列出年龄组');
    expect(errorOf([entry({ disaggregations: ['region'] })])).toContain('分组维度只能是 sex、age_group、area');
    expect(errorOf([entry({ colour: 'red' })])).toContain('第1条（W1.01）：有未知字段 colour');
    expect(errorOf([entry(), entry()])).toContain('编码 W1.01 重复（第1条与第2条）');
    expect(errorOf([entry(), entry({ code: 'W1.02', name: '产妇死亡率', aliases: ['孕产妇死亡率'] })])).toContain(
      '名称或别名“孕产妇死亡率”同时属于 W1.01、W1.02',
    );
    expect(errorOf({})).toBe('指标目录须为 JSON 数组，每项是一个指标');
    expect(errorOf(['x'])).toContain('第1条：须为对象');
  });

  it('reports every problem at once', () => {
    const message = errorOf([entry({ unit: '' }), entry({ code: 'W1.02', domain: 0 })]);
    expect(message.split('\n').filter((l) => l.startsWith('第'))).toHaveLength(3);
  });

  it('accepts the same name in both plans, and within a plan only when scopes tell the entries apart', () => {
    expect(parseCatalogue([entry(), entry({ code: 'C1.01', plan: 'children' })])).toHaveLength(2);
    const scoped = [
      entry({ code: 'W4.01', domain: 4, name: '甲', aliases: ['女干部'], scopes: ['区县党政正职'], scale: null, aggregation: 'sum', unit: '名' }),
      entry({ code: 'W4.02', domain: 4, name: '乙', aliases: ['女干部'], scopes: ['领导班子'], scale: null, aggregation: 'sum', unit: '名' }),
    ];
    expect(parseCatalogue(scoped)).toHaveLength(2);
    expect(errorOf([scoped[0], { ...scoped[1], scopes: ['区县党政正职'] }])).toContain('须用“适用范围”（scopes）加以区分');
  });
});

describe('matchIndicator and attachIndicatorCodes', () => {
  const target = (over: Partial<Target>): Target => ({
    indicator: '孕产妇死亡率',
    indicatorCode: null,
    kind: 'threshold',
    op: '<=',
    value: 8.2,
    unit: '1/10万',
    baseYear: null,
    targetYear: 2025,
    text: '孕产妇死亡率控制在8.2/10万以下',
    ...over,
  });

  it('matches by exact name or alias', () => {
    expect(matchIndicator(catalogue, target({}))?.code).toBe('W1.03');
    expect(matchIndicator(catalogue, target({ indicator: '学前3年毛入园率' }))?.code).toBe('W2.01');
    expect(matchIndicator(catalogue, target({ indicator: '孕产妇死亡率 ' }))).toBeNull();
  });

  it('needs the plan when a name stands in both plans, and the scope when it stands twice in one', () => {
    const mch = target({ indicator: '政府举办、标准化妇幼保健机构', kind: 'count', scope: '市、区县' });
    expect(matchIndicator(catalogue, mch)).toBeNull();
    expect(matchIndicator(catalogue, mch, { plan: 'women' })?.code).toBe('W1.13');
    expect(matchIndicator(catalogue, mch, { plan: 'children' })?.code).toBe('C1.14');
    const cadre = target({ indicator: '女干部', kind: 'count' });
    expect(matchIndicator(catalogue, { ...cadre, scope: '区县党政正职' })?.code).toBe('W4.05');
    expect(matchIndicator(catalogue, cadre)).toBeNull();
  });

  it('gives deadlines no indicator', () => {
    expect(matchIndicator(catalogue, target({ kind: 'deadline' }))).toBeNull();
  });

  it('sets the codes without touching anything else', () => {
    const targets = [target({}), target({ indicator: '不存在的指标' })];
    const attached = attachIndicatorCodes(catalogue, targets, { plan: 'women' });
    expect(attached.map((t) => t.indicatorCode)).toEqual(['W1.03', null]);
    expect(attached[0]).toEqual({ ...targets[0], indicatorCode: 'W1.03' });
    expect(targets[0]?.indicatorCode).toBeNull();
  });
});

describe('the catalogue and the seed agree', () => {
  const extracted = seedParagraphs(seed).flatMap((p) =>
    extractTargets(p.text, { source: p.kind }).targets.map((t) => ({ p, t })),
  );

  it('every numeric target of the seed matches exactly one entry, of its own plan and domain', () => {
    const numeric = extracted.filter(({ t }) => t.kind !== 'trend' && t.kind !== 'deadline');
    expect(numeric.length).toBe(81);
    for (const { p, t } of numeric) {
      const candidates = catalogue.filter(
        (e) => e.plan === p.plan && (e.name === t.indicator || e.aliases.includes(t.indicator)) &&
          (e.scopes === undefined || (t.scope !== undefined && e.scopes.includes(t.scope))),
      );
      expect(candidates.map((e) => e.code), `${p.plan} ${p.domain} ${t.indicator}`).toHaveLength(1);
      const match = matchIndicator(catalogue, t, { plan: p.plan });
      expect(match?.domain, t.indicator).toBe(p.domain);
    }
  });

  it('every trend target on a measurable quantity has an entry; gaps have none', () => {
    const trends = extracted.filter(({ t }) => t.kind === 'trend');
    for (const { p, t } of trends) {
      const match = matchIndicator(catalogue, t, { plan: p.plan, domain: p.domain });
      if (isGap(t)) expect(match, t.indicator).toBeNull();
      else expect(match?.domain, t.indicator).toBe(p.domain);
    }
    expect(trends.filter(({ t }) => isGap(t))).toHaveLength(6);
  });

  it('every entry is matched by at least one target of the seed', () => {
    const used = new Set(extracted.map(({ p, t }) => matchIndicator(catalogue, t, { plan: p.plan, domain: p.domain })?.code));
    expect(catalogue.filter((e) => !used.has(e.code)).map((e) => e.code)).toEqual([]);
  });

  it('the targets of the parsed plan (src/core/plan) match the same entries, reported by the goal’s first lead unit', () => {
    const parsed = parsePlanFile(seed);
    let goalTargets = 0;
    for (const plan of parsed.plans) {
      for (const domain of plan.domains) {
        for (const goal of domain.goals) {
          for (const t of attachIndicatorCodes(catalogue, goal.targets, { plan: plan.kind, domain: domain.ord })) {
            goalTargets++;
            if (isGap(t)) {
              expect(t.indicatorCode).toBeNull();
              continue;
            }
            const e = catalogue.find((x) => x.code === t.indicatorCode);
            expect(e, `${plan.kind} ${domain.ord} (${goal.ord}) ${t.indicator}`).toBeDefined();
            expect(e?.department, `${e?.code} ${e?.name}`).toBe(goal.leadUnits[0]);
          }
        }
      }
    }
    expect(goalTargets).toBe(extracted.filter(({ p }) => p.kind === 'goal').length);
    expect(goalTargets).toBe(78);
  });
});
