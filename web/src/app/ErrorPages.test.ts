import { describe, expect, it } from 'vitest';
import { RouteErrorBoundary } from './ErrorPages.tsx';

type State = { error: unknown; failedAt: string | null };

/** Runs React's order for the boundary: getDerivedStateFromError on a throw, then getDerivedStateFromProps before each render. */
function render(state: State, pathname: string, thrown?: Error): State {
  let next = thrown ? { ...state, ...RouteErrorBoundary.getDerivedStateFromError(thrown) } : state;
  next = { ...next, ...RouteErrorBoundary.getDerivedStateFromProps({ pathname, children: null }, next) };
  return next;
}

describe('RouteErrorBoundary', () => {
  const clean: State = { error: null, failedAt: null };
  const failed = new Error('Failed to fetch dynamically imported module: /assets/RegionsPage-x.js');

  it('shows the error on the page that failed and keeps it there', () => {
    const onRegions = render(render(clean, '/plans'), '/regions', failed);
    expect(onRegions).toEqual({ error: failed, failedAt: '/regions' });
    expect(render(onRegions, '/regions')).toEqual(onRegions);
  });

  it('clears the error when the user goes to another page', () => {
    const onRegions = render(clean, '/regions', failed);
    expect(render(onRegions, '/indicators')).toEqual(clean);
  });

  it('leaves a working page alone', () => {
    expect(render(clean, '/plans')).toEqual(clean);
  });
});
