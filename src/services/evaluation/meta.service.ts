import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { IS_DEMO_KEY, allMetadata } from '../../storage/repositories/metadata.repository.ts';

/** GET /api/meta: what the platform says about itself, before login too. */
export interface PlatformMeta {
  title: string;
  /** The database holds generated demo data (`fuer demo`): every screen and report says 示例数据. */
  demo: boolean;
  /** “示例数据” when demo, else null: the label to put on screens and reports. */
  dataLabel: string | null;
  demoGeneratedAt: string | null;
  demoSeed: number | null;
}

export const PLATFORM_TITLE = '淄博市妇女儿童发展规划监测评估平台';
export const DEMO_LABEL = '示例数据';

export async function getPlatformMeta(db: Kysely<Database>): Promise<PlatformMeta> {
  const meta = await allMetadata(db);
  const demo = meta.get(IS_DEMO_KEY) === '1';
  const seed = meta.get('demo_seed');
  return {
    title: PLATFORM_TITLE,
    demo,
    dataLabel: demo ? DEMO_LABEL : null,
    demoGeneratedAt: meta.get('demo_generated_at') ?? null,
    demoSeed: seed === undefined ? null : Number(seed),
  };
}
