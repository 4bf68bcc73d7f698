import { describe, expect, it } from 'vitest';
import { markRanges } from './mark-ranges.ts';

describe('search snippet marks', () => {
  it('marks every occurrence of the query', () => {
    const snippet = '孕产妇死亡率控制在8.2/10万以下，预防和减少孕产妇贫血';
    expect(markRanges(snippet, '孕产妇', 0, 3)).toEqual([
      [0, 3],
      [24, 27],
    ]);
  });

  it("falls back to the server's offsets when the query is not in the snippet as typed", () => {
    expect(markRanges('婴儿死亡率', 'xyz', 0, 2)).toEqual([[0, 2]]);
    expect(markRanges('婴儿死亡率', 'xyz', 3, 99)).toEqual([]);
  });
});
