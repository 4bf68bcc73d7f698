import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractTargets } from '../target/extract-targets.ts';
import { parsePlanFile } from './parse-plan.ts';

const seedLines = readFileSync(new URL('../../../plans/zibo-14th-fyp-women-children-plans.txt', import.meta.url), 'utf8').split('\n');
const seed = (no: number) => {
  const line = seedLines[no - 1];
  if (line === undefined) throw new Error(`seed has no line ${no}`);
  return line;
};
/** Replaces the units parenthesis at the end of a seed goal line. */
const withUnits = (no: number, units: string) => seed(no).replace(/（(牵头|责任)单位：.*$/, units);
/** Gives a seed item another number. */
const renumber = (line: string, n: number) => line.replace(/^（\d+）/, `（${n}）`);

// A children's plan of another city in the seed's style, built by editing seed excerpts: its own cover
// letter, its own departments (市儿童医院, 市城乡交通运输局), short forms (市卫健委), half-width punctuation,
// a full-width “1．”, a wrapped measure, no blank lines.
const measure1 = seed(552);
const cut = measure1.indexOf('完善儿童急救体系。');
const jinanLines = [
  '济南市人民政府',
  '关于印发《济南市“十四五”儿童发展规划》的通知',
  '现将《济南市“十四五”儿童发展规划》印发给你们，请认真组织实施。',
  '济南市“十四五”儿童发展规划',
  seed(492).replaceAll('淄博', '济南'),
  seed(498),
  seed(500),
  seed(502),
  seed(516),
  seed(518),
  seed(520),
  '（一）儿童与健康',
  '1.主要目标',
  withUnits(526, '（牵头单位：市卫健委，责任单位：市发改委、市医保局、市儿童医院）'),
  renumber(seed(530), 2),
  renumber(withUnits(536, '(牵头单位:市卫生健康委;责任单位:市市场监管局、各区县人民政府)'), 3),
  '2.策略措施',
  measure1.slice(0, cut),
  measure1.slice(cut),
  seed(554),
  '（二）儿童与安全',
  '1．主要目标',
  withUnits(584, '（牵头单位：市卫生健康委、市教育局、团市委，责任单位：市公安局、市城乡交通运输局、市妇联等市妇儿工委有关成员单位、特邀单位）'),
  seed(586),
  '2．策略措施',
  seed(602),
  seed(842),
  seed(844),
  seed(850),
  seed(866),
  seed(868),
];

describe('a plan of another city', () => {
  const { plans } = parsePlanFile(jinanLines.join('\n'), { file: 'jinan.txt' });
  const [plan] = plans;

  it('parses without code changes', () => {
    expect(plans).toHaveLength(1);
    expect(plan).toMatchObject({
      code: 'children-2021-2025',
      kind: 'children',
      title: '济南市“十四五”儿童发展规划',
      areaName: '济南市',
      period: { start: 2021, end: 2025 },
      line: 4,
    });
    expect(plan?.preamble).toContain('济南');
    expect(plan?.domains.map((d) => [d.ord, d.title, d.goals.length, d.measures.length])).toEqual([
      [1, '儿童与健康', 3, 2],
      [2, '儿童与安全', 2, 1],
    ]);
    expect(plan?.sections.map((s) => `${s.number}、${s.title}`)).toEqual(['一、指导思想和基本原则', '二、总体目标', '四、组织实施', '五、监测评估']);
  });

  it('normalises short forms and keeps the city’s own departments and groups', () => {
    const [health, safety] = plan?.domains ?? [];
    expect(health?.goals[0]).toMatchObject({
      leadUnits: ['市卫生健康委'],
      responsibleUnits: ['市发展改革委', '市医保局', '市儿童医院'],
      unitGroups: [],
    });
    expect(health?.goals[2]).toMatchObject({
      text: '适龄儿童国家免疫规划疫苗接种率以镇（街道）为单位保持在90%以上。',
      leadUnits: ['市卫生健康委'],
      responsibleUnits: ['市市场监管局'],
      unitGroups: ['各区县人民政府'],
      unitsText: '(牵头单位:市卫生健康委;责任单位:市市场监管局、各区县人民政府)',
    });
    expect(safety?.goals[0]).toMatchObject({
      leadUnits: ['市卫生健康委', '市教育局', '团市委'],
      responsibleUnits: ['市公安局', '市城乡交通运输局', '市妇联'],
      unitGroups: ['市妇儿工委有关成员单位', '特邀单位'],
    });
  });

  it('joins a wrapped measure and titles it', () => {
    const m = plan?.domains[0]?.measures[0];
    expect(m?.text).toBe(measure1.replace(/^（1）/, ''));
    expect(m?.title).toBe('完善儿童健康服务体系');
    expect(m?.line).toBe(18);
  });

  it('takes the target year from an explicit period', () => {
    const decade = jinanLines.map((l) => (l === '济南市“十四五”儿童发展规划' ? '济南市儿童发展规划（2021—2030年）' : l));
    const [p] = parsePlanFile(decade.join('\n')).plans;
    expect(p?.code).toBe('children-2021-2030');
    const g = p?.domains[0]?.goals[1];
    expect(g?.text).toBe('新生儿、婴儿和5岁以下儿童死亡率分别控制在3‰、3.3‰和4‰以下，城乡差距逐步缩小。');
    expect({ targets: g?.targets, unplaced: g?.unplaced }).toEqual(extractTargets(g?.text ?? '', { targetYear: 2030 }));
  });

  it('finds the domain section under a shorter title', () => {
    const short = jinanLines.map((l) => (l === '三、发展领域、主要目标和策略措施' ? '三、主要目标' : l));
    expect(short).not.toEqual(jinanLines);
    expect(parsePlanFile(short.join('\n')).plans[0]?.domains).toHaveLength(2);
  });

  it('reads a county plan next to a city plan in one file', () => {
    const county = jinanLines.slice(3).map((l) => (l === '济南市“十四五”儿童发展规划' ? '济南市历下区“十四五”妇女发展规划' : l));
    const { plans: both } = parsePlanFile([...jinanLines, ...county].join('\n'));
    expect(both.map((p) => [p.code, p.areaName])).toEqual([
      ['children-2021-2025', '济南市'],
      ['women-2021-2025', '济南市历下区'],
    ]);
  });
});
