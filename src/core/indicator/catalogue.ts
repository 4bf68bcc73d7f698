import { z } from 'zod';
import type { Target } from '../target/target.types.ts';
import type { PlanKind } from '../plan/plan.types.ts';
import type { IndicatorDefinition } from './indicator.types.ts';

const FIELD_NAMES: Record<string, string> = {
  code: '编码',
  name: '名称',
  unit: '计量单位',
  scale: '倍数',
  polarity: '指标方向',
  aggregation: '汇总方式',
  disaggregations: '分组维度',
  ageGroups: '年龄组',
  department: '报送部门',
  plan: '所属规划',
  domain: '领域序号',
  definition: '定义',
  aliases: '别名',
  scopes: '适用范围',
};

const text = (what: string) => z.string({ error: `${what}须为文字` }).trim().min(1, { error: `${what}不能为空` });

const entrySchema = z
  .object({
    code: z.string({ error: '编码须为文字' }).regex(/^[WC][1-9]\d*\.\d{2}$/, { error: '编码须形如 W1.01 或 C3.02' }),
    name: text('名称'),
    unit: text('计量单位'),
    scale: z.number({ error: '倍数须为正数或 null' }).positive({ error: '倍数须为正数或 null' }).nullable(),
    polarity: z.enum(['higher_better', 'lower_better', 'band'], {
      error: '指标方向须为 higher_better（越高越好）、lower_better（越低越好）或 band（目标区间）',
    }),
    aggregation: z.enum(['sum', 'ratio', 'none'], {
      error: '汇总方式须为 sum（相加）、ratio（分子分母分别汇总）或 none（不汇总）',
    }),
    disaggregations: z.array(z.enum(['sex', 'age_group', 'area'], { error: '分组维度只能是 sex、age_group、area' }), {
      error: '分组维度须为列表',
    }),
    ageGroups: z.array(text('年龄组'), { error: '年龄组须为列表' }).min(1, { error: '年龄组不能为空列表' }).optional(),
    department: text('报送部门'),
    plan: z.enum(['women', 'children'], { error: '所属规划须为 women 或 children' }),
    domain: z.number({ error: '领域序号须为正整数' }).int({ error: '领域序号须为正整数' }).positive({ error: '领域序号须为正整数' }),
    definition: text('定义'),
    aliases: z.array(text('别名'), { error: '别名须为列表' }),
    scopes: z.array(text('适用范围'), { error: '适用范围须为列表' }).min(1, { error: '适用范围不能为空列表' }).optional(),
  }, { error: '须为对象' })
  .strict()
  .superRefine((e, ctx) => {
    const prefix = e.plan === 'women' ? 'W' : 'C';
    if (!e.code.startsWith(`${prefix}${e.domain}.`)) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: `编码须以 ${prefix}${e.domain}. 开头（与所属规划、领域一致）` });
    }
    if (e.aggregation === 'ratio' && e.scale === null) {
      ctx.addIssue({ code: 'custom', path: ['scale'], message: '按分子分母汇总的指标须给出倍数（% 为 100，‰ 为 1000）' });
    }
    if (e.disaggregations.includes('age_group') && e.ageGroups === undefined) {
      ctx.addIssue({ code: 'custom', path: ['ageGroups'], message: '分年龄组统计的指标须列出年龄组' });
    }
    if (!e.disaggregations.includes('age_group') && e.ageGroups !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['ageGroups'], message: '未按年龄分组的指标不应列出年龄组' });
    }
    if (new Set(e.disaggregations).size !== e.disaggregations.length) {
      ctx.addIssue({ code: 'custom', path: ['disaggregations'], message: '分组维度有重复' });
    }
  });

/** Thrown when the catalogue file is not a valid indicator catalogue; the message is Chinese and names the entry. */
export class CatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogueError';
  }
}

/**
 * Validates the reviewed catalogue (catalogue/indicators.json). Errors name the entry (第n条, 1-based, with its code
 * when known) and the field. Codes must be unique, and within one plan a name or alias may only be shared by
 * entries that tell themselves apart by scope.
 */
