import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { makeActor } from '../monitoring/monitoring.test-support.ts';
import { BOSHAN, ZHANGDIAN, ZIBO, insertValues, seedEvaluation, series } from './evaluation.test-support.ts';
import { generateWarnings } from './warning-generate.service.ts';

forEachDialect('early warnings of direction-only targets (无量化目标)', (getDb) => {
  const admin = makeActor('办公室', ['admin'], null, ZIBO);

  beforeAll(async () => {
    await seedEvaluation(getDb());
    await insertValues(getDb(), [
      // 妇女人均预期寿命延长 (trend, higher is better).
      ...series('W1.01', ZIBO, { 2020: 80, 2022: 80.5, 2024: 81 }), // +0.31%/年: stable, no warning
      ...series('W1.01', ZHANGDIAN, { 2020: 81, 2022: 80.6, 2024: 80.2 }), // falling: worsening
      ...series('W1.01', BOSHAN, { 2020: 78, 2022: 80, 2024: 82 }), // +1.3%/年: improving
    ]);
  });

  it('a worsening trend is a yellow 达标困难 warning; stable and improving trends are none', async () => {
    const result = await generateWarnings(getDb(), admin, { year: 2024 });
    const w101 = result.warnings.filter((w) => w.indicatorCode === 'W1.01');
    expect(w101.map((w) => w.regionCode)).toEqual([ZHANGDIAN]);
    expect(w101[0]).toMatchObject({ level: 'yellow', kinds: ['difficulty'], kindLabel: '达标困难', evaluationStatus: 'no_target', regionLevel: 'county' });
    expect(w101[0]!.reason).toContain('趋势恶化');
    expect(w101[0]!.reason).toContain('2024年为80.2岁');
    expect(result).toMatchObject({ red: 0, yellow: result.total });
  });
});
