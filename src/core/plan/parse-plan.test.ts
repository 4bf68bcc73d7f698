import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractTargets } from '../target/extract-targets.ts';
import { parsePlanFile } from './parse-plan.ts';
import type { ParsedPlan } from './plan.types.ts';

const seed = readFileSync(new URL('../../../plans/zibo-14th-fyp-women-children-plans.txt', import.meta.url), 'utf8');
const parsed = parsePlanFile(seed, { file: 'zibo-14th-fyp-women-children-plans.txt' });
const [women, children] = parsed.plans as [ParsedPlan, ParsedPlan];

const domain = (plan: ParsedPlan, ord: number) => {
  const d = plan.domains.find((x) => x.ord === ord);
  if (!d) throw new Error(`no domain ${ord}`);
  return d;
};
const goal = (plan: ParsedPlan, d: number, ord: number) => {
  const g = domain(plan, d).goals.find((x) => x.ord === ord);
  if (!g) throw new Error(`no goal ${d}.${ord}`);
  return g;
};
const measure = (plan: ParsedPlan, d: number, ord: number) => {
  const m = domain(plan, d).measures.find((x) => x.ord === ord);
  if (!m) throw new Error(`no measure ${d}.${ord}`);
  return m;
};
const allGoals = (plan: ParsedPlan) => plan.domains.flatMap((d) => d.goals.map((g) => ({ domain: d.ord, goal: g })));

