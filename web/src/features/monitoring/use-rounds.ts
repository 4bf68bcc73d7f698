import { useSearchParams } from 'react-router-dom';
import { monitoringApi } from '../../api/monitoring.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { RoundSummary } from '../../api/types.ts';

/** The round a page shows: ?round= when given, else the latest open round, else the latest. */
export function pickRound(rounds: readonly RoundSummary[], wanted: number | null): RoundSummary | undefined {
  if (wanted !== null) {
    const found = rounds.find((r) => r.id === wanted);
    if (found) return found;
  }
  const byYear = [...rounds].sort((a, b) => b.year - a.year);
  return byYear.find((r) => r.status === 'open') ?? byYear[0];
}

/** Rounds and the selected one, kept in ?round= so that a link or a reload shows the same round. */
export function useRounds() {
  const state = useApi((signal) => monitoringApi.rounds(signal), []);
  const [params, setParams] = useSearchParams();
  const wanted = Number(params.get('round')) || null;
  const current = state.data ? pickRound(state.data, wanted) : undefined;
  const select = (id: number) => {
    const next = new URLSearchParams(params);
    next.set('round', String(id));
    setParams(next, { replace: true });
  };
  return { state, current, select };
}
