import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { IS_DEMO_KEY, setMetadata } from '../../storage/repositories/metadata.repository.ts';
import { docxParagraphs, expectReportFrame, readDocx } from '../reports/report.test-support.ts';
import { actorsFor, seedResponsibility, type ResponsibilitySeed } from '../responsibility/responsibility.test-support.ts';
import { exportUnitReportDocx, findUnitReportId } from './unit-report-export.service.ts';
import { cnOrdinal, unitReportFileName } from './unit-report.docx.ts';
import { openRound } from './unit-report-round.service.ts';

describe('unit report docx helpers', () => {
  it('numbers the goal subsections in Chinese and names the file after the report and its version', () => {
    expect([1, 9, 10, 11, 19, 20, 23].map(cnOrdinal)).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十三']);
    expect(unitReportFileName({ title: '市水利局2024年度报告', version: 1 })).toBe('市水利局2024年度报告.docx');
    expect(unitReportFileName({ title: 'a/b', version: 2 })).toBe('a_b（第2版）.docx');
  });
});

forEachDialect('unit report as Word: real goals of the seed plans, demo label', (getDb) => {
  let seed: ResponsibilitySeed;
  beforeAll(async () => {
    seed = await seedResponsibility(getDb());
    await openRound(getDb(), actorsFor(seed).office, { year: 2024, kind: 'midterm', dueDate: '2025-03-31' });
  });

  it('writes every goal of the unit with its domain title, in the government-document style', async () => {
    const db = getDb();
    const id = await findUnitReportId(db, { year: 2024, kind: 'midterm', unit: '市卫生健康委' });
    const { report, bytes, fileName } = await exportUnitReportDocx(db, actorsFor(seed).office, id);
    expect(fileName).toBe(`${report.title}.docx`);
    const { parts } = await readDocx(bytes);
    const text = docxParagraphs(parts.get('word/document.xml') ?? '');
    expect(text[0]).toBe('市卫生健康委妇女儿童发展规划中期自评报告（2024年）');
    expect(text).toContain('四、下一步工作安排');
    expect(text.filter((t) => t === '（未填写）').length).toBe(3);
    expect(report.items.length).toBeGreaterThan(3);
    // One subsection per goal, numbered 一、二、…, with the domain's title from the plan.
    const subsections = text.filter((t) => /^（[一二三四五六七八九十]+）/.test(t));
    expect(subsections.length).toBe(report.items.length);
    expect(subsections[0]).toMatch(/^（一）(妇女|儿童)规划·.*健康.*目标\d+$/);
    expect(text.filter((t) => t === '进展：未评估').length).toBe(report.items.length);
    expectReportFrame(parts, false);
  });

  it('labels a demo database’s report 示例数据 under the title and on every page', async () => {
    const db = getDb();
    await setMetadata(db, IS_DEMO_KEY, '1');
    const id = await findUnitReportId(db, { year: 2024, kind: 'midterm', unit: '市水利局' });
    const { parts } = await readDocx((await exportUnitReportDocx(db, actorsFor(seed).office, id)).bytes);
    expect(docxParagraphs(parts.get('word/document.xml') ?? '')[1]).toBe('【示例数据】');
    expectReportFrame(parts, true);
    await setMetadata(db, IS_DEMO_KEY, '0');
  });
});
