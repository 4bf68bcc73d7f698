import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlanFile } from './parse-plan.ts';
import { PlanParseError } from './plan.types.ts';

const seedLines = readFileSync(new URL('../../../plans/zibo-14th-fyp-women-children-plans.txt', import.meta.url), 'utf8').split('\n');
/** Seed lines from..to (1-based, inclusive). */
const seed = (from: number, to = from) => seedLines.slice(from - 1, to);

/** A valid one-plan text cut from the seed: women's plan with its first two domains. */
function miniPlan(): string[] {
  return [
    ...seed(20, 30), // title and preamble
    ...seed(50, 56), // 二 is renumbered below; 三 and （一）妇女与健康
    ...seed(57, 130), // goals and measures of domain 1, domain 2 with its goals up to 2.策略措施
    ...seed(131, 157), // measures of domain 2
    ...seed(444, 446), // 四、组织实施
  ].map((line) => line.replace(/^二、总体目标$/, '一、总体目标').replace(/^三、发展领域/, '二、发展领域').replace(/^四、组织实施$/, '三、组织实施'));
}

const text = (lines: string[]) => lines.join('\n');
const lineOf = (lines: string[], start: string) => {
  const i = lines.findIndex((l) => l.startsWith(start));
  if (i === -1) throw new Error(`fixture has no line starting ${start}`);
  return i + 1;
};
const replaceLine = (lines: string[], start: string, replacement: string | null) =>
  lines.flatMap((l) => (l.startsWith(start) ? (replacement === null ? [] : [replacement]) : [l]));

function parseError(input: string, file?: string): PlanParseError {
  try {
    parsePlanFile(input, file === undefined ? {} : { file });
  } catch (e) {
    if (e instanceof PlanParseError) return e;
    throw e;
  }
  throw new Error('expected a PlanParseError');
}

describe('the fixture', () => {
  it('is a valid plan', () => {
    const { plans } = parsePlanFile(text(miniPlan()));
    expect(plans).toHaveLength(1);
    expect(plans[0]?.domains.map((d) => [d.title, d.goals.length, d.measures.length])).toEqual([
      ['妇女与健康', 9, 13],
      ['妇女与教育', 10, 13],
    ]);
    expect(plans[0]?.sections.map((s) => s.number + s.title)).toEqual(['一总体目标', '三组织实施']);
  });
});

