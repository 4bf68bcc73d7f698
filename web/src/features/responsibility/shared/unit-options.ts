import { useEffect, useState } from 'react';
import { api } from '../../../api/endpoints.ts';
import type { UnitInput } from '../../../api/supervision.endpoints.ts';

/** Departments and the counties under the city, as options of the unit pickers (value d:<id> or r:<code>). */
export interface UnitOption {
  value: string;
  label: string;
}

export interface UnitOptions {
  departments: UnitOption[];
  counties: UnitOption[];
  loading: boolean;
  error: string | null;
}

let cache: Promise<{ departments: UnitOption[]; counties: UnitOption[] }> | null = null;

function load() {
  if (cache === null) {
    cache = Promise.all([api.departments(), api.regions({ parent: '370300' })]).then(([departments, regions]) => ({
      departments: departments.map((d) => ({ value: `d:${d.id}`, label: d.name })),
      counties: regions.map((r) => ({ value: `r:${r.code}`, label: r.name })),
    }));
    cache.catch(() => (cache = null));
  }
  return cache;
}

export function useUnitOptions(): UnitOptions {
  const [state, setState] = useState<UnitOptions>({ departments: [], counties: [], loading: true, error: null });
  useEffect(() => {
    let live = true;
    load().then(
      (o) => live && setState({ ...o, loading: false, error: null }),
      (err: unknown) => live && setState({ departments: [], counties: [], loading: false, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** d:12 → a department, r:370303 → a county, anything else typed in → a unit by name only. */
export function unitFromValue(value: string): UnitInput {
  if (/^d:\d+$/.test(value)) return { departmentId: Number(value.slice(2)) };
  if (/^r:\d+$/.test(value)) return { regionCode: value.slice(2) };
  return { name: value.trim() };
}

export function ownerFromValue(value: string | null | undefined): { departmentId?: number; regionCode?: string } | null {
  if (!value) return null;
  const unit = unitFromValue(value);
  if (unit.departmentId != null) return { departmentId: unit.departmentId };
  if (unit.regionCode != null) return { regionCode: unit.regionCode };
  return null;
}
