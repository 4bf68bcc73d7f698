/**
 * `node bin/run-ts.js web/scripts/bundle-size.ts [DIST]`: the gzipped size of what the entry page loads
 * (index.html's module script, modulepreloads and CSS) and the biggest lazy chunks of a built front end.
 * DIST defaults to FUER_WEB_DIST, else dist/web; build it first (`FUER_WEB_DIST=… npm run build:web`).
 */
import path from 'node:path';
import { DEFAULT_DIST, formatBundle, measureBundle } from './bundle-figures.ts';

const dist = path.resolve(process.argv[2] ?? DEFAULT_DIST);
try {
  for (const line of formatBundle(measureBundle(dist))) process.stdout.write(`${line}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
