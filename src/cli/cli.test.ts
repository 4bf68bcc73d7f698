import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSeed, SEED_SHAPE } from '../../test/seed.ts';
import type { PlanExport } from '../services/plan-export.service.ts';

const run = promisify(execFile);
const FUER = path.resolve(import.meta.dirname, '../../bin/fuer.js');
const dir = mkdtempSync(path.join(tmpdir(), 'fuer-cli-'));
const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}` };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fuer(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const child = run(process.execPath, [FUER, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

// Each test runs CLI processes that bootstrap a database: slow when the machine is shared.
describe('fuer CLI', { timeout: 90_000 }, () => {
  it('plan export --json reproduces the seed on a fresh database', async () => {
    const { stdout, code } = await fuer(['plan', 'export', '--json']);
    expect(code).toBe(0);
    const exported = JSON.parse(stdout) as PlanExport;
    const seed = parseSeed();
    expect(exported.plans.map((p) => p.code)).toEqual(['women-2021-2025', 'children-2021-2025']);
    for (const plan of exported.plans) {
      const shape = SEED_SHAPE[plan.code as keyof typeof SEED_SHAPE];
      expect(plan.domains.map((d) => d.goals.length)).toEqual(shape.goals);
      expect(plan.domains.map((d) => d.measures.length)).toEqual(shape.measures);
      const parsed = seed.plans.find((p) => p.code === plan.code)!;
      expect(plan.kind).toBe(parsed.kind);
      expect(plan.period).toEqual({ start: 2021, end: 2025 });
      plan.domains.forEach((domain, i) => {
        const source = parsed.domains[i]!;
        expect(domain.title).toBe(source.title);
        domain.goals.forEach((goal, j) => {
          const g = source.goals[j]!;
          expect({ ord: goal.ord, text: goal.text, lead: goal.leadUnits, resp: goal.responsibleUnits, groups: goal.unitGroups }).toEqual({
            ord: g.ord,
            text: g.text,
            lead: g.leadUnits,
            resp: g.responsibleUnits,
            groups: g.unitGroups,
          });
          const strip = (t: { indicatorCode: string | null }) => ({ ...t, indicatorCode: null });
          expect(goal.targets.map(strip)).toEqual(g.targets.map(strip));
        });
        domain.measures.forEach((measure, j) => {
          expect(measure.title).toBe(source.measures[j]!.title);
          expect(measure.targets.length).toBe(source.measures[j]!.targets.length);
        });
      });
    }
    const women = exported.plans[0]!;
    const mmr = women.domains[0]!.goals[1]!.targets[0]!;
    expect(mmr).toMatchObject({ indicator: '孕产妇死亡率', kind: 'threshold', op: '<=', value: 8.2, unit: '1/10万', targetYear: 2025 });
    expect(mmr.indicatorCode).toMatch(/^W1\.\d\d$/);
    // Every numeric target (not trend, not deadline) is linked to the catalogue.
    const numeric = exported.plans.flatMap((p) =>
      p.domains.flatMap((d) => [...d.goals, ...d.measures].flatMap((x) => x.targets)).filter((t) => t.kind !== 'trend' && t.kind !== 'deadline'),
    );
    expect(numeric.length).toBeGreaterThan(70);
    expect(numeric.filter((t) => t.indicatorCode === null)).toEqual([]);
  });

  it('targets extract reads standard input and links the catalogue', async () => {
    const { stdout, code } = await fuer(['targets', 'extract', '--plan', 'children', '-'], '新生儿、婴儿和5岁以下儿童死亡率分别控制在3‰、3.3‰和4‰以下。');
    expect(code).toBe(0);
    const targets = JSON.parse(stdout) as { indicator: string; value: number; op: string; indicatorCode: string | null }[];
    expect(targets.map((t) => [t.indicator, t.op, t.value])).toEqual([
      ['新生儿死亡率', '<=', 3],
      ['婴儿死亡率', '<=', 3.3],
      ['5岁以下儿童死亡率', '<=', 4],
    ]);
    expect(targets.every((t) => t.indicatorCode?.startsWith('C1.'))).toBe(true);
  });

  it('plan import rejects a file that is not a plan, says where, and stores nothing', async () => {
    const bad = path.join(dir, 'broken.txt');
    writeFileSync(bad, '淄博市“十四五”妇女发展规划\n\n一、指导思想\n\n正文\n');
    const before = await fuer(['plan', 'show']);
    const { stderr, code } = await fuer(['plan', 'import', bad]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^错误：broken\.txt 不是可识别的规划文本：/);
    expect(stderr).toContain('未导入任何内容');
    const after = await fuer(['plan', 'show']);
    expect(after.stdout).toBe(before.stdout);
  });
});
