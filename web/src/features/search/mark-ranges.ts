/** Parts of the snippet to mark: every occurrence of the query, else the server's match offsets. */
export function markRanges(snippet: string, query: string, matchStart: number, matchEnd: number): [number, number][] {
  const ranges: [number, number][] = [];
  const q = query.trim();
  if (q) {
    for (let at = snippet.indexOf(q); at >= 0; at = snippet.indexOf(q, at + q.length)) ranges.push([at, at + q.length]);
  }
  if (ranges.length === 0 && matchStart >= 0 && matchEnd > matchStart && matchEnd <= snippet.length) {
    ranges.push([matchStart, matchEnd]);
  }
  return ranges;
}
