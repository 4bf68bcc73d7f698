import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seedTargets } from './evaluation.fixtures.ts';

const planText = readFileSync(
  fileURLToPath(new URL('../../../plans/zibo-14th-fyp-women-children-plans.txt', import.meta.url)),
  'utf8',
);

describe('evaluation fixtures come from the seed plans', () => {
  it.each(Object.entries(seedTargets))('%s: its text stands in the plan', (_name, target) => {
    expect(planText).toContain(target.text);
  });
});
