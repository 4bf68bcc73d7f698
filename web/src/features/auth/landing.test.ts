import { describe, expect, it } from 'vitest';
import { landingPath, safeNext } from './landing.ts';

describe('after login', () => {
  it('sends each role to its work', () => {
    expect(landingPath({ roles: ['reporter'] })).toBe('/data-entry');
    expect(landingPath({ roles: ['reviewer'] })).toBe('/data-entry/review');
    expect(landingPath({ roles: ['stats'] })).toBe('/data-entry/progress');
    expect(landingPath({ roles: ['admin'] })).toBe('/evaluation');
    expect(landingPath({ roles: ['viewer'] })).toBe('/evaluation');
    // A reporter who also reviews fills first.
    expect(landingPath({ roles: ['reviewer', 'reporter'] })).toBe('/data-entry');
  });

  it('follows only same-site paths', () => {
    expect(safeNext('/data-entry/forms/3')).toBe('/data-entry/forms/3');
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/login?next=/x')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
