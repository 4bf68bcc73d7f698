import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUnits, splitGroupSuffix, splitUnitsParenthesis } from './parse-units.ts';
import { PlanParseError } from './plan.types.ts';

const seed = readFileSync(new URL('../../../plans/zibo-14th-fyp-women-children-plans.txt', import.meta.url), 'utf8');
/** Every units parenthesis in the seed, with its line. */
const seedParentheses = seed
  .split('\n')
  .map((text, i) => ({ line: i + 1, text }))
  .filter((l) => /^（\d+）/.test(l.text) && /单位：/.test(l.text))
  .map((l) => ({ line: l.line, unitsText: splitUnitsParenthesis(l.text, { line: l.line }).unitsText }));

describe('parseUnits', () => {
  it('reads lead and responsible units', () => {
    expect(parseUnits('（牵头单位：市卫生健康委，责任单位：市发展改革委、市医保局）')).toEqual({
      leadUnits: ['市卫生健康委'],
      responsibleUnits: ['市发展改革委', '市医保局'],
      unitGroups: [],
      unitsText: '（牵头单位：市卫生健康委，责任单位：市发展改革委、市医保局）',
    });
  });

  it('reads several lead units', () => {
    const units = parseUnits('（牵头单位：市农业农村局、市人力资源社会保障局、市民政局，责任单位：市财政局、市妇联、市科协、市残联）');
    expect(units.leadUnits).toEqual(['市农业农村局', '市人力资源社会保障局', '市民政局']);
    expect(units.responsibleUnits).toEqual(['市财政局', '市妇联', '市科协', '市残联']);
  });

  it('reads a parenthesis without 责任单位, and one without 牵头单位', () => {
    expect(parseUnits('（牵头单位：市委组织部）')).toMatchObject({ leadUnits: ['市委组织部'], responsibleUnits: [], unitGroups: [] });
    expect(parseUnits('（责任单位：市妇儿工委各成员单位、特邀单位）')).toMatchObject({
      leadUnits: [],
      responsibleUnits: [],
      unitGroups: ['市妇儿工委成员单位', '特邀单位'],
    });
  });

  it('keeps “等…成员单位、特邀单位” as groups beside the department before 等', () => {
    const units = parseUnits('（牵头单位：市委政法委、市公安局，责任单位：市法院、市检察院、市司法局、市民政局、市卫生健康委、市妇联等市妇儿工委有关成员单位、特邀单位）');
    expect(units.leadUnits).toEqual(['市委政法委', '市公安局']);
    expect(units.responsibleUnits).toEqual(['市法院', '市检察院', '市司法局', '市民政局', '市卫生健康委', '市妇联']);
    expect(units.unitGroups).toEqual(['市妇儿工委有关成员单位', '特邀单位']);

    const members = parseUnits('（牵头单位：市妇联，责任单位：市委宣传部、团市委等市妇儿工委成员单位、特邀单位）');
    expect(members.responsibleUnits).toEqual(['市委宣传部', '团市委']);
    expect(members.unitGroups).toEqual(['市妇儿工委成员单位', '特邀单位']);
  });

  it('accepts half-width punctuation, “；” between parts, spaces, and short names', () => {
    const units = parseUnits('(牵头单位: 市卫健委; 责任单位:市发改委、 市人社局)');
    expect(units.leadUnits).toEqual(['市卫生健康委']);
    expect(units.responsibleUnits).toEqual(['市发展改革委', '市人力资源社会保障局']);
  });

  it('reads 配合单位 and 牵头部门/责任部门 as the same two roles', () => {
    expect(parseUnits('（牵头部门：市教育局，配合单位：市财政局；责任部门：市妇联）')).toMatchObject({
      leadUnits: ['市教育局'],
      responsibleUnits: ['市财政局', '市妇联'],
    });
  });

  it('continues a list written with “，” under the last label', () => {
    const units = parseUnits('（牵头单位：市教育局，市人力资源社会保障局；责任单位：市农业农村局）');
    expect(units.leadUnits).toEqual(['市教育局', '市人力资源社会保障局']);
    expect(units.responsibleUnits).toEqual(['市农业农村局']);
  });

  it('keeps group phrases that are not committee groups', () => {
    expect(parseUnits('（牵头单位：市人力资源社会保障局、市妇联，责任单位：有关行业主管部门）').unitGroups).toEqual(['有关行业主管部门']);
    expect(parseUnits('（牵头单位：市妇联，责任单位：市民政局、各市管社会组织业务主管单位）')).toMatchObject({
      responsibleUnits: ['市民政局'],
      unitGroups: ['各市管社会组织业务主管单位'],
    });
  });

  it('keeps unknown departments of another city as written', () => {
    const units = parseUnits('（牵头单位：市儿童医院，责任单位：历下区政府、区妇儿工委有关成员单位）');
    expect(units.leadUnits).toEqual(['市儿童医院']);
    expect(units.responsibleUnits).toEqual(['历下区政府']);
    expect(units.unitGroups).toEqual(['区妇儿工委有关成员单位']);
  });

  it('does not repeat a unit named twice', () => {
    expect(parseUnits('（牵头单位：市妇联、市妇女联合会，责任单位：市教育局、市教育局）')).toMatchObject({
      leadUnits: ['市妇联'],
      responsibleUnits: ['市教育局'],
    });
  });

  it('rejects a parenthesis without a label, an empty name and an empty list', () => {
    expect(() => parseUnits('（市卫生健康委）', { line: 7 })).toThrow('第7行：单位括号应以“牵头单位：”或“责任单位：”开头');
    expect(() => parseUnits('（牵头单位：市妇联、、市教育局）', { line: 8 })).toThrow(/第8行：.*空的单位名称/);
    expect(() => parseUnits('（牵头单位：，责任单位：市教育局）', { line: 9 })).toThrow('第9行：“牵头单位：”之后应列出单位名称');
  });

  it('reads every units parenthesis of the seed, each naming at least one unit', () => {
    expect(seedParentheses).toHaveLength(138);
    for (const { line, unitsText } of seedParentheses) {
      const units = parseUnits(unitsText, { line });
      expect(units.leadUnits.length + units.responsibleUnits.length + units.unitGroups.length, unitsText).toBeGreaterThan(0);
      // No name keeps a group suffix glued to it.
      for (const name of [...units.leadUnits, ...units.responsibleUnits]) expect(name, unitsText).not.toMatch(/等|单位$/);
    }
  });
});

