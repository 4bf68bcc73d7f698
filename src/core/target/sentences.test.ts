import { describe, expect, it } from 'vitest';
import { splitClauses, splitSentences, splitTopLevel } from './sentences.ts';

describe('splitSentences / splitClauses', () => {
  it('cuts at 。；, keeps offsets, and never inside brackets or quotes', () => {
    const text = '孕产妇死亡率控制在8.2/10万以下，城乡差距缩小。推进“互联网+妇幼健康”，（试点。先行）；完成';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      '孕产妇死亡率控制在8.2/10万以下，城乡差距缩小',
      '推进“互联网+妇幼健康”，（试点。先行）',
      '完成',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text);
    const clauses = splitClauses(sentences[0]!);
    expect(clauses.map((c) => c.text)).toEqual(['孕产妇死亡率控制在8.2/10万以下', '城乡差距缩小']);
    expect(clauses[1]!.start).toBe(text.indexOf('城乡'));
  });

  it('does not split 镇（街道） or a quoted list at commas', () => {
    const [sentence] = splitSentences('以镇（街道，社区）为单位，开展“一站式，全覆盖”服务');
    expect(splitClauses(sentence!).map((c) => c.text)).toEqual(['以镇（街道，社区）为单位', '开展“一站式，全覆盖”服务']);
  });

  it('ends a sentence at a line break even inside an unclosed bracket', () => {
    expect(splitSentences('甲（乙\n丙').map((s) => s.text)).toEqual(['甲（乙', '丙']);
  });
});

describe('splitTopLevel', () => {
  it('splits lists on 、和及 outside brackets', () => {
    expect(splitTopLevel('新生儿、婴儿和5岁以下儿童死亡率', /^(?:、|和|及)/)).toEqual(['新生儿', '婴儿', '5岁以下儿童死亡率']);
    expect(splitTopLevel('儿科执业（助理、全科）医生和床位', /^(?:、|和)/)).toEqual(['儿科执业（助理、全科）医生', '床位']);
  });
});