describe('parsePlanFile errors', () => {
  it('rejects empty text', () => {
    for (const input of ['', '  \n\n\u3000\n', '\ufeff']) {
      const e = parseError(input, 'empty.txt');
      expect(e.message).toBe('文件为空：应为规划全文（纯文本）');
      expect(e.line).toBeNull();
      expect(e.file).toBe('empty.txt');
      expect(e.name).toBe('PlanParseError');
    }
  });

  it('rejects binary content: NUL, undecodable bytes, control characters', () => {
    const nul = parseError(`淄博市“十四五”妇女发展规划\nPK\u0003\u0004\u0000\u0000`);
    expect(nul.message).toBe('第2行：文件含有二进制内容（NUL 字符），不是纯文本的规划');
    expect(nul.line).toBe(2);

    const gbk = parseError(`\n${'\ufffd\ufffd\ufffd\ufffd'.repeat(20)}\n`);
    expect(gbk.message).toBe('第2行：文件含有80个无法解码的字符（文件应为 UTF-8 编码的纯文本）');

    const controls = parseError('abc\u0001\u0002\u0003\u0004\u0005\u0006def');
    expect(controls.message).toBe('第1行：文件含有6个控制字符（不是纯文本）');
  });

  it('tolerates a single stray undecodable character in a long plan', () => {
    const lines = miniPlan();
    lines[3] = `${lines[3] ?? ''}\ufffd`;
    expect(parsePlanFile(text(lines)).plans).toHaveLength(1);
  });

  it('rejects text without a plan title, including a cover letter that only quotes the titles', () => {
    const expected = '未找到规划标题：应有单独成行的标题，如“淄博市“十四五”妇女发展规划”或“××市儿童发展规划（2021—2030年）”';
    expect(parseError(text(seed(1, 18))).message).toBe(expected);
    expect(parseError(text(miniPlan().slice(1))).message).toBe(expected);
    expect(parseError('hello world').message).toBe(expected);
  });

  it('rejects a title without a period, or with two periods that disagree', () => {
    const noPeriod = replaceLine(miniPlan(), '淄博市“十四五”妇女发展规划', '淄博市妇女发展规划');
    expect(parseError(text(noPeriod)).message).toBe(
      '第1行：规划标题“淄博市妇女发展规划”未写明规划期：应含“十四五”等五年规划名称，或“（2021—2030年）”',
    );
    const conflict = replaceLine(miniPlan(), '淄博市“十四五”妇女发展规划', '淄博市“十四五”妇女发展规划（2021—2030年）');
    expect(parseError(text(conflict)).message).toBe('第1行：规划标题中的“十四五”（2021—2025年）与写明的2021—2030年不一致');
  });

  it('rejects a plan without numbered sections', () => {
    expect(parseError(text(seed(20, 30))).message).toBe('第1行：规划“淄博市“十四五”妇女发展规划”之下没有“一、”“二、”…编号的章节');
  });

  it('rejects a plan without the domain section', () => {
    const lines = [...seed(20, 30), '一、总体目标', ...seed(52), '二、组织实施', ...seed(446)];
    expect(parseError(text(lines)).message).toBe('第1行：规划“淄博市“十四五”妇女发展规划”缺少发展领域部分：应有“三、发展领域、主要目标和策略措施”这样的章节');
  });

  it('rejects two domain sections', () => {
    const lines = [...miniPlan(), '四、发展领域和策略措施（续）', '（一）妇女与环境'];
    const e = parseError(text(lines));
    expect(e.line).toBe(lineOf(lines, '四、发展领域和策略措施'));
    expect(e.message).toBe(`第${e.line}行：发展领域部分只能有一个，第${lineOf(lines, '二、发展领域')}行已有“二、发展领域、主要目标和策略措施”`);
  });

  it('rejects a domain section without domains', () => {
    const lines = [...seed(20, 30), '一、总体目标', ...seed(52), '', '二、发展领域、主要目标和策略措施', '', '三、组织实施', ...seed(446)];
    const e = parseError(text(lines));
    expect(e.line).toBe(lineOf(lines, '二、发展领域'));
    expect(e.message).toBe(`第${e.line}行：“二、发展领域、主要目标和策略措施”之下没有领域：应有“（一）××”开头的领域，如“（一）妇女与健康”`);
  });

  it('rejects text in the domain section before the first domain', () => {
    const lines = replaceLine(miniPlan(), '（一）妇女与健康', '妇女与健康');
    const e = parseError(text(lines));
    expect(e.line).toBe(lineOf(lines, '妇女与健康'));
    expect(e.message).toContain('“二、发展领域、主要目标和策略措施”之下应为领域标题，如“（一）妇女与健康”，实际为“妇女与健康”');
  });

  it('rejects a domain without 主要目标', () => {
    const lines = replaceLine(miniPlan(), '1.主要目标', null);
    const e = parseError(text(lines));
    expect(e.line).toBe(lineOf(lines, '（1）妇女全生命周期'));
    expect(e.message).toMatch(/^第\d+行：领域“妇女与健康”之下应为“1\.主要目标”，实际为“（1）妇女全生命周期/);

    // A domain heading followed directly by the next domain.
    const empty = ['（一）妇女与健康', '（二）妇女与教育', ...seed(108, 157)];
    const lines2 = [...seed(20, 22), '一、发展领域、主要目标和策略措施', ...empty];
    const e2 = parseError(text(lines2));
    expect(e2.message).toBe(`第${lineOf(lines2, '（一）妇女与健康')}行：领域“妇女与健康”缺少“1.主要目标”`);
  });

  it('rejects a goals heading without goals, and a domain without 策略措施', () => {
    const noGoals = miniPlan().filter((l, i, all) => !(i > all.indexOf('（一）妇女与健康') && i < all.indexOf('2.策略措施') && /^（\d+）/.test(l)));
    const e = parseError(text(noGoals));
    expect(e.message).toBe(`第${lineOf(noGoals, '1.主要目标')}行：“1.主要目标”之下没有目标：应有“（1）…”开头的目标`);

    const lines = miniPlan();
    const start = lines.indexOf('2.策略措施');
    const end = lines.indexOf('（二）妇女与教育');
    const noMeasures = [...lines.slice(0, start), ...lines.slice(end)];
    const e2 = parseError(text(noMeasures));
    expect(e2.message).toBe(`第${lineOf(noMeasures, '（一）妇女与健康')}行：领域“妇女与健康”缺少“2.策略措施”（应在目标（9）之后）`);
  });

  it('rejects a goal list where 2.策略措施 is missing before the measures', () => {
    const lines = miniPlan();
    lines.splice(lines.indexOf('2.策略措施'), 1);
    const e = parseError(text(lines));
    expect(e.message).toBe(`第${lineOf(lines, '（1）完善保障妇女健康的制度机制')}行：目标编号应为（10），实际为（1）（是否缺少“2.策略措施”？）`);
  });

  it('rejects broken goal numbering （1）（2）（4）', () => {
    const lines = replaceLine(miniPlan(), '（3）妇女常见病筛查率', null);
    const e = parseError(text(lines), 'broken.txt');
    expect(e.line).toBe(lineOf(lines, '（4）减少艾滋病'));
    expect(e.message).toBe(`第${e.line}行：目标编号应为（3），实际为（4）`);
    expect(e.file).toBe('broken.txt');
  });

  it('rejects broken measure numbering', () => {
    const lines = miniPlan().map((l) => l.replace(/^（5）持续加大妇女常见病防治力度/, '（6）持续加大妇女常见病防治力度'));
    const e = parseError(text(lines));
    expect(e.message).toBe(`第${lineOf(lines, '（6）持续加大妇女常见病')}行：措施编号应为（5），实际为（6）`);
  });

  it('rejects broken domain and section numbering', () => {
    const domains = miniPlan().map((l) => l.replace('（二）妇女与教育', '（三）妇女与教育'));
    expect(parseError(text(domains)).message).toBe(`第${lineOf(domains, '（三）妇女与教育')}行：领域编号应为（二），实际为（三）`);

    const sections = miniPlan().map((l) => l.replace('三、组织实施', '四、组织实施'));
    expect(parseError(text(sections)).message).toBe(`第${lineOf(sections, '四、组织实施')}行：章节编号应为“三、”，实际为“四、”`);
  });

  it('rejects a goal with an unterminated units parenthesis', () => {
    const lines = miniPlan().map((l) => (l.startsWith('（2）孕产妇死亡率') ? l.replace(/）$/, '') : l));
    const e = parseError(text(lines));
    expect(e.line).toBe(lineOf(lines, '（2）孕产妇死亡率'));
    expect(e.message).toBe(`第${e.line}行：目标的单位括号未闭合：“（牵头单位：市卫生健康委”之后应有“）”`);
  });

  it('rejects a goal without a units parenthesis, or with a malformed one', () => {
    const unlabelled = miniPlan().map((l) => (l.startsWith('（2）孕产妇死亡率') ? l.replace('（牵头单位：', '（') : l));
    expect(parseError(text(unlabelled)).message).toBe(
      `第${lineOf(unlabelled, '（2）孕产妇死亡率')}行：目标（2）缺少单位括号：应以“（牵头单位：…，责任单位：…）”结尾，实际结尾为“…域差距逐步缩小。（市卫生健康委）”`,
    );

    const missing = miniPlan().map((l) => (l.startsWith('（2）孕产妇死亡率') ? l.replace('（牵头单位：市卫生健康委）', '') : l));
    expect(parseError(text(missing)).message).toMatch(/^第\d+行：目标（2）缺少单位括号/);

    const noColon = miniPlan().map((l) => (l.startsWith('（2）孕产妇死亡率') ? l.replace('（牵头单位：', '（牵头单位') : l));
    expect(parseError(text(noColon)).message).toBe(
      `第${lineOf(noColon, '（2）孕产妇死亡率')}行：目标的单位应写成“（牵头单位：…，责任单位：…）”，实际为“（牵头单位市卫生健康委）”`,
    );

    const leadOnlyLabel = miniPlan().map((l) => (l.startsWith('（2）孕产妇死亡率') ? l.replace('（牵头单位：市卫生健康委）', '（牵头单位：市卫生健康委，市医保局，其他：市财政局）') : l));
    expect(parseError(text(leadOnlyLabel)).message).toBe(
      `第${lineOf(leadOnlyLabel, '（2）孕产妇死亡率')}行：单位括号中的“其他：”不是可识别的标注，应为“牵头单位：”或“责任单位：”`,
    );
  });

  it('rejects a units parenthesis with an empty name', () => {
    const lines = miniPlan().map((l) => (l.startsWith('（4）减少艾滋病') ? l.replace('市公安局、', '市公安局、、') : l));
    expect(parseError(text(lines)).message).toMatch(new RegExp(`^第${lineOf(lines, '（4）减少艾滋病')}行：单位括号“.*”中有空的单位名称（多余的“、”）$`));
  });

  it('rejects two plans of the same kind and period in one file', () => {
    const lines = [...miniPlan(), ...miniPlan()];
    const e = parseError(text(lines));
    expect(e.line).toBe(miniPlan().length + 1);
    expect(e.message).toContain('与第1行的“淄博市“十四五”妇女发展规划”编号相同（women-2021-2025）');
  });
});