describe('splitGroupSuffix', () => {
  it('splits at 等 only before a group', () => {
    expect(splitGroupSuffix('市妇联等市妇儿工委有关成员单位')).toEqual(['市妇联', '市妇儿工委有关成员单位']);
    expect(splitGroupSuffix('市妇联等单位')).toEqual(['市妇联', '单位']);
    expect(splitGroupSuffix('市高等教育研究会')).toEqual(['市高等教育研究会']);
    // 平等 is not 等: the whole phrase is one group.
    expect(splitGroupSuffix('市法规政策性别平等评估机制联席会议各成员单位')).toEqual(['市法规政策性别平等评估机制联席会议各成员单位']);
    expect(splitGroupSuffix('区法规政策性别平等评估机制联席会议各成员单位')).toEqual(['区法规政策性别平等评估机制联席会议各成员单位']);
    expect(splitGroupSuffix('区卫健局等区妇儿工委有关成员单位')).toEqual(['区卫健局', '区妇儿工委有关成员单位']);
  });
});

describe('splitUnitsParenthesis', () => {
  it('takes the last labelled parenthesis and keeps parentheses inside the goal text', () => {
    expect(splitUnitsParenthesis('适龄儿童国家免疫规划疫苗接种率以镇（街道）为单位保持在90%以上。（牵头单位：市卫生健康委，责任单位：市市场监管局）')).toEqual({
      text: '适龄儿童国家免疫规划疫苗接种率以镇（街道）为单位保持在90%以上。',
      unitsText: '（牵头单位：市卫生健康委，责任单位：市市场监管局）',
    });
  });

  it('returns the whole text when there is no units parenthesis', () => {
    expect(splitUnitsParenthesis('推动有常住庭院户的村（居）“美家超市”全覆盖。')).toEqual({
      text: '推动有常住庭院户的村（居）“美家超市”全覆盖。',
      unitsText: '',
    });
  });

  it('allows a full stop after the parenthesis', () => {
    expect(splitUnitsParenthesis('提高儿童健康水平。（牵头单位：市卫生健康委）。').unitsText).toBe('（牵头单位：市卫生健康委）');
  });

  it('rejects an unterminated parenthesis, with the line', () => {
    const attempt = () => splitUnitsParenthesis('孕产妇死亡率控制在8.2/10万以下。（牵头单位：市卫生健康委，责任单位：市医保局', { line: 62, file: 'x.txt' });
    expect(attempt).toThrow(PlanParseError);
    expect(attempt).toThrow('第62行：目标的单位括号未闭合：“（牵头单位：市卫生健康委，责任单位：市医保局”之后应有“）”');
    try {
      attempt();
    } catch (e) {
      expect(e).toMatchObject({ line: 62, file: 'x.txt' });
    }
  });

  it('rejects text after the parenthesis and a label without its colon', () => {
    expect(() => splitUnitsParenthesis('提高。（牵头单位：市卫生健康委）另有说明', { line: 3 })).toThrow('第3行：单位括号之后不应再有文字，实际为“另有说明”');
    expect(() => splitUnitsParenthesis('提高。（牵头单位市卫生健康委）', { line: 4 })).toThrow(/第4行：目标的单位应写成“（牵头单位：…，责任单位：…）”/);
  });
});