export function parseCatalogue(json: unknown): IndicatorDefinition[] {
  if (!Array.isArray(json)) throw new CatalogueError('指标目录须为 JSON 数组，每项是一个指标');
  const problems: string[] = [];
  const entries: IndicatorDefinition[] = [];
  json.forEach((raw, i) => {
    const result = entrySchema.safeParse(raw);
    const where = `第${i + 1}条${codeOf(raw)}`;
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = issue.path[0];
        const field = typeof key === 'string' ? (FIELD_NAMES[key] ?? key) : null;
        const message = issue.code === 'unrecognized_keys' ? `有未知字段 ${issue.keys.join('、')}` : issue.message;
        problems.push(field === null ? `${where}：${message}` : `${where}字段“${field}”（${String(key)}）：${message}`);
      }
      return;
    }
    entries.push(result.data as IndicatorDefinition);
  });
  problems.push(...duplicateProblems(entries));
  if (problems.length > 0) throw new CatalogueError(`指标目录有误：\n${problems.join('\n')}`);
  return entries;
}

function codeOf(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && 'code' in raw && typeof raw.code === 'string') return `（${raw.code}）`;
  return '';
}

function duplicateProblems(entries: IndicatorDefinition[]): string[] {
  const problems: string[] = [];
  const codes = new Map<string, number>();
  entries.forEach((e, i) => {
    const first = codes.get(e.code);
    if (first !== undefined) problems.push(`编码 ${e.code} 重复（第${first + 1}条与第${i + 1}条）`);
    else codes.set(e.code, i);
  });
  const names = new Map<string, IndicatorDefinition[]>();
  for (const e of entries) {
    for (const n of new Set([e.name, ...e.aliases])) {
      const key = `${e.plan}\u0000${n}`;
      names.set(key, [...(names.get(key) ?? []), e]);
    }
  }
  for (const [key, list] of names) {
    if (list.length < 2) continue;
    const scoped = list.every((e) => e.scopes !== undefined);
    const scopes = list.flatMap((e) => e.scopes ?? []);
    if (!scoped || new Set(scopes).size !== scopes.length) {
      const name = key.split('\u0000')[1];
      problems.push(`名称或别名“${name}”同时属于 ${list.map((e) => e.code).join('、')}，须用“适用范围”（scopes）加以区分`);
    }
  }
  return problems;
}

/** Narrows a lookup: the plan (and domain) the target comes from. */
export interface MatchContext {
  plan?: PlanKind;
  domain?: number;
}

/**
 * The catalogue entry a target measures: exact name or alias, in the plan (and domain) given, and among entries
 * that declare scopes, the one listing the target's scope. Deadlines have no indicator. Null when no entry or
 * more than one entry fits (ambiguous: e.g. the same name in both plans and no plan given).
 */
export function matchIndicator(
  catalogue: readonly IndicatorDefinition[],
  target: Pick<Target, 'indicator' | 'kind' | 'scope'>,
  context: MatchContext = {},
): IndicatorDefinition | null {
  if (target.kind === 'deadline') return null;
  let candidates = catalogue.filter(
    (e) =>
      (e.name === target.indicator || e.aliases.includes(target.indicator)) &&
      (context.plan === undefined || e.plan === context.plan) &&
      (e.scopes === undefined || (target.scope !== undefined && e.scopes.includes(target.scope))),
  );
  if (candidates.length > 1 && context.domain !== undefined) {
    const sameDomain = candidates.filter((e) => e.domain === context.domain);
    if (sameDomain.length > 0) candidates = sameDomain;
  }
  return candidates.length === 1 ? (candidates[0] as IndicatorDefinition) : null;
}

/** The targets with indicatorCode set from the catalogue (null where nothing, or nothing unambiguous, matches). */
export function attachIndicatorCodes(
  catalogue: readonly IndicatorDefinition[],
  targets: readonly Target[],
  context: MatchContext = {},
): Target[] {
  return targets.map((t) => ({ ...t, indicatorCode: matchIndicator(catalogue, t, context)?.code ?? null }));
}
