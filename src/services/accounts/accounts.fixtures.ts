/** What account tests need in the database: Zibo's regions (to towns) and two departments from the registry. */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { ensureDepartments } from '../../storage/repositories/department.repository.ts';
import { loadRegions } from '../region-load.service.ts';

export const ZHANGDIAN = '370303'; // 张店区
export const ZIBO = '370300';

export async function seedAccountScope(db: Kysely<Database>): Promise<{ health: number; education: number; town: string }> {
  await loadRegions(db, { prefix: '3703', depth: 'town' });
  const ids = await ensureDepartments(db, ['市卫生健康委', '市教育局']);
  const town = await db.selectFrom('regions').select('code').where('parent_code', '=', ZHANGDIAN).where('level', '=', 'town').orderBy('code').executeTakeFirstOrThrow();
  return { health: ids.get('市卫生健康委') as number, education: ids.get('市教育局') as number, town: town.code };
}
