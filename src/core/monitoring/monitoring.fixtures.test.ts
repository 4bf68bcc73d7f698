import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_INDICATORS } from './monitoring.fixtures.ts';

const seed = readFileSync(new URL('../../../plans/zibo-14th-fyp-women-children-plans.txt', import.meta.url), 'utf8');

describe('monitoring fixtures', () => {
  // Indicators named in a paired sentence (分别控制在…) stand in the text under that sentence.
  const pairedPhrase: Record<string, string> = { 婴儿死亡率: '新生儿、婴儿和5岁以下儿童死亡率分别控制在3‰、3.3‰和4‰以下' };

  it('name only indicators that the seed plans contain', () => {
    for (const ind of ALL_INDICATORS) expect(seed, ind.name).toContain(pairedPhrase[ind.name] ?? ind.name);
  });

  it('carry the units the plans write their targets in', () => {
    expect(seed).toContain('孕产妇死亡率控制在8.2/10万以下');
    expect(seed).toContain('3.3‰');
    expect(seed).toContain('新建、改扩建幼儿园300所以上');
  });
});
