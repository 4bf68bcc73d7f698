import ExcelJS from 'exceljs';
import { patchDocument } from 'docx';
import JSZip from 'jszip';
import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { createImplementationPlan, fileImplementationPlan } from './implementation-plan.service.ts';
import { responsibilityDocx, responsibilityXlsx } from './responsibility-export.service.ts';
import { buildResponsibilityList, goalResponsibility, listResponsibilities } from './responsibility-list.service.ts';
import { actorsFor, seedGoalsOf, seedResponsibility } from './responsibility.test-support.ts';
import type { ResponsibilitySeed } from './responsibility.test-support.ts';

const pick = (g: { plan: string; domain: number; goal: number }) => ({ plan: g.plan, domain: g.domain, goal: g.goal });
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

forEachDialect('responsibility lists', (getDb) => {
  let seed: ResponsibilitySeed;
  beforeAll(async () => {
    seed = await seedResponsibility(getDb());
  });

  it.each(['市卫生健康委', '市教育局', '市妇联'])('lists exactly the goals the seed names %s for, as lead and as responsible unit', async (name) => {
    const expected = seedGoalsOf(name);
    // The expectation is not trivially empty: each of the three leads and shares goals in the seed.
    expect(expected.lead.length).toBeGreaterThan(0);
    expect(expected.responsible.length).toBeGreaterThan(0);
    const list = await buildResponsibilityList(getDb(), null, name);
    expect(list.department).toBe(name);
    expect(list.lead.map(pick)).toEqual(expected.lead);
    expect(list.responsible.map(pick)).toEqual(expected.responsible);
    for (const g of list.lead) expect(g.leadUnits).toContain(name);
    for (const g of list.responsible) expect(g.responsibleUnits).toContain(name);
  });

  it('accepts an alias and reports the indicators the department reports', async () => {
    const byAlias = await buildResponsibilityList(getDb(), null, '市卫健委');
    expect(byAlias.department).toBe('市卫生健康委');
    expect(byAlias.lead.map(pick)).toEqual(seedGoalsOf('市卫生健康委').lead);
    const catalogue = await getDb().selectFrom('indicators').select('code').where('department_id', '=', seed.id('市卫生健康委')).execute();
    expect(byAlias.indicators.map((i) => i.code).sort()).toEqual(catalogue.map((r) => r.code).sort());
    expect(byAlias.indicators.length).toBeGreaterThan(10);
    await expect(buildResponsibilityList(getDb(), null, '不存在的局')).rejects.toThrow('单位“不存在的局”不存在');
  });

  it('lists measures only through the domains of its goals, since the plans name no unit in a measure', async () => {
    const list = await buildResponsibilityList(getDb(), null, '市教育局');
    const domains = new Set([...list.lead, ...list.responsible].map((g) => `${g.plan}/${g.domain}`));
    expect(list.measures.length).toBeGreaterThan(0);
    expect(list.measures.every((m) => m.relation === 'domain' && domains.has(`${m.plan}/${m.domain}`))).toBe(true);
    expect(new Set(list.measures.map((m) => `${m.plan}/${m.domain}`))).toEqual(domains);
  });

  it('shows per goal what each unit has reported, and the open warnings of the department', async () => {
    const db = getDb();
    const actors = actorsFor(seed);
    const [first] = seedGoalsOf('市卫生健康委').lead;
    const plan = await createImplementationPlan(db, actors.health, { title: '妇女健康实施方案', goals: [first as never] });
    await fileImplementationPlan(db, actors.health, plan.id);
    const list = await buildResponsibilityList(db, null, '市卫生健康委');
    expect(list.lead[0]?.implementationPlans).toEqual([{ id: plan.id, title: '妇女健康实施方案', status: 'filed', statusLabel: '已报送', filedAt: expect.any(String) }]);
    expect(list.lead[1]?.implementationPlans).toEqual([]);
    const goal = await goalResponsibility(db, first as never);
    const health = goal.units.find((u) => u.department === '市卫生健康委');
    expect(health).toMatchObject({ role: 'lead', implementationPlans: [{ id: plan.id, status: 'filed' }] });
    expect(goal.units.filter((u) => u.role === 'responsible').every((u) => u.implementationPlans.length === 0)).toBe(true);

    const indicator = list.indicators[0]?.code as string;
    const at = new Date().toISOString();
    const base = {
      indicator_code: indicator,
      region_code: '370300',
      department_id: seed.id('市卫生健康委'),
      level: 'red' as const,
      difficulty: 1,
      volatility: 0,
      evaluation_status: 'off_track' as const,
      target_text: '目标',
      latest_year: 2024,
      latest_value: 10,
      target_value: 8.2,
      projected: 9.5,
      reason: '预计难以达标',
      flagged: 1,
      previous_id: null,
      recurrence: 0,
      escalations: 0,
      escalated_at: null,
      escalation_reason: null,
      closed_at: null,
      closed_by: null,
      closed_by_name: null,
      close_note: null,
      generated_at: at,
      generated_by: null,
      generated_by_name: '系统',
      updated_at: at,
      version: 1,
    };
    await db.insertInto('warnings').values([
      { ...base, year: 2024, status: 'issued' },
      { ...base, year: 2023, status: 'closed' },
    ]).execute();
    const withWarnings = await buildResponsibilityList(db, null, '市卫生健康委');
    expect(withWarnings.warnings.map((w) => [w.year, w.status, w.levelLabel])).toEqual([[2024, 'issued', '红色预警']]);
    const index = await listResponsibilities(db);
    expect(index.find((d) => d.department === '市卫生健康委')).toMatchObject({ lead: list.lead.length, responsible: list.responsible.length, openWarnings: 1, implementationPlans: { filed: 1, draft: 0 } });
  });

  it('exports .xlsx and .docx that open with their libraries and contain the goals', async () => {
    const list = await buildResponsibilityList(getDb(), null, '市妇联');
    const xlsx = await responsibilityXlsx(list);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const goals = wb.getWorksheet('主要目标');
    expect(goals?.rowCount).toBe(1 + list.lead.length + list.responsible.length);
    const texts = new Set<string>();
    goals?.eachRow((row, n) => {
      if (n > 1) texts.add(String(row.getCell(5).value));
    });
    for (const g of [...list.lead, ...list.responsible]) expect(texts.has(g.text)).toBe(true);
    expect(String(goals?.getRow(2).getCell(1).value)).toBe('牵头');

    const docx = await responsibilityDocx(list);
    // The docx library reads it back (patchDocument unzips and parses every part) …
    const reopened = await patchDocument({ outputType: 'nodebuffer', data: docx, patches: {} });
    expect(reopened.length).toBeGreaterThan(1000);
    // … and the text and styles are there.
    const zip = await JSZip.loadAsync(docx);
    const documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? '';
    expect(documentXml).toContain('市妇联责任清单');
    for (const g of [...list.lead, ...list.responsible]) expect(documentXml).toContain(xmlEscape(g.text));
    expect(stylesXml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(stylesXml).toContain('w:eastAsia="黑体"');
  });
});
