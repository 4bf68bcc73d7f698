import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REGION_CONFIG_FILE = path.join(REPO_ROOT, 'config', 'regions.json');

const isoDate = z.iso.date({ error: '日期应为 YYYY-MM-DD' });

const configSchema = z.object({
  datasetValidFrom: isoDate,
  functionalZones: z.array(
    z
      .object({
        code: z.string().regex(/^\d{6}-[a-z]+$/, { error: '功能区代码应形如 370300-gxq（上级代码-简称）' }),
        name: z.string().min(1),
        fullName: z.string().min(1).optional(),
        parentCode: z.string().regex(/^\d{6}$/, { error: '上级代码应为6位区划代码' }),
        level: z.enum(['county', 'town']),
      })
      .refine((zone) => zone.code.startsWith(`${zone.parentCode}-`), { error: '功能区代码应以其上级代码开头' }),
  ),
  streetMappings: z.array(
    z.object({
      streetCode: z.string().regex(/^\d{9}$/, { error: '街道（乡镇）代码应为9位' }),
      zoneCode: z.string().min(1),
      from: isoDate,
      note: z.string().optional(),
    }),
  ),
});

export type RegionConfig = z.infer<typeof configSchema>;
export type FunctionalZone = RegionConfig['functionalZones'][number];

/** Reads config/regions.json (or another file): functional zones and the streets mapped onto them. */
export function readRegionConfig(file: string = REGION_CONFIG_FILE): RegionConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`无法读取区划配置 ${file}：${err instanceof Error ? err.message : String(err)}`);
  }
  const result = configSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(根)'}：${i.message}`);
    throw new Error(`区划配置 ${file} 有误：\n${problems.join('\n')}`);
  }
  const codes = result.data.functionalZones.map((z) => z.code);
  const duplicate = codes.find((c, i) => codes.indexOf(c) !== i);
  if (duplicate !== undefined) throw new Error(`区划配置 ${file} 有误：功能区代码 ${duplicate} 重复`);
  return result.data;
}
