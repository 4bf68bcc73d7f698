import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { monitoringApi } from '../../api/monitoring.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { PlanKind, RoundSummary } from '../../api/types.ts';

export const CITY = '370300';

/** The years a user may pick: from 2016 to the latest collection round or last calendar year, newest first. */
export function yearOptions(rounds: readonly Pick<RoundSummary, 'year'>[], today = new Date()): number[] {
  const last = Math.max(today.getFullYear() - 1, ...rounds.map((r) => r.year));
  return Array.from({ length: last - 2016 + 1 }, (_, i) => last - i);
}

/** The year shown when none is asked for: the latest round's data year, else last calendar year. */
export function defaultYear(rounds: readonly Pick<RoundSummary, 'year'>[], today = new Date()): number {
  return rounds.length > 0 ? Math.max(...rounds.map((r) => r.year)) : today.getFullYear() - 1;
}

/** Year, region and plan of an evaluation page, kept in the URL (?year=&region=&plan=). */
export function useEvaluationParams() {
  const rounds = useApi((signal) => monitoringApi.rounds(signal), []);
  const [params, setParams] = useSearchParams();
  const list = rounds.data ?? [];
  const years = useMemo(() => yearOptions(list), [list]);
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked > 1990 ? asked : defaultYear(list);
  const region = params.get('region') ?? CITY;
  const planParam = params.get('plan');
  const plan: PlanKind | undefined = planParam === 'women' || planParam === 'children' ? planParam : undefined;
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  /** The year in the URL, or undefined (the server then picks, e.g. the indicator's latest year with data). */
  const askedYear = Number.isInteger(asked) && asked > 1990 ? asked : undefined;
  return { ready: !rounds.loading, year, askedYear, years, region, plan, set };
}