describe('parsePlanFile on the seed', () => {
  it('finds both plans and not the cover letter', () => {
    expect(parsed.plans.map((p) => [p.code, p.kind, p.title, p.areaName, p.period, p.line])).toEqual([
      ['women-2021-2025', 'women', '淄博市“十四五”妇女发展规划', '淄博市', { start: 2021, end: 2025 }, 20],
      ['children-2021-2025', 'children', '淄博市“十四五”儿童发展规划', '淄博市', { start: 2021, end: 2025 }, 486],
    ]);
    const allText = JSON.stringify(parsed);
    expect(allText).not.toContain('淄政发〔2021〕8号');
  });

  it('has the goals and measures per domain of the seed', () => {
    expect(women.domains.map((d) => d.goals.length)).toEqual([9, 10, 10, 12, 8, 10, 9, 9]);
    expect(children.domains.map((d) => d.goals.length)).toEqual([12, 8, 7, 8, 11, 8, 7]);
    expect(women.domains.map((d) => d.measures.length)).toEqual([13, 13, 13, 10, 11, 13, 10, 10]);
    expect(children.domains.map((d) => d.measures.length)).toEqual([14, 11, 12, 11, 13, 8, 9]);
  });

  it('names the domains', () => {
    expect(women.domains.map((d) => d.title)).toEqual([
      '妇女与健康', '妇女与教育', '妇女与经济', '妇女参与决策和管理', '妇女与社会保障', '妇女与法律', '妇女与家庭建设', '妇女与环境',
    ]);
    expect(children.domains.map((d) => d.title)).toEqual([
      '儿童与健康', '儿童与安全', '儿童与教育', '儿童与福利', '儿童与法律保护', '儿童与家庭', '儿童与环境',
    ]);
    expect(women.domains.map((d) => d.ord)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(domain(children, 1).line).toBe(522);
  });

  it('numbers goals and measures by their （n）', () => {
    for (const plan of parsed.plans) {
      for (const d of plan.domains) {
        expect(d.goals.map((g) => g.ord)).toEqual(d.goals.map((_, i) => i + 1));
        expect(d.measures.map((m) => m.ord)).toEqual(d.measures.map((_, i) => i + 1));
      }
    }
  });

  it('reads goal texts and units exactly', () => {
    expect(goal(women, 1, 2)).toMatchObject({
      text: '孕产妇死亡率控制在8.2/10万以下，城乡、区域差距逐步缩小。',
      leadUnits: ['市卫生健康委'],
      responsibleUnits: [],
      unitGroups: [],
      unitsText: '（牵头单位：市卫生健康委）',
      line: 62,
    });
    expect(goal(women, 1, 3)).toMatchObject({
      text: '妇女常见病筛查率达到85%以上。妇女宫颈癌和乳腺癌防治意识明显提高。35—64岁适龄妇女宫颈癌、乳腺癌人群筛查率分别达到85%以上。',
      leadUnits: ['市卫生健康委'],
      responsibleUnits: ['市发展改革委', '市财政局', '市妇联', '市总工会'],
      unitGroups: [],
    });
    expect(goal(children, 1, 6).text).toBe('适龄儿童国家免疫规划疫苗接种率以镇（街道）为单位保持在90%以上。');
  });

  it('keeps group references as groups (women 2.1, 6.4)', () => {
    expect(goal(women, 2, 1)).toMatchObject({
      leadUnits: ['市妇联'],
      responsibleUnits: ['市委宣传部', '市教育局', '市文化和旅游局', '市总工会', '团市委'],
      unitGroups: ['市妇儿工委成员单位', '特邀单位'],
    });
    expect(goal(women, 6, 4)).toMatchObject({
      leadUnits: ['市委政法委', '市公安局'],
      responsibleUnits: ['市法院', '市检察院', '市司法局', '市民政局', '市卫生健康委', '市妇联'],
      unitGroups: ['市妇儿工委有关成员单位', '特邀单位'],
    });
    expect(goal(women, 3, 5).unitGroups).toEqual(['有关行业主管部门']);
    expect(goal(women, 6, 2)).toMatchObject({
      leadUnits: ['市妇儿工委办公室'],
      responsibleUnits: [],
      unitGroups: ['市法规政策性别平等评估机制联席会议各成员单位'],
    });
    expect(goal(women, 6, 1)).toMatchObject({ leadUnits: [], responsibleUnits: [], unitGroups: ['市妇儿工委成员单位', '特邀单位'] });
  });

  it('reads several lead units', () => {
    expect(goal(women, 2, 8).leadUnits).toEqual(['市教育局', '市人力资源社会保障局']);
    expect(goal(women, 4, 8).leadUnits).toEqual(['市委组织部', '市总工会', '市国资委']);
    expect(goal(children, 2, 1).leadUnits).toEqual(['市卫生健康委', '市教育局', '团市委']);
  });

  // The seed gives seven goals only responsible units (责任单位), no lead unit.
  it('has a lead unit for every goal except the seven that name only 责任单位', () => {
    const withoutLead = parsed.plans.flatMap((p) =>
      allGoals(p).filter(({ goal: g }) => g.leadUnits.length === 0).map(({ domain: d, goal: g }) => `${p.kind} ${d}.${g.ord}`),
    );
    expect(withoutLead).toEqual([
      'women 6.1', 'women 6.3', 'women 6.8', 'women 8.5', 'children 5.2', 'children 5.3', 'children 5.5',
    ]);
    for (const plan of parsed.plans) {
      for (const { goal: g } of allGoals(plan)) {
        expect(g.unitsText, g.text).not.toBe('');
        if (g.leadUnits.length === 0) {
          expect(g.unitsText.startsWith('（责任单位：'), g.unitsText).toBe(true);
          expect(g.responsibleUnits.length + g.unitGroups.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('keeps the units parenthesis out of every goal text', () => {
    for (const plan of parsed.plans) {
      for (const { goal: g } of allGoals(plan)) {
        expect(g.text).not.toMatch(/牵头单位|责任单位/);
        expect(g.text.endsWith('。'), g.text).toBe(true);
        expect(g.unitsText).toMatch(/^（.*）$/);
      }
    }
  });

  it('titles each measure with its first sentence', () => {
    expect(measure(women, 1, 1).title).toBe('完善保障妇女健康的制度机制');
    expect(measure(women, 8, 9).title).toBe('加强符合妇女需求的卫生厕所建设');
    expect(measure(children, 2, 1).title).toBe('建立健全儿童意外伤害防控工作体系');
    expect(measure(children, 7, 9).title).toBe('创新开展面向儿童的生态文明宣传教育活动');
    // One sentence only: the title is the whole text without its full stop.
    expect(measure(women, 6, 11)).toMatchObject({
      title: '加强对化妆品、妇女用药和卫生用品等妇女用品监督检查，依法查处假冒伪劣产品，保障妇女消费者权益',
      text: '加强对化妆品、妇女用药和卫生用品等妇女用品监督检查，依法查处假冒伪劣产品，保障妇女消费者权益。',
      line: 350,
    });
    for (const plan of parsed.plans) {
      for (const d of plan.domains) {
        for (const m of d.measures) {
          expect(m.text.startsWith(`${m.title}。`), m.title).toBe(true);
          expect(m.title).not.toContain('。');
        }
      }
    }
  });

  it('keeps sections 一 二 四 五 as text', () => {
    for (const plan of parsed.plans) {
      expect(plan.sections.map((s) => [s.number, s.title])).toEqual([
        ['一', '指导思想和基本原则'], ['二', '总体目标'], ['四', '组织实施'], ['五', '监测评估'],
      ]);
    }
    const [, , organisation, monitoring] = women.sections;
    expect(organisation?.line).toBe(444);
    expect(organisation?.text).toContain('各区县规划颁布后1个月内报送市妇儿工委办公室');
    expect(organisation?.text.split('\n')[0]).toMatch(/^（一）坚持党的全面领导。/);
    expect(monitoring?.text).toContain('每年对预计达标困难、波动较大的监测指标进行预警');
    expect(children.sections[2]?.text).toContain('县级规划颁布后1个月内报送市妇儿工委办公室');
    expect(children.sections[3]?.text).toContain('逐步实现市县两级数据互联互通');
  });

  it('keeps the text between title and 一、 as the preamble', () => {
    expect(women.preamble.startsWith('党和国家高度重视妇女事业和妇女发展。')).toBe(true);
    expect(women.preamble).not.toContain('淄博市人民政府');
    expect(children.preamble.split('\n').at(-1)).toBe('本规划所称儿童是指未满18周岁的自然人。');
  });

  it('asks the target grammar about each goal text without units and each measure text', () => {
    for (const plan of parsed.plans) {
      for (const d of plan.domains) {
        for (const g of d.goals) {
          expect({ targets: g.targets, unplaced: g.unplaced }).toEqual(extractTargets(g.text, { targetYear: plan.period.end }));
        }
        for (const m of d.measures) {
          expect({ targets: m.targets, unplaced: m.unplaced }).toEqual(extractTargets(m.text, { targetYear: plan.period.end, source: 'measure' }));
        }
      }
    }
  });

  it('reads the same plans from CRLF text with a byte-order mark', () => {
    const again = parsePlanFile(`\ufeff${seed.replace(/\n/g, '\r\n')}`);
    expect(again).toEqual(parsePlanFile(seed));
  });
});
