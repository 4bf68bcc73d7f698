export type RegionLevel = 'province' | 'city' | 'county' | 'town' | 'village';

export interface Region {
  /** GB/T 2260 code (12 digits for towns and villages), or a configured code for functional zones. */
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** true for configured zones with no GB/T 2260 code (高新区, 经济开发区, 文昌湖区). */
  functional: boolean;
  /** ISO date from which the region exists in this form. */
  validFrom: string;
  /** ISO date after which it no longer does (区划调整); null while current. */
  validTo: string | null;
}

/**
 * A change of parent for a while: from validFrom to validTo (inclusive) the region rolls up to parentCode instead
 * of its statutory parent. Used for streets managed by a functional zone, and for a town that keeps its code
 * when its county is merged into another.
 */
export interface RegionLink {
  regionCode: string;
  parentCode: string;
  validFrom: string;
  validTo: string | null;
  note?: string | null;
}
