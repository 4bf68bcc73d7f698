// Test fixtures of the exchange: the real indicator catalogue (catalogue/indicators.json) and Zibo's city,
// districts and counties with their GB/T 2260 codes, and the configured functional zones.
import { readCatalogueFile } from '../catalogue-import.service.ts';
import { catalogueOf } from './exchange-catalogue.ts';
import type { ExchangeCatalogue } from './exchange-catalogue.ts';

export const ZIBO_REGIONS: ReadonlyArray<{ code: string; name: string }> = [
  { code: '370300', name: '淄博市' },
  { code: '370302', name: '淄川区' },
  { code: '370303', name: '张店区' },
  { code: '370304', name: '博山区' },
  { code: '370305', name: '临淄区' },
  { code: '370306', name: '周村区' },
  { code: '370321', name: '桓台县' },
  { code: '370322', name: '高青县' },
  { code: '370323', name: '沂源县' },
  { code: '370300-gxq', name: '高新区' },
  { code: '370300-jkq', name: '经济开发区' },
  { code: '370300-wch', name: '文昌湖区' },
];

let catalogue: ExchangeCatalogue | undefined;

export function seedCatalogue(): ExchangeCatalogue {
  catalogue ??= catalogueOf(readCatalogueFile(), ZIBO_REGIONS);
  return catalogue;
}
