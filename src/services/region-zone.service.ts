import type { Kysely } from 'kysely';
import { dayBefore, isValidAt } from '../core/region/region-hierarchy.ts';
import type { RegionLink } from '../core/region/region.types.ts';
import type { Database } from '../storage/schema.ts';
import { toRegion, toRegionLink } from '../storage/repositories/region.repository.ts';
import { inTransaction } from '../storage/transaction.ts';

export class RegionMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegionMappingError';
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

async function openLinks(db: Kysely<Database>, streetCode: string): Promise<RegionLink[]> {
  const rows = await db.selectFrom('region_links').selectAll().where('region_code', '=', streetCode).orderBy('valid_from').execute();
  return rows.map(toRegionLink);
}

async function requireStreet(db: Kysely<Database>, streetCode: string, from: string) {
  if (!ISO_DATE.test(from)) throw new RegionMappingError(`日期应为 YYYY-MM-DD 格式，实际为“${from}”`);
  const row = await db.selectFrom('regions').selectAll().where('code', '=', streetCode).executeTakeFirst();
  if (!row) throw new RegionMappingError(`街道（乡镇）${streetCode} 不存在：请先载入行政区划`);
  const street = toRegion(row);
  if (street.level !== 'town') throw new RegionMappingError(`${street.name}（${streetCode}）不是街道（乡镇）级区划`);
  if (!isValidAt(street, from)) throw new RegionMappingError(`${street.name}（${streetCode}）在 ${from} 不是有效区划`);
  return street;
}

/**
 * Records that a street (乡镇/街道) is managed by a functional zone from `from` on: its open mapping, if any, is
 * closed the day before, and a new one starts. The street's own row is untouched, so figures before `from` still
 * roll up through its county. Mapping a street again to the zone it is already mapped to changes nothing.
 */
export async function mapStreetToZone(
  db: Kysely<Database>,
  streetCode: string,
  zoneCode: string,
  from: string,
  note: string | null = null,
): Promise<RegionLink> {
  return inTransaction(db, async (trx) => {
    const street = await requireStreet(trx, streetCode, from);
    const zoneRow = await trx.selectFrom('regions').selectAll().where('code', '=', zoneCode).executeTakeFirst();
    if (!zoneRow) throw new RegionMappingError(`功能区 ${zoneCode} 不存在：请检查 config/regions.json`);
    const zone = toRegion(zoneRow);
    if (!zone.functional) throw new RegionMappingError(`${zone.name}（${zoneCode}）不是功能区`);
    if (!isValidAt(zone, from)) throw new RegionMappingError(`${zone.name}（${zoneCode}）在 ${from} 不是有效区划`);

    const links = await openLinks(trx, streetCode);
    const later = links.find((l) => l.validFrom > from);
    if (later) {
      throw new RegionMappingError(`${street.name}已有自 ${later.validFrom} 起的归属记录，不能再登记更早（${from}）开始的归属`);
    }
    const open = links.find((l) => l.validTo === null);
    if (open && open.parentCode === zoneCode) return open;
    if (open && open.validFrom === from) {
      await trx.updateTable('region_links').set({ parent_code: zoneCode, note }).where('region_code', '=', streetCode).where('valid_from', '=', from).execute();
    } else {
      if (open) {
        await trx.updateTable('region_links').set({ valid_to: dayBefore(from) }).where('region_code', '=', streetCode).where('valid_from', '=', open.validFrom).execute();
      }
      await trx.insertInto('region_links').values({ region_code: streetCode, parent_code: zoneCode, valid_from: from, valid_to: null, note }).execute();
    }
    return { regionCode: streetCode, parentCode: zoneCode, validFrom: from, validTo: null, note };
  });
}

/** Ends a street's mapping to a functional zone: from `from` on it rolls up through its own county again. */
export async function unmapStreetFromZone(db: Kysely<Database>, streetCode: string, from: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const street = await requireStreet(trx, streetCode, from);
    const open = (await openLinks(trx, streetCode)).find((l) => l.validTo === null);
    if (!open) throw new RegionMappingError(`${street.name}（${streetCode}）目前未归属任何功能区`);
    if (open.validFrom >= from) throw new RegionMappingError(`${street.name}归属功能区自 ${open.validFrom} 起，结束日期 ${from} 应晚于此日`);
    await trx.updateTable('region_links').set({ valid_to: dayBefore(from) }).where('region_code', '=', streetCode).where('valid_from', '=', open.validFrom).execute();
  });
}
