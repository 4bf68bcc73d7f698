import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import type { Actor } from '../../core/access/actor.types.ts';
import { ZIBO } from '../evaluation/evaluation.test-support.ts';
import { createReport, regenerateReport, reportFile, updateReportSections } from './report-publication.service.ts';
import { docxParagraphs, readDocx, seedReportYear } from './report.test-support.ts';

const office: Actor = { userId: 0, username: 'office', displayName: '妇儿工委办公室', roles: ['admin'], regionCode: ZIBO, departmentId: null };

forEachDialect("the office's texts in the annual report's Word file", (getDb) => {
  beforeAll(async () => {
    await seedReportYear(getDb());
  });

  it('prints 存在的主要问题 and 对策建议 after the warnings once written, and keeps them on regeneration', async () => {
    const db = getDb();
    const draft = await createReport(db, office, { kind: 'annual', year: 2024, plan: 'women' });
    const paragraphs = async () => docxParagraphs((await readDocx((await reportFile(db, office, draft.id)).bytes)).parts.get('word/document.xml')!);
    const before = await paragraphs();
    expect(before.some((p) => p.endsWith('、存在的主要问题'))).toBe(false);

    await updateReportSections(db, office, draft.id, { problems: '孕产妇死亡率下降偏慢。', recommendations: '' });
    const after = await paragraphs();
    const heading = after.findIndex((p) => p.endsWith('、存在的主要问题'));
    expect(heading).toBeGreaterThan(after.findIndex((p) => p.endsWith('、监测预警')));
    expect(after[heading + 1]).toBe('孕产妇死亡率下降偏慢。');
    // An empty section is left out rather than printed as a heading with nothing under it.
    expect(after.some((p) => p.endsWith('、对策建议'))).toBe(false);

    await regenerateReport(db, office, draft.id);
    const regenerated = await paragraphs();
    expect(regenerated[regenerated.findIndex((p) => p.endsWith('、存在的主要问题')) + 1]).toBe('孕产妇死亡率下降偏慢。');
  }, 180_000);
});
