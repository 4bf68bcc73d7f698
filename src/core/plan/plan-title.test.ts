import { describe, expect, it } from 'vitest';
import { fiveYearPlanPeriod, matchPlanTitle } from './plan-title.ts';

describe('plan titles', () => {
  it('reads the seed titles', () => {
    expect(matchPlanTitle('淄博市“十四五”妇女发展规划')).toEqual({
      title: '淄博市“十四五”妇女发展规划', kind: 'women', areaName: '淄博市', period: { start: 2021, end: 2025 },
    });
    expect(matchPlanTitle('淄博市“十四五”儿童发展规划')?.kind).toBe('children');
  });

  it('maps five-year plans to their years', () => {
    expect(fiveYearPlanPeriod(13)).toEqual({ start: 2016, end: 2020 });
    expect(fiveYearPlanPeriod(14)).toEqual({ start: 2021, end: 2025 });
    expect(fiveYearPlanPeriod(15)).toEqual({ start: 2026, end: 2030 });
    expect(matchPlanTitle('济南市“十三五”儿童发展规划')?.period).toEqual({ start: 2016, end: 2020 });
    expect(matchPlanTitle('济南市“十五五”妇女发展规划')?.period).toEqual({ start: 2026, end: 2030 });
  });

  it('reads an explicit period with either dash', () => {
    expect(matchPlanTitle('青岛市妇女发展规划（2021—2030年）')).toMatchObject({
      kind: 'women', areaName: '青岛市', period: { start: 2021, end: 2030 },
    });
    expect(matchPlanTitle('青岛市儿童发展规划（2021-2030年）')?.period).toEqual({ start: 2021, end: 2030 });
    expect(matchPlanTitle('山东省儿童发展纲要(2021-2030年)')?.areaName).toBe('山东省');
  });

  it('takes counties and districts as areas', () => {
    expect(matchPlanTitle('张店区“十四五”妇女发展规划')?.areaName).toBe('张店区');
    expect(matchPlanTitle('济南市历下区“十四五”儿童发展规划')?.areaName).toBe('济南市历下区');
  });

  it('flags a five-year label that disagrees with the years', () => {
    expect(matchPlanTitle('淄博市“十四五”妇女发展规划（2021—2030年）')?.conflict).toContain('不一致');
  });

  it('leaves the period null when the title names none', () => {
    expect(matchPlanTitle('淄博市妇女发展规划')).toMatchObject({ kind: 'women', period: null });
  });

  it.each([
    '关于印发《淄博市“十四五”妇女发展规划》',
    '《淄博市“十四五”儿童发展规划》的通知',
    '现将《淄博市“十四五”妇女发展规划》《淄博市“十四五”儿童发展规划》印发给你们，请认真组织实施。',
    '淄博市“十四五”妇女儿童发展规划',
    '妇女发展规划',
    '三、发展领域、主要目标和策略措施',
  ])('%s is not a plan title', (line) => {
    expect(matchPlanTitle(line)).toBeNull();
  });
});
