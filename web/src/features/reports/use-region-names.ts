import { useCallback } from 'react';
import { api } from '../../api/endpoints.ts';
import type { RegionSummary } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';

export const CITY_REGION = { code: '370300', name: '淄博市' } as const;

/** The city and its counties (a public route), for naming a report's region and choosing one. */
export function useReportRegions(): RegionSummary[] {
  const state = useApi((signal) => api.regions({ parent: CITY_REGION.code }, signal), []);
  return state.data ?? [];
}

/** code → name (淄博市, 张店区 …); the code itself while the names load or for an unknown code. */
export function useRegionNames(): (code: string) => string {
  const counties = useReportRegions();
  return useCallback(
    (code: string) => (code === CITY_REGION.code ? CITY_REGION.name : (counties.find((r) => r.code === code)?.name ?? code)),
    [counties],
  );
}
