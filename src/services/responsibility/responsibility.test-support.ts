/**
 * Test support for the responsibility services (imported by tests only): a database with Zibo's regions down to
 * the counties, the indicator catalogue and the seed plans, and actors of every kind.
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { parseSeed } from '../../../test/seed.ts';
import type { Actor, Role } from '../../core/access/actor.types.ts';
import type { Database } from '../../storage/schema.ts';
import { importCatalogue, readCatalogueFile } from '../catalogue-import.service.ts';
import { importPlanFile } from '../plan-import.service.ts';
import { loadRegions } from '../region-load.service.ts';
import { ResponsibilityError } from './responsibility.errors.ts';

export const ZIBO = '370300';
export const ZHANGDIAN = '370303';
export const BOSHAN = '370304';
export const LINZI = '370305';

export interface ResponsibilitySeed {
  departments: Map<string, number>;
  id(name: string): number;
}

export async function seedResponsibility(db: Kysely<Database>): Promise<ResponsibilitySeed> {
  await loadRegions(db, { prefix: '3703', depth: 'county' });
  await importCatalogue(db, readCatalogueFile());
  await importPlanFile(db, parseSeed(), { regionCode: ZIBO, sourceFile: 'zibo-14th-fyp-women-children-plans.txt' });
  const departments = new Map((await db.selectFrom('departments').select(['id', 'name']).execute()).map((r) => [r.name, r.id] as const));
  return {
    departments,
    id(name: string) {
      const found = departments.get(name);
      if (found === undefined) throw new Error(`no department ${name}`);
      return found;
    },
  };
}

let nextUserId = 5000;

export function actor(name: string, roles: Role[], departmentId: number | null, regionCode: string | null): Actor {
  nextUserId += 1;
  return { userId: nextUserId, username: name, displayName: name, roles, departmentId, regionCode };
}

export function actorsFor(seed: ResponsibilitySeed) {
  return {
    office: actor('妇儿工委办公室', ['admin'], null, ZIBO),
    stats: actor('统计局', ['stats'], null, ZIBO),
    viewer: actor('领导', ['viewer'], null, null),
    health: actor('卫健委填报员', ['reporter'], seed.id('市卫生健康委'), ZIBO),
    education: actor('教育局填报员', ['reporter'], seed.id('市教育局'), ZIBO),
    zhangdian: actor('张店区妇儿工委', ['reporter'], null, ZHANGDIAN),
    boshan: actor('博山区妇儿工委', ['reporter'], null, BOSHAN),
    linzi: actor('临淄区妇儿工委', ['reporter'], null, LINZI),
  };
}

/** The seed's goals naming a department as lead or responsible, by their numbers (the expected list). */
export function seedGoalsOf(name: string): { lead: { plan: string; domain: number; goal: number }[]; responsible: { plan: string; domain: number; goal: number }[] } {
  const lead: { plan: string; domain: number; goal: number }[] = [];
  const responsible: { plan: string; domain: number; goal: number }[] = [];
  for (const plan of parseSeed().plans) {
    for (const domain of plan.domains) {
      for (const goal of domain.goals) {
        const ref = { plan: plan.kind, domain: domain.ord, goal: goal.ord };
        if (goal.leadUnits.includes(name)) lead.push(ref);
        if (goal.responsibleUnits.includes(name)) responsible.push(ref);
      }
    }
  }
  return { lead, responsible };
}

/** The seed file with the women's plan retitled for a county and one target changed: a county plan's text. */
export function countyPlanText(countyName: string, edits: [string, string][] = []): string {
  let text = readFileSync(new URL('../../../plans/zibo-14th-fyp-women-children-plans.txt', import.meta.url), 'utf8');
  text = text.replace('淄博市“十四五”妇女发展规划\n', `${countyName}“十四五”妇女发展规划\n`).replace('淄博市“十四五”儿童发展规划\n', `${countyName}“十四五”儿童发展规划\n`);
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`seed has no “${from}”`);
    text = text.replace(from, to);
  }
  return text;
}

/** Expects `work` to fail with a ResponsibilityError of `status` whose message matches `message`. */
export async function rejects(work: Promise<unknown>, status: number, message: string | RegExp): Promise<void> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ResponsibilityError);
  expect((err as ResponsibilityError).status).toBe(status);
  expect((err as ResponsibilityError).message).toMatch(message);
}
