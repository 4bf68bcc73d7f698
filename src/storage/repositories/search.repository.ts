import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { SearchHit, SearchResult } from '../../api/contract.ts';
import type { Database } from '../schema.ts';
import { PLAN_KIND_ORDER } from './row-mappers.ts';

/** Escapes LIKE wildcards so that % and _ in a query match themselves (used with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Characters of context on each side of the match in a snippet. */
const CONTEXT = 40;

export interface SearchOptions {
  planCode?: string;
  regionCode?: string;
  /** Most hits returned (total still counts all). Default 50. */
  limit?: number;
}

/** The text around the first match of `needle` (case-insensitive for Latin letters, like the query). */
export function snippetOf(text: string, needle: string): { snippet: string; matchStart: number; matchEnd: number } {
  const at = text.toLowerCase().indexOf(needle.toLowerCase());
  if (at < 0) return { snippet: text.slice(0, CONTEXT * 2), matchStart: 0, matchEnd: 0 };
  const start = Math.max(0, at - CONTEXT);
  const end = Math.min(text.length, at + needle.length + CONTEXT);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return {
    snippet: `${prefix}${text.slice(start, end)}${suffix}`,
    matchStart: prefix.length + at - start,
    matchEnd: prefix.length + at - start + needle.length,
  };
}

/**
 * Searches goal and measure texts for `q` as a literal substring (LIKE with % _ \ escaped; Latin letters
 * case-insensitive on both engines through lower()). Hits come in plan → domain → goals, then measures order.
 */
export async function searchText(db: Kysely<Database>, q: string, options: SearchOptions = {}): Promise<SearchResult> {
  const query = q.trim();
  if (query === '') return { query, total: 0, hits: [] };
  const pattern = `%${escapeLike(query.toLowerCase())}%`;
  const { planCode, regionCode } = options;
  const matches = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;

  const goals = db
    .selectFrom('goals as x')
    .innerJoin('domains as d', 'd.id', 'x.domain_id')
    .innerJoin('plans as p', 'p.id', 'd.plan_id')
    .select(['x.id', 'x.ord', 'x.text', 'd.ord as domain_ord', 'd.title as domain_title', 'p.code as plan_code', 'p.kind as plan_kind', 'p.title as plan_title', 'p.region_code', 'p.period_start'])
    .where(matches('x.text'))
    .$if(planCode !== undefined, (qb) => qb.where('p.code', '=', planCode as string))
    .$if(regionCode !== undefined, (qb) => qb.where('p.region_code', '=', regionCode as string))
    .execute();
  const measures = db
    .selectFrom('measures as x')
    .innerJoin('domains as d', 'd.id', 'x.domain_id')
    .innerJoin('plans as p', 'p.id', 'd.plan_id')
    .select(['x.id', 'x.ord', 'x.text', 'd.ord as domain_ord', 'd.title as domain_title', 'p.code as plan_code', 'p.kind as plan_kind', 'p.title as plan_title', 'p.region_code', 'p.period_start'])
    .where(matches('x.text'))
    .$if(planCode !== undefined, (qb) => qb.where('p.code', '=', planCode as string))
    .$if(regionCode !== undefined, (qb) => qb.where('p.region_code', '=', regionCode as string))
    .execute();

  const rows = [...(await goals).map((r) => ({ ...r, type: 'goal' as const })), ...(await measures).map((r) => ({ ...r, type: 'measure' as const }))];
  rows.sort(
    (a, b) =>
      (a.region_code < b.region_code ? -1 : a.region_code > b.region_code ? 1 : 0) ||
      a.period_start - b.period_start ||
      PLAN_KIND_ORDER[a.plan_kind] - PLAN_KIND_ORDER[b.plan_kind] ||
      a.domain_ord - b.domain_ord ||
      (a.type === b.type ? 0 : a.type === 'goal' ? -1 : 1) ||
      a.ord - b.ord,
  );
  const limit = Math.max(1, options.limit ?? 50);
  const hits: SearchHit[] = rows.slice(0, limit).map((r) => ({
    type: r.type,
    id: r.id,
    plan: { code: r.plan_code, kind: r.plan_kind, title: r.plan_title },
    domain: { ord: r.domain_ord, title: r.domain_title },
    ord: r.ord,
    ...snippetOf(r.text, query),
  }));
  return { query, total: rows.length, hits };
}
